package io.tributary.storage.producer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one partition knows of one producer id (Kafka's {@code ProducerStateEntry}): its current epoch,
 * the metadata of its last {@value #NUM_BATCHES_TO_RETAIN} batches at that epoch (oldest first), the
 * timestamp of its last batch, the epoch of the last transaction coordinator that wrote a marker for it,
 * and the first offset of its open transaction, if any.
 *
 * <p>Five batches because a Kafka producer has at most five requests in flight per partition
 * ({@code max.in.flight.requests.per.connection} ≤ 5 with idempotence): any retry it can send is a
 * retry of one of them.
 *
 * <p>Thread safety: none. Entries are changed only by {@link ProducerStateManager} on the partition's
 * writer thread; the accessors are for that thread (or for code it hands a copy to).
 */
public final class ProducerStateEntry {

    public static final int NUM_BATCHES_TO_RETAIN = 5;
    /** The epoch of a producer the partition has seen no batch from. */
    public static final short NO_PRODUCER_EPOCH = -1;
    /** The coordinator epoch before any transaction marker was written. */
    public static final int NO_COORDINATOR_EPOCH = -1;
    /** Written in snapshots for "no open transaction" and "no batch". */
    static final long NO_OFFSET = -1L;
    static final long NO_TIMESTAMP = -1L;

    private final long producerId;
    private final ArrayDeque<BatchMetadata> batches = new ArrayDeque<>(NUM_BATCHES_TO_RETAIN);
    private short producerEpoch;
    private int coordinatorEpoch;
    private long lastTimestamp;
    private long currentTxnFirstOffset;
    /** Counts {@link #update} calls, so a {@link ProducerAppendInfo} prepared before one is recognised as stale. */
    private int version;

    ProducerStateEntry(long producerId, short producerEpoch, int coordinatorEpoch, long lastTimestamp,
                       long currentTxnFirstOffset) {
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.coordinatorEpoch = coordinatorEpoch;
        this.lastTimestamp = lastTimestamp;
        this.currentTxnFirstOffset = currentTxnFirstOffset < 0 ? NO_OFFSET : currentTxnFirstOffset;
    }

    /** The state of a producer id this partition has no record of. */
    static ProducerStateEntry empty(long producerId) {
        return new ProducerStateEntry(producerId, NO_PRODUCER_EPOCH, NO_COORDINATOR_EPOCH, NO_TIMESTAMP, NO_OFFSET);
    }

    /** A copy with the same epoch, coordinator epoch, timestamp and transaction, but no batches. */
    ProducerStateEntry withoutBatches() {
        return new ProducerStateEntry(producerId, producerEpoch, coordinatorEpoch, lastTimestamp,
                currentTxnFirstOffset);
    }

    public long producerId() {
        return producerId;
    }

    public short producerEpoch() {
        return producerEpoch;
    }

    public int coordinatorEpoch() {
        return coordinatorEpoch;
    }

    /** Max timestamp of the producer's last batch; what expiration is measured from. */
    public long lastTimestamp() {
        return lastTimestamp;
    }

    /** First offset of the producer's open transaction on this partition. */
    public OptionalLong currentTxnFirstOffset() {
        return currentTxnFirstOffset == NO_OFFSET ? OptionalLong.empty() : OptionalLong.of(currentTxnFirstOffset);
    }

    /** The retained batches at the current epoch, oldest first; a copy. */
    public List<BatchMetadata> batchMetadata() {
        return List.copyOf(batches);
    }

    /** Whether no batch at the current epoch is retained (a new producer, or one loaded without batches). */
    public boolean isEmpty() {
        return batches.isEmpty();
    }

    public int firstSeq() {
        return isEmpty() ? SequenceNumbers.NO_SEQUENCE : batches.getFirst().firstSeq();
    }

    public int lastSeq() {
        return isEmpty() ? SequenceNumbers.NO_SEQUENCE : batches.getLast().lastSeq();
    }

    public long firstDataOffset() {
        return isEmpty() ? NO_OFFSET : batches.getFirst().firstOffset();
    }

    public long lastDataOffset() {
        return isEmpty() ? NO_OFFSET : batches.getLast().lastOffset();
    }

    public int lastOffsetDelta() {
        return isEmpty() ? 0 : batches.getLast().offsetDelta();
    }

    /**
     * The retained batch this one is a retry of: same epoch and exactly the same sequence range.
     * Kafka answers such a retry with the original batch's offsets instead of appending it again.
     */
    public Optional<BatchMetadata> findDuplicate(short epoch, int firstSeq, int lastSeq) {
        if (epoch != producerEpoch) {
            return Optional.empty();
        }
        for (BatchMetadata batch : batches) {
            if (batch.firstSeq() == firstSeq && batch.lastSeq() == lastSeq) {
                return Optional.of(batch);
            }
        }
        return Optional.empty();
    }

    /** Records a batch; a different epoch first forgets the batches of the old one. */
    void addBatch(short epoch, BatchMetadata batch) {
        maybeUpdateProducerEpoch(epoch);
        if (batches.size() == NUM_BATCHES_TO_RETAIN) {
            batches.removeFirst();
        }
        batches.addLast(batch);
        lastTimestamp = batch.maxTimestamp();
    }

    void setCurrentTxnFirstOffset(long firstOffset) {
        currentTxnFirstOffset = firstOffset;
    }

    int version() {
        return version;
    }

    /** Applies what {@link ProducerAppendInfo} staged on a {@link #withoutBatches()} copy of this entry. */
    void update(ProducerStateEntry staged) {
        maybeUpdateProducerEpoch(staged.producerEpoch);
        for (BatchMetadata batch : staged.batches) {
            addBatch(staged.producerEpoch, batch);
        }
        coordinatorEpoch = staged.coordinatorEpoch;
        currentTxnFirstOffset = staged.currentTxnFirstOffset;
        lastTimestamp = staged.lastTimestamp;
        version++;
    }

    private void maybeUpdateProducerEpoch(short epoch) {
        if (producerEpoch != epoch) {
            batches.clear();
            producerEpoch = epoch;
        }
    }

    @Override
    public String toString() {
        return "ProducerStateEntry(producerId " + producerId + ", epoch " + producerEpoch + ", coordinatorEpoch "
                + coordinatorEpoch + ", lastTimestamp " + lastTimestamp + ", currentTxnFirstOffset "
                + currentTxnFirstOffset + ", batches " + new ArrayList<>(batches) + ")";
    }
}
