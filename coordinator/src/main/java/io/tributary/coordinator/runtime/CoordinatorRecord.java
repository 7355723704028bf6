package io.tributary.coordinator.runtime;

import io.tributary.protocol.ApiMessage;
import java.util.Objects;

/**
 * One record of a coordinator's state log: a key whose {@link ApiMessage#apiKey() api key} is the
 * record type, and a value written at {@code valueVersion}, or no value (a tombstone, which
 * compaction eventually removes together with every earlier record of the same key).
 */
public record CoordinatorRecord(ApiMessage key, ApiMessage value, short valueVersion) {

    public CoordinatorRecord {
        Objects.requireNonNull(key, "key");
    }

    public static CoordinatorRecord record(ApiMessage key, ApiMessage value, short valueVersion) {
        return new CoordinatorRecord(key, Objects.requireNonNull(value, "value"), valueVersion);
    }

    public static CoordinatorRecord tombstone(ApiMessage key) {
        return new CoordinatorRecord(key, null, (short) -1);
    }

    public boolean isTombstone() {
        return value == null;
    }

    public short type() {
        return key.apiKey();
    }
}
