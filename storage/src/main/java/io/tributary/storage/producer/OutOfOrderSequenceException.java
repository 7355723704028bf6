package io.tributary.storage.producer;

import io.tributary.storage.StorageException;

/**
 * A client batch's first sequence does not follow the producer's last appended sequence at the same
 * epoch (a gap, a regression, or a retry older than the five batches remembered), or a batch of a new
 * epoch does not start at sequence 0: Kafka's OUT_OF_ORDER_SEQUENCE_NUMBER (45). Nothing was written.
 */
public final class OutOfOrderSequenceException extends StorageException {

    public OutOfOrderSequenceException(String message) {
        super(message);
    }
}
