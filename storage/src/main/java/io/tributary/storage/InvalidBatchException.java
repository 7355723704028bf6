package io.tributary.storage;

/**
 * A batch offered for append is well-formed but not acceptable (old magic, record count that does
 * not match its offsets, a timestamp out of bounds): Kafka's INVALID_RECORD. Nothing was written.
 */
public final class InvalidBatchException extends StorageException {

    public InvalidBatchException(String message) {
        super(message);
    }

    public InvalidBatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
