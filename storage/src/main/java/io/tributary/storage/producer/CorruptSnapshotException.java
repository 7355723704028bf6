package io.tributary.storage.producer;

import java.io.IOException;

/**
 * A producer state snapshot file cannot be trusted: wrong version, CRC mismatch, or a size that does
 * not match its entry count. Never reaches a client: {@link ProducerStateManager} deletes the file and
 * falls back to an older snapshot or to replaying the log, as Kafka does.
 */
public final class CorruptSnapshotException extends IOException {

    public CorruptSnapshotException(String message) {
        super(message);
    }
}
