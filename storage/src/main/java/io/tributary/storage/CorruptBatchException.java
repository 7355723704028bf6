package io.tributary.storage;

/** A batch offered for append failed its CRC or size checks: Kafka's CORRUPT_MESSAGE. Nothing was written. */
public final class CorruptBatchException extends StorageException {

    public CorruptBatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
