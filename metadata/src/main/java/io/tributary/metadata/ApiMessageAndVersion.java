package io.tributary.metadata;

import io.tributary.protocol.ApiMessage;
import java.util.Objects;

/**
 * A record together with the version it is (to be) serialized at, as it travels between the
 * controller, the metadata log and {@link MetadataRecordSerde}.
 *
 * <p>The message is a generated, mutable class: once wrapped it is treated as a value and must not
 * be changed.
 *
 * @param message the record
 * @param version a version the record's schema defines
 */
public record ApiMessageAndVersion(ApiMessage message, short version) {

    public ApiMessageAndVersion {
        Objects.requireNonNull(message, "message");
        if (version < message.lowestSupportedVersion() || version > message.highestSupportedVersion()) {
            throw new IllegalArgumentException(message.getClass().getSimpleName() + " has no version " + version
                    + " (supported " + message.lowestSupportedVersion() + "-" + message.highestSupportedVersion() + ")");
        }
    }

    @Override
    public String toString() {
        return "ApiMessageAndVersion(" + message + " at version " + version + ")";
    }
}
