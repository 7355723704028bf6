package io.tributary.broker.partition;

/**
 * An {@code acks=all} produce to a partition whose in-sync replica set is smaller than its
 * {@code min.insync.replicas}: Kafka's NOT_ENOUGH_REPLICAS. Nothing was written.
 */
public final class NotEnoughReplicasException extends RuntimeException {

    public NotEnoughReplicasException(String message) {
        super(message);
    }
}
