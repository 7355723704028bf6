package io.tributary.broker.partition;

import io.tributary.protocol.Uuid;
import io.tributary.records.MemoryRecords;
import io.tributary.storage.FetchDataInfo;
import io.tributary.storage.LogAppendInfo;
import io.tributary.storage.PartitionLog;
import io.tributary.storage.TopicPartition;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A partition this broker hosts as leader: its log, its leader epoch, and the signal that wakes
 * fetches waiting for new data.
 *
 * <p>High watermark: on a single node the in-sync replica set is this broker alone, so every
 * appended offset is committed and the high watermark is the log end offset (Kafka's behaviour
 * with one replica). Durability is separate: an {@code acks=all} produce additionally waits for
 * {@link #awaitDurable} when {@code log.flush.on.acks.all} is on (DESIGN D5).
 *
 * <p>In-sync replicas: the replicas and ISR of the partition's registration in the metadata image,
 * kept here with the topic's {@code min.insync.replicas} ({@link IsrState}); an {@code acks=all}
 * append to a partition whose ISR is smaller than Kafka's effective minimum is refused with
 * NOT_ENOUGH_REPLICAS.
 *
 * <p>Thread safety: appends are serialised by the log; everything else may be called from any
 * thread.
 */
public final class Partition {

    private final TopicPartition topicPartition;
    private final Uuid topicId;
    private final PartitionLog log;
    private volatile int leaderEpoch;
    private volatile IsrState isrState;
    private final AtomicReference<CompletableFuture<Void>> nextAppend = new AtomicReference<>(new CompletableFuture<>());

    public Partition(TopicPartition topicPartition, Uuid topicId, PartitionLog log, int leaderEpoch, IsrState isrState) {
        this.topicPartition = topicPartition;
        this.topicId = topicId;
        this.log = log;
        this.leaderEpoch = leaderEpoch;
        this.isrState = isrState;
        log.updateHighWatermark(log.logEndOffset());
        log.maybeAssignEpochStartOffset(leaderEpoch, log.logEndOffset());
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public Uuid topicId() {
        return topicId;
    }

    public PartitionLog log() {
        return log;
    }

    public int leaderEpoch() {
        return leaderEpoch;
    }

    /** A new leader epoch starts at the log end offset, as when Kafka makes a replica leader. */
    public void setLeaderEpoch(int leaderEpoch) {
        this.leaderEpoch = leaderEpoch;
        log.maybeAssignEpochStartOffset(leaderEpoch, log.logEndOffset());
    }

    /** The replicas and ISR of the partition's registration, with the topic's {@code min.insync.replicas}. */
    public IsrState isrState() {
        return isrState;
    }

    /** Takes a changed registration or {@code min.insync.replicas}. */
    public void updateIsrState(IsrState isrState) {
        this.isrState = isrState;
    }

    public long highWatermark() {
        return log.highWatermark();
    }

    /** Without transactions every offset below the high watermark is stable. */
    public long lastStableOffset() {
        return log.highWatermark();
    }

    public long logStartOffset() {
        return log.logStartOffset();
    }

    public long logEndOffset() {
        return log.logEndOffset();
    }

    /**
     * Appends for a producer with {@code requiredAcks} (0, 1 or -1): as {@link #appendAsLeader(MemoryRecords)},
     * after checking that an {@code acks=all} produce has enough in-sync replicas.
     *
     * @throws NotEnoughReplicasException if {@code requiredAcks} is -1 and the ISR is smaller than
     *     {@link IsrState#effectiveMinIsr()}
     */
    public LogAppendInfo appendAsLeader(MemoryRecords records, short requiredAcks) {
        IsrState state = isrState;
        if (requiredAcks == -1 && !state.acceptsAcksAll()) {
            throw new NotEnoughReplicasException("The size of the current ISR : " + state.isr().size()
                    + " is insufficient to satisfy the min.isr requirement of " + state.effectiveMinIsr()
                    + " for partition " + topicPartition + ", live replica(s) broker.id are : " + state.isr());
        }
        return appendAsLeader(records);
    }

    /** Appends as leader, advances the high watermark and wakes waiting fetches. */
    public LogAppendInfo appendAsLeader(MemoryRecords records) {
        LogAppendInfo info = log.appendAsLeader(records, leaderEpoch);
        if (!info.duplicate()) {
            log.updateHighWatermark(log.logEndOffset());
            signalAppend();
        }
        return info;
    }

    /** Completes when every offset up to {@code offset} is fsynced. */
    public CompletableFuture<Void> awaitDurable(long offset) {
        return log.awaitDurable(offset);
    }

    /** Reads for a consumer: nothing at or above {@code maxOffset} (the high watermark). */
    public FetchDataInfo read(long offset, int maxBytes, long maxOffset, boolean minOneMessage) {
        return log.read(offset, maxBytes, maxOffset, minOneMessage);
    }

    /**
     * A future completed by the next append. A fetch takes it <em>before</em> it reads, so an append
     * that lands after the read has always completed the future it holds (no lost wake-up).
     */
    public CompletableFuture<Void> nextAppend() {
        return nextAppend.get();
    }

    private void signalAppend() {
        CompletableFuture<Void> fired = nextAppend.getAndSet(new CompletableFuture<>());
        fired.complete(null);
    }
}
