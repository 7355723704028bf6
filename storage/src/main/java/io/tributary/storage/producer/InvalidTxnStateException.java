package io.tributary.storage.producer;

import io.tributary.storage.StorageException;

/**
 * A producer with a transaction open on this partition wrote a non-transactional batch: Kafka's
 * INVALID_TXN_STATE (48). Nothing was written.
 */
public final class InvalidTxnStateException extends StorageException {

    public InvalidTxnStateException(String message) {
        super(message);
    }
}
