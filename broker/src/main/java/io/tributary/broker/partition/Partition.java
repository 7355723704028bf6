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
 * <p>Thread safety: appends are serialised by the log; everything else may be called from any
 * thread.
 */
public final class Partition {

    private final TopicPartition topicPartition;
    private final Uuid topicId;
    private final PartitionLog log;
    private volatile int leaderEpoch;
    private final AtomicReference<CompletableFuture<Void>> nextAppend = new AtomicReference<>(new CompletableFuture<>());

    public Partition(TopicPartition topicPartition, Uuid topicId, PartitionLog log, int leaderEpoch) {
        this.topicPartition = topicPartition;
        this.topicId = topicId;
        this.log = log;
        this.leaderEpoch = leaderEpoch;
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
