package io.tributary.storage.producer;

import io.tributary.storage.StorageException;

/**
 * A batch carries a producer epoch lower than the one the partition last saw for that producer id: a
 * zombie instance was fenced by a newer one. Kafka's INVALID_PRODUCER_EPOCH (47), which is what Kafka
 * (since 2.7, KIP-588) returns to Produce; PRODUCER_FENCED (90) is the transaction coordinator's error
 * and is not raised by a partition. Nothing was written.
 */
public final class InvalidProducerEpochException extends StorageException {

    public InvalidProducerEpochException(String message) {
        super(message);
    }
}
