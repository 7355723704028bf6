package io.tributary.storage;

/**
 * Base of the storage engine's failures that a caller can act on. Each subclass corresponds to one
 * Kafka error the broker reports for it; the mapping to wire error codes happens once, in the broker
 * (STYLE habit 9), so this module stays free of the protocol.
 */
public abstract class StorageException extends RuntimeException {

    protected StorageException(String message) {
        super(message);
    }

    protected StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
