package io.tributary.storage;

import io.tributary.common.Time;
import io.tributary.records.MemoryRecords;
import io.tributary.records.RecordBatch;
import io.tributary.records.TimestampType;
import io.tributary.storage.BatchValidator.ValidatedBatches;
import io.tributary.storage.checkpoint.CorruptCheckpointException;
import io.tributary.storage.index.TimestampOffset;
import io.tributary.storage.producer.AppendOrigin;
import io.tributary.storage.producer.BatchMetadata;
import io.tributary.storage.producer.ProducerAppendInfo;
import io.tributary.storage.producer.ProducerStateManager;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit log of one partition: a sequence of {@link LogSegment}s in the directory
 * {@code <topic>-<partition>}, the newest of which takes appends.
 *
 * <p>Offsets: the log start offset is the first offset that may be read, the log end offset the
 * next to be assigned; the recovery point is the offset below which everything is fsynced
 * ({@link #awaitDurable} waits on it). The high watermark is set by the replica layer; reads are
 * bounded by the caller.
 *
 * <p>Log start offset: it moves up when retention removes whole segments, and by DeleteRecords
 * ({@link #deleteRecordsBefore}) to any offset up to the high watermark, possibly inside a segment;
 * reads below it fail with {@link OffsetOutOfRangeException}.
 *
 * <p>Leader epochs: a {@link LeaderEpochCache} ({@code leader-epoch-checkpoint}) records where each
 * leader epoch started writing; it follows appends, truncation and the log start offset, and is
 * loaded (or rebuilt from batch headers) with the log.
 *
 * <p>Thread safety: appends, rolls, truncation, retention and flushes take {@link #lock}, one writer
 * at a time in arrival order. Reads take no lock: they use the segment map and the published log end
 * offset, and see only complete appends. A segment removed by retention stays open until its owner
 * deletes it after {@code file.delete.delay.ms}, so a read that found it before still completes.
 */
public final class PartitionLog {

    private static final Logger log = LoggerFactory.getLogger(PartitionLog.class);
    /** Zeros kept written ahead of a frequently fsynced active segment ({@link #prewriteActiveSegment}). */
    static final int PREWRITE_BYTES = 1024 * 1024;

    private final TopicPartition topicPartition;
    private final Path dir;
    private final Time time;
    private final LogFlusher flusher;
    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentSkipListMap<Long, LogSegment> segments;
    private final DurabilityTracker durability;
    private final ProducerStateManager producerState;
    private final LeaderEpochCache leaderEpochCache;
    private final AtomicBoolean flushRequested = new AtomicBoolean();
    private final Object flushLock = new Object();
    private final AtomicLong fsyncCount = new AtomicLong();
    private volatile LogConfig config;
    private volatile long logEndOffset;
    private volatile long logStartOffset;
    private volatile long highWatermark;
    private volatile long recoveryPoint;
    private long unflushedMessages;
    private long lastFlushMs;
    private volatile boolean closed;

    PartitionLog(TopicPartition topicPartition, Path dir, LogConfig config, Time time, LogFlusher flusher,
                 ConcurrentSkipListMap<Long, LogSegment> segments, ProducerStateManager producerState,
                 long logStartOffset, long logEndOffset, long recoveryPoint) {
        this.producerState = producerState;
        this.topicPartition = topicPartition;
        this.dir = dir;
        this.config = config;
        this.time = time;
        this.flusher = flusher;
        this.segments = segments;
        this.logStartOffset = logStartOffset;
        this.logEndOffset = logEndOffset;
        this.recoveryPoint = Math.min(recoveryPoint, logEndOffset);
        this.highWatermark = logStartOffset;
        this.durability = new DurabilityTracker(this.recoveryPoint);
        this.leaderEpochCache = new LeaderEpochCache(dir);
        this.lastFlushMs = time.milliseconds();
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public Path dir() {
        return dir;
    }

    public LogConfig config() {
        return config;
    }

    /** Applies a changed topic config; takes effect from the next append or roll. */
    public void updateConfig(LogConfig newConfig) {
        this.config = newConfig;
    }

    public long logStartOffset() {
        return logStartOffset;
    }

    public long logEndOffset() {
        return logEndOffset;
    }

    public long highWatermark() {
        return highWatermark;
    }

    /** Sets the high watermark, clamped to [log start offset, log end offset]. */
    public void updateHighWatermark(long offset) {
        highWatermark = Math.max(logStartOffset, Math.min(offset, logEndOffset));
    }

    /** Every offset below this is on disk (fsynced). */
    public long recoveryPoint() {
        return recoveryPoint;
    }

    /** Group commits performed so far: appends per fsync is appends divided by this. */
    public long fsyncCount() {
        return fsyncCount.get();
    }

    public Collection<LogSegment> segments() {
        return segments.values();
    }

    public LogSegment activeSegment() {
        return segments.lastEntry().getValue();
    }

    /** The bytes of all segments. */
    public long sizeInBytes() {
        long size = 0;
        for (LogSegment segment : segments.values()) {
            size += segment.sizeInBytes();
        }
        return size;
    }

    /**
     * Validates and appends the batches in {@code records} as the partition leader: recompresses
     * batches whose codec differs from the topic's {@code compression.type}, assigns offsets from the
     * log end offset by rewriting each batch header in place, stamps the leader epoch and, for
     * LogAppendTime topics, the broker's time. Nothing is written if any batch is invalid.
     *
     * @throws CorruptBatchException on a CRC or size failure (CORRUPT_MESSAGE)
     * @throws InvalidBatchException on an unacceptable batch (INVALID_RECORD)
     * @throws RecordValidationException for records the topic refuses: no key on a compacted topic,
     *     a timestamp out of bounds (INVALID_RECORD, INVALID_TIMESTAMP)
     * @throws RecordTooLargeException for a batch over {@code max.message.bytes}, as received or as
     *     stored after recompression (RECORD_TOO_LARGE)
     */
    public LogAppendInfo appendAsLeader(MemoryRecords records, int leaderEpoch) {
        LogConfig cfg = config;
        ValidatedBatches validated = BatchRecompressor.toTargetCodec(
                BatchValidator.validate(records, cfg, topicPartition, time.milliseconds()), cfg, topicPartition);
        ByteBuffer buffer = validated.buffer();
        lock.lock();
        try {
            ensureOpen();
            RecordBatch first = validated.batches().get(0);
            if (first.hasProducerId()) {
                Optional<BatchMetadata> duplicate = producerState.findDuplicate(first.producerId(), first.producerEpoch(),
                        first.baseSequence(), first.lastOffsetDelta());
                if (duplicate.isPresent()) {
                    BatchMetadata original = duplicate.get();
                    return new LogAppendInfo(original.firstOffset(), original.lastOffset(), original.maxTimestamp(),
                            cfg.logAppendTime() ? original.maxTimestamp() : -1, logStartOffset, validated.recordCount(), 0, true);
                }
            }
            long now = time.milliseconds();
            long firstOffset = logEndOffset;
            long next = firstOffset;
            long maxTimestamp = RecordBatch.NO_TIMESTAMP;
            for (RecordBatch batch : validated.batches()) {
                batch.setBaseOffset(next);
                batch.setPartitionLeaderEpoch(leaderEpoch);
                if (cfg.logAppendTime()) {
                    batch.setMaxTimestamp(TimestampType.LOG_APPEND_TIME, now);
                }
                maxTimestamp = Math.max(maxTimestamp, batch.maxTimestamp());
                next = batch.lastOffset() + 1;
            }
            ProducerAppendInfo producerAppend = first.hasProducerId() ? checkProducer(first) : null;
            leaderEpochCache.assign(leaderEpoch, firstOffset); // before the data: the file never lacks a durable epoch
            appendToSegment(buffer, firstOffset, next - 1, validated.sizeInBytes(), now);
            if (producerAppend != null) {
                producerState.update(producerAppend);
            }
            producerState.updateMapEndOffset(next);
            unflushedMessages += validated.recordCount();
            return new LogAppendInfo(firstOffset, next - 1, maxTimestamp, cfg.logAppendTime() ? now : -1,
                    logStartOffset, validated.recordCount(), validated.sizeInBytes(), false);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Checks an idempotent batch (already given its offsets) against producer state; throws before
     * anything is written if its sequence or epoch is refused.
     */
    private ProducerAppendInfo checkProducer(RecordBatch batch) {
        ProducerAppendInfo info = producerState.prepareUpdate(batch.producerId(), AppendOrigin.CLIENT);
        info.appendDataBatch(batch.producerEpoch(), batch.baseSequence(), batch.baseOffset(), batch.lastOffsetDelta(),
                batch.maxTimestamp(), batch.isTransactional());
        return info;
    }

    private void appendToSegment(ByteBuffer buffer, long firstOffset, long lastOffset, int size, long now) {
        try {
            LogSegment segment = maybeRoll(size, lastOffset, now);
            segment.append(buffer);
            logEndOffset = lastOffset + 1;
        } catch (IOException e) {
            throw failed("append at offset " + firstOffset, e);
        }
        maybeRequestFlushByPolicy(now);
    }

    /** Rolls to a new segment when the active one is full by size, age, index room or offset range. */
    private LogSegment maybeRoll(int size, long lastOffset, long now) throws IOException {
        LogSegment active = activeSegment();
        LogConfig cfg = config;
        boolean nonEmpty = active.sizeInBytes() > 0;
        boolean full = nonEmpty && (active.sizeInBytes() > cfg.segmentBytes() - size
                || now - active.createdMs() > cfg.segmentMs()
                || active.indexesFull()
                || lastOffset - active.baseOffset() > Integer.MAX_VALUE);
        return full ? rollLocked(now) : active;
    }

    /** Starts a new active segment at the log end offset, even if the current one is not full. */
    public LogSegment roll() {
        lock.lock();
        try {
            ensureOpen();
            if (activeSegment().sizeInBytes() == 0) {
                return activeSegment();
            }
            return rollLocked(time.milliseconds());
        } catch (IOException e) {
            throw failed("roll", e);
        } finally {
            lock.unlock();
        }
    }

    private LogSegment rollLocked(long now) throws IOException {
        LogSegment previous = activeSegment();
        // The old segment is fsynced by the flusher, not here: an fsync of 1 GiB would stall every
        // producer of this partition. A power loss can then leave the old segment short of the new
        // one's base offset; no confirmed offset is in such a hole (a durability wait for an offset
        // in the new segment fsyncs the old one too), and LogLoader ends the log at the hole.
        previous.onBecomeInactive();
        LogSegment next = LogSegment.open(dir, logEndOffset, config, time);
        Directories.fsync(dir); // fdatasync of the new file's data does not make its directory entry durable
        segments.put(next.baseOffset(), next);
        producerState.updateMapEndOffset(next.baseOffset());
        producerState.takeSnapshot();
        log.debug("{}: rolled to segment {}", topicPartition, next.baseOffset());
        requestFlush();
        return next;
    }

    /**
     * Removes the oldest segments that retention no longer keeps, if {@code cleanup.policy} contains
     * {@code delete}: first those whose largest timestamp is more than {@code retention.ms} before
     * {@code nowMs}, then the oldest while the log exceeds {@code retention.bytes} by at least a whole
     * segment. Only segments wholly below the high watermark go. When every segment qualifies, the
     * active one is rolled first (as Kafka does), so the log keeps an empty active segment at its end.
     *
     * <p>The log start offset moves to the base offset of the first remaining segment. The removed
     * segments are out of the segment map at once and their files renamed {@code .deleted}, but they
     * stay open: the caller closes and removes them with {@link LogSegment#delete()} after
     * {@code file.delete.delay.ms}, so reads already handed out still complete.
     *
     * @return the removed segments, oldest first
     */
    public List<LogSegment> deleteRetentionBreachedSegments(long nowMs) {
        LogConfig cfg = config;
        lock.lock();
        try {
            ensureOpen();
            List<LogSegment> deleted = new ArrayList<>(deleteLogStartOffsetBreachedSegments());
            if (!cfg.deleteEnabled()) {
                return deleted;
            }
            if (cfg.retentionMs() >= 0) {
                deleted.addAll(deleteOldestSegmentsWhile(segment -> nowMs - segment.largestTimestamp() > cfg.retentionMs()));
            }
            if (cfg.retentionBytes() >= 0) {
                long[] excessBytes = {sizeInBytes() - cfg.retentionBytes()};
                deleted.addAll(deleteOldestSegmentsWhile(segment -> {
                    if (excessBytes[0] < segment.sizeInBytes()) {
                        return false;
                    }
                    excessBytes[0] -= segment.sizeInBytes();
                    return true;
                }));
            }
            return deleted;
        } catch (IOException e) {
            throw failed("retention", e);
        } finally {
            lock.unlock();
        }
    }

    /** A test of one segment that may read its files. */
    @FunctionalInterface
    private interface SegmentPredicate {
        boolean test(LogSegment segment) throws IOException;
    }

    /**
     * Removes segments from the oldest on while {@code predicate} holds and the segment lies wholly
     * below the high watermark; the predicate is not asked about segments past that point. Holds the lock.
     */
    private List<LogSegment> deleteOldestSegmentsWhile(SegmentPredicate predicate) throws IOException {
        List<LogSegment> deletable = new ArrayList<>();
        for (LogSegment segment : segments.values()) {
            Long nextBase = segments.higherKey(segment.baseOffset());
            boolean lastAndEmpty = nextBase == null && segment.sizeInBytes() == 0;
            long endOffset = nextBase != null ? nextBase : logEndOffset;
            if (lastAndEmpty || highWatermark < endOffset || !predicate.test(segment)) {
                break;
            }
            deletable.add(segment);
        }
        if (deletable.isEmpty()) {
            return deletable;
        }
        if (deletable.size() == segments.size()) {
            rollLocked(time.milliseconds());
        }
        long newLogStartOffset = segments.higherKey(deletable.get(deletable.size() - 1).baseOffset());
        // The start offset moves before the segments leave the map: a concurrent read either gets
        // OffsetOutOfRangeException or finds a segment that is still open.
        incrementLogStartOffset(newLogStartOffset);
        for (LogSegment segment : deletable) {
            segments.remove(segment.baseOffset());
            segment.renameToDeleted();
        }
        log.info("{}: deleted {} segments; log start offset {}", topicPartition, deletable.size(), logStartOffset);
        return deletable;
    }

    /** Moves the log start offset up to {@code newLogStartOffset} (never down) and everything bounded by it. Holds the lock. */
    private void incrementLogStartOffset(long newLogStartOffset) {
        if (newLogStartOffset <= logStartOffset) {
            return;
        }
        logStartOffset = newLogStartOffset;
        highWatermark = Math.max(highWatermark, logStartOffset);
        recoveryPoint = Math.max(recoveryPoint, logStartOffset);
        producerState.onLogStartOffsetIncremented(logStartOffset);
        leaderEpochCache.truncateFromStart(logStartOffset);
    }

    /** Removes the segments wholly below the log start offset (left by DeleteRecords). Holds the lock. */
    private List<LogSegment> deleteLogStartOffsetBreachedSegments() throws IOException {
        return deleteOldestSegmentsWhile(segment -> {
            Long nextBase = segments.higherKey(segment.baseOffset());
            return nextBase != null && nextBase <= logStartOffset;
        });
    }

    /**
     * DeleteRecords: moves the log start offset up to {@code offset} (a lower one changes nothing),
     * so that no offset below it can be read, and removes the segments that now lie wholly below it;
     * the active segment stays even when the new start is its end. As with retention, the removed
     * segments are renamed {@code .deleted} and returned for their owner to delete later. The caller
     * makes the new start offset durable (the {@code log-start-offset-checkpoint}).
     *
     * <p>Like Kafka's {@code maybeIncrementLogStartOffset}, the offset may not pass the high watermark.
     *
     * @throws OffsetOutOfRangeException if {@code offset} is above the high watermark
     */
    public List<LogSegment> deleteRecordsBefore(long offset) {
        lock.lock();
        try {
            ensureOpen();
            if (offset > highWatermark) {
                throw new OffsetOutOfRangeException("Cannot increment the log start offset to " + offset + " of partition "
                        + topicPartition + " since it is larger than the high watermark " + highWatermark);
            }
            if (offset <= logStartOffset) {
                return List.of();
            }
            incrementLogStartOffset(offset);
            log.info("{}: records before offset {} deleted by request", topicPartition, offset);
            return deleteLogStartOffsetBreachedSegments();
        } catch (IOException e) {
            throw failed("delete records before " + offset, e);
        } finally {
            lock.unlock();
        }
    }

    /** The suffix of the files of a segment the cleaner is writing. */
    public static final String CLEANED_FILE_SUFFIX = ".cleaned";
    /** The suffix of the files of a cleaned segment committed to replace others; see {@link #replaceSegments}. */
    public static final String SWAP_FILE_SUFFIX = ".swap";

    /** The steps of {@link #replaceSegments}, reported as each completes (a test stops there to simulate a crash). */
    public enum SwapStep {
        /** The cleaned segment's files are renamed {@code .swap}: from here on a restart completes the swap. */
        RENAMED_TO_SWAP,
        /** The segment map holds the cleaned segment in place of the old ones. */
        SWAPPED_IN_MEMORY,
        /** The old segments' files are renamed {@code .deleted}. */
        OLD_RENAMED_TO_DELETED,
        /** The cleaned segment's files have their final names. */
        RENAMED_TO_FINAL
    }

    /** Told of each completed step of {@link #replaceSegments}. */
    @FunctionalInterface
    public interface SwapListener {
        SwapListener NONE = step -> { };

        void onStep(SwapStep step) throws IOException;
    }

    /**
     * Puts {@code cleaned}, whose files carry {@link #CLEANED_FILE_SUFFIX} and are fsynced, in the
     * place of {@code oldSegments} (consecutive, oldest first, the first with the same base offset
     * as {@code cleaned}, covering the same offsets): the log cleaner's commit.
     *
     * <p>Crash safety, as Kafka's: the cleaned files are renamed {@code .swap} (the commit point:
     * {@link LogLoader} completes a swap it finds, and deletes {@code .cleaned} files), the segment
     * map is updated, the old segments' files are renamed {@code .deleted}, then the cleaned files
     * get their final names. Readers see either the old segments or the cleaned one for any offset:
     * the cleaned segment enters the map (replacing the first old one under the same key) before
     * the others leave, and old segments stay open until the caller deletes them after
     * {@code file.delete.delay.ms}.
     *
     * @return the old segments, now renamed {@code .deleted}, for the caller to delete later; empty
     *     if the log no longer holds exactly those segments (retention or truncation removed some
     *     meanwhile), in which case nothing was changed and the caller discards {@code cleaned}
     */
    public List<LogSegment> replaceSegments(LogSegment cleaned, List<LogSegment> oldSegments, SwapListener listener) {
        lock.lock();
        try {
            ensureOpen();
            if (oldSegments.isEmpty() || oldSegments.get(0).baseOffset() != cleaned.baseOffset()) {
                throw new IllegalArgumentException(topicPartition + ": cleaned segment " + cleaned.baseOffset()
                        + " does not start where the segments it replaces do: " + oldSegments);
            }
            for (LogSegment old : oldSegments) {
                if (segments.get(old.baseOffset()) != old || old == activeSegment()) {
                    return List.of();
                }
            }
            cleaned.changeFileSuffixes(CLEANED_FILE_SUFFIX, SWAP_FILE_SUFFIX);
            Directories.fsync(dir);
            listener.onStep(SwapStep.RENAMED_TO_SWAP);
            segments.put(cleaned.baseOffset(), cleaned);
            for (LogSegment old : oldSegments.subList(1, oldSegments.size())) {
                segments.remove(old.baseOffset());
            }
            listener.onStep(SwapStep.SWAPPED_IN_MEMORY);
            for (LogSegment old : oldSegments) {
                old.renameToDeleted();
            }
            listener.onStep(SwapStep.OLD_RENAMED_TO_DELETED);
            cleaned.changeFileSuffixes(SWAP_FILE_SUFFIX, "");
            Directories.fsync(dir);
            listener.onStep(SwapStep.RENAMED_TO_FINAL);
            return List.copyOf(oldSegments);
        } catch (IOException e) {
            throw failed("swap of cleaned segment " + cleaned.baseOffset(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records that a leader of {@code leaderEpoch} starts writing at {@code startOffset} (the log end
     * offset when it takes over), so OffsetForLeaderEpoch knows the epoch before its first append.
     */
    public void maybeAssignEpochStartOffset(int leaderEpoch, long startOffset) {
        lock.lock();
        try {
            if (closed) {
                return; // a log being closed or deleted takes no new epochs; there is nothing to serve
            }
            leaderEpochCache.assign(leaderEpoch, startOffset);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The segments holding offsets in [{@code from}, {@code to}): those whose base offset is below
     * {@code to} and whose successor starts after {@code from}. A snapshot; oldest first.
     */
    public List<LogSegment> segmentsInRange(long from, long to) {
        Long start = segments.floorKey(from);
        List<LogSegment> result = new ArrayList<>();
        for (LogSegment segment : segments.tailMap(start == null ? Long.MIN_VALUE : start).values()) {
            if (segment.baseOffset() >= to) {
                break;
            }
            result.add(segment);
        }
        return result;
    }

    /** The base offset of the segment after {@code segment}, or the log end offset if it is the last. */
    public long nextSegmentBaseOffset(LogSegment segment) {
        Long next = segments.higherKey(segment.baseOffset());
        return next != null ? next : logEndOffset;
    }

    /**
     * The last offset of each producer's last data batch, from the producer state: the cleaner
     * keeps such a batch (emptied if need be) so the producer's sequence survives a reload.
     * A snapshot taken under the lock.
     */
    public Map<Long, Long> lastProducerBatchOffsets() {
        lock.lock();
        try {
            Map<Long, Long> offsets = new HashMap<>();
            producerState.activeProducers().forEach((producerId, entry) -> {
                List<BatchMetadata> batches = entry.batchMetadata();
                if (!batches.isEmpty()) {
                    offsets.put(producerId, batches.get(batches.size() - 1).lastOffset());
                }
            });
            return offsets;
        } finally {
            lock.unlock();
        }
    }

    /** This log's leader epoch history. */
    public LeaderEpochCache leaderEpochCache() {
        return leaderEpochCache;
    }

    /**
     * OffsetForLeaderEpoch: the largest epoch at or below {@code leaderEpoch} and the offset where it
     * ended (the log end offset for the latest); undefined (-1, -1) if unknown.
     */
    public LeaderEpochCache.EpochEndOffset endOffsetForEpoch(int leaderEpoch) {
        return leaderEpochCache.endOffsetFor(leaderEpoch, logEndOffset);
    }

    /**
     * Loads the leader epoch history from its checkpoint file, or rebuilds it from the batch headers
     * if the file is missing or unreadable, then drops entries outside [log start, log end]. Used at
     * load; the caller owns the log exclusively.
     */
    void loadLeaderEpochCache() throws IOException {
        boolean loaded;
        try {
            loaded = leaderEpochCache.load();
        } catch (CorruptCheckpointException e) {
            log.warn("{}: {}; rebuilding the leader epoch cache from the log", topicPartition, e.getMessage());
            loaded = false;
        }
        if (!loaded) {
            leaderEpochCache.clear();
            for (LogSegment segment : segments.values()) {
                segment.forEachBatchHeader(0, header -> {
                    if (header.baseOffset() >= logEndOffset) {
                        return false;
                    }
                    leaderEpochCache.assignWithoutFlush(header.partitionLeaderEpoch(), header.baseOffset());
                    return true;
                });
            }
            leaderEpochCache.flush();
        }
        leaderEpochCache.truncateFromEnd(logEndOffset);
        leaderEpochCache.truncateFromStart(logStartOffset);
    }

    /** Whether the log has been closed (or deleted). */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Reads from {@code startOffset}, at most {@code maxBytes} (the first batch whole when
     * {@code minOneMessage}), and nothing at or above {@code maxOffset} (the high watermark for
     * consumers, the log end offset for followers).
     *
     * @throws OffsetOutOfRangeException if {@code startOffset} is below the log start offset or above the log end offset
     */
    public FetchDataInfo read(long startOffset, int maxBytes, long maxOffset, boolean minOneMessage) {
        long end = logEndOffset;
        if (startOffset < logStartOffset || startOffset > end) {
            throw new OffsetOutOfRangeException(topicPartition + ": offset " + startOffset + " is out of range [" + logStartOffset
                    + ", " + end + "]");
        }
        long bound = Math.min(maxOffset, end);
        if (startOffset >= bound) {
            return FetchDataInfo.empty(startOffset);
        }
        try {
            Map.Entry<Long, LogSegment> entry = segments.floorEntry(startOffset);
            while (entry != null) {
                LogSegment segment = entry.getValue();
                long maxPosition = maxPositionFor(segment, bound);
                FetchDataInfo info = segment.read(startOffset, maxBytes, maxPosition, minOneMessage);
                if (info != null) {
                    return info;
                }
                entry = segments.higherEntry(entry.getKey());
            }
        } catch (IOException e) {
            throw failed("read at offset " + startOffset, e);
        }
        return FetchDataInfo.empty(startOffset);
    }

    /** Where reading must stop in {@code segment} to stay below {@code boundOffset}. */
    private long maxPositionFor(LogSegment segment, long boundOffset) throws IOException {
        Map.Entry<Long, LogSegment> next = segments.higherEntry(segment.baseOffset());
        if (next != null && next.getKey() <= boundOffset) {
            return segment.sizeInBytes();
        }
        return segment.positionOf(boundOffset);
    }

    /**
     * The first record with a timestamp at or after {@code timestamp}, as (timestamp, offset); null if
     * every record is older.
     */
    public TimestampOffset fetchOffsetByTimestamp(long timestamp) {
        try {
            for (LogSegment segment : segments.values()) {
                if (segment.maxTimestampSoFar() < timestamp && segments.higherKey(segment.baseOffset()) != null) {
                    continue;
                }
                TimestampOffset found = segment.findOffsetByTimestamp(timestamp, logStartOffset);
                if (found != null) {
                    return found;
                }
            }
            return null;
        } catch (IOException e) {
            throw failed("timestamp lookup", e);
        }
    }

    /**
     * The record with the largest timestamp (the earliest such record on a tie) as (timestamp,
     * offset), or null for an empty log: ListOffsets with Kafka's MAX_TIMESTAMP (KIP-734).
     */
    public TimestampOffset offsetOfMaxTimestamp() {
        LogSegment best = null;
        for (LogSegment segment : segments.values()) {
            if (segment.sizeInBytes() > 0 && (best == null || segment.maxTimestampSoFar() > best.maxTimestampSoFar())) {
                best = segment;
            }
        }
        if (best == null) {
            return null;
        }
        try {
            return best.findOffsetByTimestamp(best.maxTimestampSoFar(), logStartOffset);
        } catch (IOException e) {
            throw failed("max timestamp lookup", e);
        }
    }

    /**
     * A future completed when every offset up to and including {@code offset} is fsynced. The
     * flusher is asked for an fsync if needed; all waiters it covers complete together.
     */
    public CompletableFuture<Void> awaitDurable(long offset) {
        CompletableFuture<Void> future = durability.await(offset);
        if (!future.isDone()) {
            requestFlush();
        }
        return future;
    }

    private void requestFlush() {
        if (flushRequested.compareAndSet(false, true)) {
            flusher.schedule(this);
        }
    }

    private void maybeRequestFlushByPolicy(long now) {
        LogConfig cfg = config;
        if (unflushedMessages >= cfg.flushMessages() || now - lastFlushMs >= cfg.flushMs()) {
            requestFlush();
        }
    }

    /** Called by the flusher's periodic check: flush if {@code flush.ms} has passed with unflushed data. */
    void flushIfDue(long now) {
        if (logEndOffset > recoveryPoint && now - lastFlushMs >= config.flushMs()) {
            requestFlush();
        }
    }

    /**
     * Fsyncs everything appended so far (one fsync for all appends since the last), advances the
     * recovery point and releases durability waiters. Runs on a flusher thread.
     *
     * <p>The fsync runs outside the append lock, so appends go on meanwhile and the next fsync
     * covers them all (group commit). {@link #flushLock} keeps two flushes of this log apart.
     */
    void flushToEnd() {
        flushRequested.set(false);
        synchronized (flushLock) {
            long target;
            List<LogSegment> dirty;
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                target = logEndOffset;
                Long from = segments.floorKey(recoveryPoint);
                dirty = new ArrayList<>(segments.tailMap(from == null ? segments.firstKey() : from).values());
                unflushedMessages = 0;
                lastFlushMs = time.milliseconds();
            } finally {
                lock.unlock();
            }
            if (target > recoveryPoint) {
                fsync(dirty);
                fsyncCount.incrementAndGet();
            }
            long durableEnd;
            lock.lock();
            try {
                durableEnd = Math.min(target, logEndOffset);
                recoveryPoint = Math.max(recoveryPoint, durableEnd);
            } finally {
                lock.unlock();
            }
            durability.advance(durableEnd);
            prewriteActiveSegment();
        }
    }

    /**
     * Keeps zeros written and fsynced ahead of the active segment's end, so the fsyncs of the
     * appends that follow write only data (DESIGN D5, {@link FileRecords#prewrite}): on ext4 this
     * halves the latency of a small fsync. Done on the flusher thread after the waiters are
     * released, {@link #PREWRITE_BYTES} at a time, only for a segment that has taken at least half
     * that since it began (a log that is seldom written does not grow its file for nothing).
     * The zeros are written under the append lock, so no append can land in a range being zeroed;
     * their fsync runs outside it. The segment loses its zeros when it rolls or the log closes.
     */
    private void prewriteActiveSegment() {
        LogSegment active;
        lock.lock();
        try {
            if (closed || config.segmentBytes() < 4 * PREWRITE_BYTES) {
                return;
            }
            active = activeSegment();
            FileRecords file = active.log();
            if (file.sizeInBytes() < PREWRITE_BYTES / 2 || file.prewrittenBytes() >= PREWRITE_BYTES / 2) {
                return;
            }
            file.prewrite((int) Math.min((long) file.sizeInBytes() + PREWRITE_BYTES, config.segmentBytes()));
        } catch (IOException e) {
            throw failed("prewrite", e);
        } finally {
            lock.unlock();
        }
        fsync(List.of(active));
    }

    private void fsync(List<LogSegment> dirty) {
        for (LogSegment segment : dirty) {
            try {
                segment.log().flush();
            } catch (IOException e) {
                if (segments.get(segment.baseOffset()) != segment) {
                    continue; // truncated away while we flushed: nothing of it needs to be durable
                }
                RuntimeException failure = failed("flush", e);
                durability.fail(failure);
                throw failure;
            }
        }
    }

    /**
     * Reloads producer state from the latest snapshot at or below the log end offset and replays
     * the producer batches after it, reading only batch headers. Used at load and after truncation;
     * the caller holds the lock or owns the log exclusively.
     */
    void rebuildProducerState() throws IOException {
        long from = producerState.truncateAndReload(logStartOffset, logEndOffset, time.milliseconds());
        Map.Entry<Long, LogSegment> start = segments.floorEntry(from);
        for (LogSegment segment : segments.tailMap(start == null ? segments.firstKey() : start.getKey()).values()) {
            int position = segment.baseOffset() <= from ? segment.positionOf(from) : 0;
            segment.forEachBatchHeader(position, header -> {
                if (header.baseOffset() >= logEndOffset) {
                    return false;
                }
                if (header.baseOffset() >= from && header.isProducerDataBatch()) {
                    ProducerAppendInfo info = producerState.prepareUpdate(header.producerId(), AppendOrigin.LOG_RECOVERY);
                    info.appendDataBatch(header.producerEpoch(), header.baseSequence(), header.baseOffset(),
                            header.lastOffsetDelta(), header.maxTimestamp(), header.isTransactional());
                    producerState.update(info);
                }
                return true;
            });
        }
        producerState.updateMapEndOffset(logEndOffset);
    }

    /** Forgets producers idle for longer than {@code producer.id.expiration.ms}. */
    public void removeExpiredProducers() {
        lock.lock();
        try {
            producerState.removeExpiredProducers(time.milliseconds());
        } finally {
            lock.unlock();
        }
    }

    /** Removes producer snapshots no longer needed once everything below the recovery point is durable. */
    void deleteSnapshotsBelowRecoveryPoint() throws IOException {
        lock.lock();
        try {
            Long segmentBase = segments.floorKey(recoveryPoint);
            if (segmentBase != null && !closed) {
                producerState.deleteSnapshotsBefore(segmentBase);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The producer state of this partition; for the broker's DescribeProducers and for tests. */
    public ProducerStateManager producerState() {
        return producerState;
    }

    /**
     * Removes every offset at and above {@code offset} (replication truncation): whole segments past
     * it are deleted, the one holding it is cut at a batch boundary. Returns the bytes removed.
     */
    public long truncateTo(long offset) {
        lock.lock();
        try {
            ensureOpen();
            if (offset >= logEndOffset) {
                return 0;
            }
            long removed = 0;
            for (LogSegment segment : segments.tailMap(offset, false).values().toArray(LogSegment[]::new)) {
                if (segment.baseOffset() == segments.firstKey()) {
                    continue;
                }
                removed += segment.sizeInBytes();
                segments.remove(segment.baseOffset());
                segment.delete();
            }
            LogSegment holder = segments.floorEntry(offset).getValue();
            removed += holder.truncateTo(offset);
            logEndOffset = Math.max(holder.readNextOffset(), holder.baseOffset());
            logStartOffset = Math.min(logStartOffset, logEndOffset);
            leaderEpochCache.truncateFromEnd(logEndOffset);
            recoveryPoint = Math.min(recoveryPoint, logEndOffset);
            highWatermark = Math.min(highWatermark, logEndOffset);
            durability.truncateTo(logEndOffset, new OffsetOutOfRangeException(topicPartition + ": truncated to " + offset));
            rebuildProducerState();
            return removed;
        } catch (IOException e) {
            throw failed("truncate to " + offset, e);
        } finally {
            lock.unlock();
        }
    }

    /** Flushes everything and closes the files. A closed log refuses appends and reads of new data. */
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            activeSegment().log().trimPrewritten(); // before the flush, so the file's end is durable too
            for (LogSegment segment : segments.values()) {
                segment.flush();
            }
            recoveryPoint = logEndOffset;
            producerState.updateMapEndOffset(logEndOffset);
            producerState.takeSnapshot();
            for (LogSegment segment : segments.values()) {
                segment.close();
            }
            closed = true;
        } catch (IOException e) {
            throw failed("close", e);
        } finally {
            lock.unlock();
        }
        durability.advance(recoveryPoint);
    }

    /** Closes the files without flushing, for a log about to be deleted. */
    void closeWithoutFlush() throws IOException {
        lock.lock();
        try {
            closed = true;
            for (LogSegment segment : segments.values()) {
                segment.close();
            }
        } finally {
            lock.unlock();
        }
        durability.fail(new LogDirectoryException(dir, "log deleted", null));
    }

    private void ensureOpen() {
        if (closed) {
            throw new LogDirectoryException(dir, "log is closed", null);
        }
    }

    private LogDirectoryException failed(String what, IOException e) {
        log.error("{}: {} failed", topicPartition, what, e);
        return new LogDirectoryException(dir, topicPartition + ": " + what + " failed: " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return "PartitionLog(" + topicPartition + ", logStartOffset=" + logStartOffset + ", logEndOffset=" + logEndOffset + ")";
    }
}
