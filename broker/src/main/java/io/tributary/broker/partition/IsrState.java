package io.tributary.broker.partition;

import java.util.List;

/**
 * What decides whether a partition takes an {@code acks=all} produce: its replicas and in-sync
 * replicas, from the partition's registration in the metadata image, and the topic's
 * {@code min.insync.replicas}.
 *
 * <p>As in Kafka 4, the minimum that applies is {@code min(min.insync.replicas, replicas)}: a topic
 * with fewer replicas than its {@code min.insync.replicas} (say replication factor 1 and
 * {@code min.insync.replicas=2}) needs all of them in sync, not more than exist. So NOT_ENOUGH_REPLICAS
 * comes only when replicas have dropped out of the ISR.
 *
 * <p>Immutable and thread-safe.
 *
 * @param replicas          the partition's replicas
 * @param isr               its in-sync replicas
 * @param minInsyncReplicas the topic's {@code min.insync.replicas}
 */
public record IsrState(List<Integer> replicas, List<Integer> isr, int minInsyncReplicas) {

    public IsrState {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
        if (minInsyncReplicas < 1) {
            throw new IllegalArgumentException("min.insync.replicas must be at least 1: " + minInsyncReplicas);
        }
    }

    /** The in-sync replicas an {@code acks=all} produce needs: Kafka's effective min ISR. */
    public int effectiveMinIsr() {
        return Math.min(minInsyncReplicas, replicas.size());
    }

    /** Whether an {@code acks=all} produce may be appended. */
    public boolean acceptsAcksAll() {
        return isr.size() >= effectiveMinIsr();
    }
}
