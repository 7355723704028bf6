package io.tributary.storage.cleaner;

import io.tributary.common.Time;
import io.tributary.records.Record;
import io.tributary.records.RecordBatch;
import io.tributary.records.RecordBatchBuilder;
import io.tributary.records.RecordBatchDescriptor;
import io.tributary.records.RecordIterator;
import io.tributary.records.TimestampType;
import io.tributary.storage.LogSegment;
import io.tributary.storage.PartitionLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Cleans one compacted log at a time, as Kafka's cleaner does. First it reads the dirty section
 * ({@link LogToClean}) into the {@link OffsetMap}: key to latest offset, stopping early if the map
 * fills (the cleaning then covers only what was mapped). Then it rewrites every segment from the
 * start of the log to the end of what was mapped, in groups that fit in one segment, keeping a
 * record if it is the latest for its key (or past the mapped range), and swaps each cleaned group
 * in with {@link PartitionLog#replaceSegments}.
 *
 * <h2>What is kept</h2>
 * <ul>
 *   <li>Offsets never change: a rewritten batch keeps its base offset, its last offset (even if its
 *       last record went), its producer id, epoch and base sequence, leader epoch, timestamp type
 *       and codec. A batch all of whose records stay is copied byte for byte.</li>
 *   <li>Records without a key are dropped (a compacted log cannot hold them).</li>
 *   <li>Tombstones (null values) stay until the delete horizon of their batch: the first cleaning
 *       that keeps a tombstone writes {@code now + delete.retention.ms} into the batch header
 *       (KIP-534's delete horizon, in the base timestamp field); a later cleaning after that time
 *       removes them.</li>
 *   <li>A batch emptied by cleaning disappears, except an idempotent producer's last batch and the
 *       last batch of each cleaned group, which stay as empty batches (header only): the first
 *       keeps the producer's sequence for a reload, the second keeps each cleaned segment ending
 *       where the next begins, as {@link io.tributary.storage.LogLoader}'s hole check requires.</li>
 *   <li>Transactional and control batches are copied unchanged and never enter the offset map:
 *       Tributary has no transactions yet (no aborted-transaction index, no markers written), so
 *       nothing tells committed from aborted data; keeping them loses nothing and supersedes
 *       nothing wrongly.</li>
 * </ul>
 *
 * <p>Thread safety: owned by one cleaner thread, with its map and buffers; the {@link Throttler}
 * is shared.
 */
public final class Cleaner {

    /** Told of the old segments a swap replaced, to delete them after {@code file.delete.delay.ms}. */
    @FunctionalInterface
    public interface ReplacedSegments {
        void onReplaced(PartitionLog log, List<LogSegment> replaced);
    }

    /**
     * Asked before each read of a segment (every {@code log.cleaner.io.buffer.size} bytes at most)
     * and before each swap whether the cleaning must stop; throws {@link LogCleaningAbortedException} if so.
     */
    @FunctionalInterface
    public interface AbortCheck {
        AbortCheck NEVER = log -> { };

        void checkAborted(PartitionLog log);
    }

    /** What a cleaning did and where the next one starts. */
    public record Result(long nextDirtyOffset, CleanerStats stats) {
    }

    private final OffsetMap offsetMap;
    private final SegmentBatchReader reader;
    private final Throttler throttler;
    private final Time time;
    private final int writeBufferSize;
    private final ReplacedSegments replacedSegments;
    private final AbortCheck abortCheck;
    private final PartitionLog.SwapListener swapListener;

    /**
     * @param ioBufferSize this thread's read and write buffers, each ({@code log.cleaner.io.buffer.size}
     *                     over the threads, halved)
     */
    public Cleaner(OffsetMap offsetMap, int ioBufferSize, Throttler throttler, Time time, ReplacedSegments replacedSegments,
                   AbortCheck abortCheck, PartitionLog.SwapListener swapListener) {
        this.offsetMap = offsetMap;
        this.reader = new SegmentBatchReader(ioBufferSize, Integer.MAX_VALUE - 8, throttler);
        this.throttler = throttler;
        this.time = time;
        this.writeBufferSize = Math.max(ioBufferSize, RecordBatchDescriptor.HEADER_SIZE_BYTES);
        this.replacedSegments = replacedSegments;
        this.abortCheck = abortCheck;
        this.swapListener = swapListener;
    }

    /**
     * Cleans {@code toClean}; returns the first offset of the new dirty section and the statistics.
     *
     * <p>The cleaning works from the segments of the log when it starts. Retention or DeleteRecords
     * may remove some of them meanwhile and, after {@code file.delete.delay.ms}, close their files;
     * reading one then fails. A failure while a segment this cleaning has still to read or swap out
     * is no longer in the log is an abort ({@link LogCleaningAbortedException}): the next cleaning
     * starts again from what the log holds then, rather than the partition being marked uncleanable.
     */
    public Result clean(LogToClean toClean) throws IOException, InterruptedException {
        PartitionLog log = toClean.log();
        Set<LogSegment> pending = Collections.newSetFromMap(new IdentityHashMap<>());
        pending.addAll(log.segmentsInRange(Long.MIN_VALUE, toClean.firstUncleanableOffset()));
        try {
            return clean(toClean, pending);
        } catch (LogCleaningAbortedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            Set<LogSegment> inLog = Collections.newSetFromMap(new IdentityHashMap<>());
            inLog.addAll(log.segments());
            Optional<LogSegment> removed = pending.stream().filter(segment -> !inLog.contains(segment)).findFirst();
            if (removed.isPresent()) {
                throw new LogCleaningAbortedException(log.topicPartition() + ": segment "
                        + LogSegment.filenamePrefix(removed.get().baseOffset()) + " was removed from the log while being cleaned", e);
            }
            throw e;
        }
    }

    /** {@code pending}: the segments still to be read or swapped out; those of each group swapped in leave it. */
    private Result clean(LogToClean toClean, Set<LogSegment> pending) throws IOException, InterruptedException {
        PartitionLog log = toClean.log();
        CleanerStats stats = new CleanerStats();
        stats.startNs = time.nanoseconds();
        long nowMs = time.milliseconds();
        offsetMap.clear();
        long endOffset = buildOffsetMap(log, toClean.firstDirtyOffset(), toClean.firstUncleanableOffset(), stats);
        stats.mapDoneNs = time.nanoseconds();
        Map<Long, Long> producerLastOffsets = log.lastProducerBatchOffsets();
        GroupContext context = new GroupContext(endOffset, nowMs, log.config().deleteRetentionMs(), producerLastOffsets, stats);
        List<LogSegment> toRewrite = log.segmentsInRange(Long.MIN_VALUE, endOffset);
        pending.addAll(toRewrite);
        for (List<LogSegment> group : groupBySize(log, toRewrite)) {
            abortCheck.checkAborted(log);
            cleanGroup(log, group, context);
            group.forEach(pending::remove);
        }
        stats.endNs = time.nanoseconds();
        return new Result(endOffset, stats);
    }

    /**
     * Puts the keys of the dirty section into the map; returns where the mapped range ends: the
     * first uncleanable offset, or the base offset of the first batch that might not have fitted.
     */
    private long buildOffsetMap(PartitionLog log, long firstDirty, long firstUncleanable, CleanerStats stats)
            throws IOException, InterruptedException {
        long[] stoppedAt = {-1};
        for (LogSegment segment : log.segmentsInRange(firstDirty, firstUncleanable)) {
            abortCheck.checkAborted(log);
            stats.mapBytesRead += reader.forEachBatch(segment, () -> abortCheck.checkAborted(log), (batch, lastInSegment) -> {
                if (batch.lastOffset() < firstDirty || batch.isControlBatch() || batch.isTransactional()) {
                    return true;
                }
                if (offsetMap.size() + batch.recordCount() > offsetMap.capacity()) {
                    if (offsetMap.size() == 0) {
                        throw new IllegalStateException(log.topicPartition() + ": a batch of " + batch.recordCount()
                                + " records at offset " + batch.baseOffset() + " does not fit in an offset map of "
                                + offsetMap.capacity() + " entries; raise log.cleaner.dedupe.buffer.size");
                    }
                    stoppedAt[0] = batch.baseOffset();
                    return false;
                }
                mapBatch(batch, firstDirty, stats);
                return true;
            });
            if (stoppedAt[0] >= 0) {
                return Math.max(firstDirty, stoppedAt[0]);
            }
        }
        return firstUncleanable;
    }

    private void mapBatch(RecordBatch batch, long firstDirty, CleanerStats stats) {
        try (RecordIterator records = batch.records()) {
            while (records.hasNext()) {
                Record record = records.next();
                if (record.offset() >= firstDirty && record.hasKey()) {
                    offsetMap.put(record.key(), record.offset());
                    stats.mapRecords++;
                }
            }
        }
    }

    /**
     * Groups consecutive segments so that each group's cleaned output fits one segment: total
     * size within {@code segment.bytes}, index sizes within {@code segment.index.bytes}, offsets
     * within an int of the base (Kafka's {@code groupSegmentsBySize}).
     */
    static List<List<LogSegment>> groupBySize(PartitionLog log, List<LogSegment> segments) {
        long maxSize = log.config().segmentBytes();
        long maxIndexSize = log.config().segmentIndexBytes();
        List<List<LogSegment>> groups = new ArrayList<>();
        int i = 0;
        while (i < segments.size()) {
            LogSegment first = segments.get(i++);
            List<LogSegment> group = new ArrayList<>(List.of(first));
            long size = first.sizeInBytes();
            long offsetIndexSize = first.offsetIndex().sizeInBytes();
            long timeIndexSize = first.timeIndex().sizeInBytes();
            while (i < segments.size()) {
                LogSegment next = segments.get(i);
                long lastOffset = log.nextSegmentBaseOffset(next) - 1;
                if (size + next.sizeInBytes() > maxSize
                        || offsetIndexSize + next.offsetIndex().sizeInBytes() > maxIndexSize
                        || timeIndexSize + next.timeIndex().sizeInBytes() > maxIndexSize
                        || lastOffset - first.baseOffset() > Integer.MAX_VALUE) {
                    break;
                }
                group.add(next);
                size += next.sizeInBytes();
                offsetIndexSize += next.offsetIndex().sizeInBytes();
                timeIndexSize += next.timeIndex().sizeInBytes();
                i++;
            }
            groups.add(group);
        }
        return groups;
    }

    /** The settings of one cleaning, shared by its groups. */
    private record GroupContext(long endOffset, long nowMs, long deleteRetentionMs, Map<Long, Long> producerLastOffsets,
                                CleanerStats stats) {
    }

    /** Writes the cleaned copy of {@code group} to {@code .cleaned} files, fsyncs it and swaps it in. */
    private void cleanGroup(PartitionLog log, List<LogSegment> group, GroupContext context) throws IOException, InterruptedException {
        LogSegment first = group.get(0);
        LogSegment last = group.get(group.size() - 1);
        deleteCleanedFiles(log, first.baseOffset());
        LogSegment cleaned = LogSegment.open(log.dir(), first.baseOffset(), log.config(), time, PartitionLog.CLEANED_FILE_SUFFIX);
        boolean[] committed = {false};
        try {
            CleanedSegmentWriter writer = new CleanedSegmentWriter(cleaned, writeBufferSize, throttler, context.stats());
            for (LogSegment segment : group) {
                abortCheck.checkAborted(log);
                boolean lastSegment = segment == last;
                context.stats().bytesRead += reader.forEachBatch(segment, () -> abortCheck.checkAborted(log), (batch, lastInSegment) -> {
                    cleanBatch(batch, lastSegment && lastInSegment, context, writer);
                    return true;
                });
            }
            writer.flush();
            cleaned.onBecomeInactive();
            cleaned.flush();
            cleaned.setLastModifiedMs(last.lastModifiedMs());
            abortCheck.checkAborted(log);
            List<LogSegment> replaced = log.replaceSegments(cleaned, group, step -> {
                committed[0] = true;
                swapListener.onStep(step);
            });
            if (replaced.isEmpty()) {
                throw new LogCleaningAbortedException(log.topicPartition() + ": segments changed while being cleaned");
            }
            replacedSegments.onReplaced(log, replaced);
            context.stats().segmentsCleaned += group.size();
        } finally {
            if (!committed[0]) {
                discard(cleaned);
            }
        }
    }

    /** Filters one batch into {@code writer}. */
    private void cleanBatch(RecordBatch batch, boolean lastOfGroup, GroupContext context, CleanedSegmentWriter writer)
            throws IOException, InterruptedException {
        CleanerStats stats = context.stats();
        stats.recordsRead += batch.recordCount();
        if (batch.isControlBatch() || batch.isTransactional()) {
            stats.recordsRetained += batch.recordCount();
            writer.write(batch.buffer());
            return;
        }
        boolean horizonPassed = batch.hasDeleteHorizon() && context.nowMs() >= batch.baseTimestamp();
        List<Record> retained = new ArrayList<>(batch.recordCount());
        boolean retainsTombstone = false;
        try (RecordIterator records = batch.records()) {
            while (records.hasNext()) {
                Record record = records.next();
                if (shouldRetain(record, horizonPassed, context)) {
                    retained.add(record);
                    retainsTombstone |= !record.hasValue();
                }
            }
        }
        stats.recordsRetained += retained.size();
        boolean needsHorizon = retainsTombstone && !batch.hasDeleteHorizon();
        if (retained.size() == batch.recordCount() && !needsHorizon) {
            writer.write(batch.buffer());
        } else if (retained.isEmpty()) {
            Long producerLast = batch.hasProducerId() ? context.producerLastOffsets().get(batch.producerId()) : null;
            if (lastOfGroup || (producerLast != null && producerLast == batch.lastOffset())) {
                writer.write(emptyBatch(batch));
            }
        } else {
            long horizon = needsHorizon ? context.nowMs() + context.deleteRetentionMs()
                    : batch.hasDeleteHorizon() ? batch.baseTimestamp() : RecordBatch.NO_TIMESTAMP;
            writer.write(rebuild(batch, retained, horizon));
        }
    }

    private boolean shouldRetain(Record record, boolean horizonPassed, GroupContext context) {
        if (record.offset() >= context.endOffset()) {
            return true; // not yet mapped: the next cleaning decides
        }
        if (!record.hasKey()) {
            context.stats().invalidRecords++;
            return false;
        }
        if (record.offset() < offsetMap.get(record.key())) {
            return false;
        }
        if (!record.hasValue() && horizonPassed) {
            context.stats().tombstonesRemoved++;
            return false;
        }
        return true;
    }

    /** The retained records in a new batch with the original's header fields and codec. */
    private static ByteBuffer rebuild(RecordBatch batch, List<Record> retained, long deleteHorizonMs) {
        RecordBatchBuilder builder = new RecordBatchBuilder()
                .compression(batch.compressionType())
                .baseOffset(batch.baseOffset())
                .partitionLeaderEpoch(batch.partitionLeaderEpoch())
                .lastOffsetDelta(batch.lastOffsetDelta());
        if (batch.hasProducerId()) {
            builder.producer(batch.producerId(), batch.producerEpoch(), batch.baseSequence());
        }
        if (batch.timestampType() == TimestampType.LOG_APPEND_TIME) {
            builder.logAppendTime(batch.maxTimestamp());
        }
        if (deleteHorizonMs != RecordBatch.NO_TIMESTAMP) {
            builder.deleteHorizonMs(deleteHorizonMs);
        }
        for (Record record : retained) {
            builder.appendWithOffset(record.offset(), record.timestamp(), record.key(), record.value(), record.headers());
        }
        return builder.build().buffer();
    }

    /**
     * A header-only batch with the original's offsets, producer fields, leader epoch and flags, no
     * codec and no records. Both timestamps are {@code NO_TIMESTAMP}, where Kafka writes the
     * original's max timestamp: a batch without records then never becomes the segment's largest
     * timestamp, so the time index never points at it (Kafka's {@code kafka-dump-log} reports a
     * time-index entry on a batch with no record as a mismatch) and timestamp lookups pass it by.
     */
    static ByteBuffer emptyBatch(RecordBatch batch) {
        ByteBuffer empty = ByteBuffer.allocate(RecordBatchDescriptor.HEADER_SIZE_BYTES);
        ByteBuffer original = batch.buffer();
        for (int i = 0; i < RecordBatchDescriptor.HEADER_SIZE_BYTES; i++) {
            empty.put(i, original.get(original.position() + i));
        }
        int attributes = batch.attributes() & ~(RecordBatchDescriptor.COMPRESSION_CODEC_MASK
                | RecordBatchDescriptor.DELETE_HORIZON_FLAG_MASK);
        empty.putInt(RecordBatchDescriptor.BATCH_LENGTH_OFFSET, RecordBatchDescriptor.MIN_BATCH_LENGTH)
                .putShort(RecordBatchDescriptor.ATTRIBUTES_OFFSET, (short) attributes)
                .putLong(RecordBatchDescriptor.BASE_TIMESTAMP_OFFSET, RecordBatch.NO_TIMESTAMP)
                .putLong(RecordBatchDescriptor.MAX_TIMESTAMP_OFFSET, RecordBatch.NO_TIMESTAMP)
                .putInt(RecordBatchDescriptor.RECORD_COUNT_OFFSET, 0);
        empty.putInt(RecordBatchDescriptor.CRC_OFFSET, (int) RecordBatch.wrap(empty.duplicate()).computeChecksum());
        return empty;
    }

    private static void deleteCleanedFiles(PartitionLog log, long baseOffset) throws IOException {
        for (String suffix : List.of(LogSegment.LOG_SUFFIX, LogSegment.INDEX_SUFFIX, LogSegment.TIME_INDEX_SUFFIX)) {
            Files.deleteIfExists(LogSegment.file(log.dir(), baseOffset, suffix + PartitionLog.CLEANED_FILE_SUFFIX));
        }
    }

    private static void discard(LogSegment cleaned) {
        try {
            cleaned.delete();
        } catch (IOException | RuntimeException e) {
            // The log loader removes .cleaned files left behind.
        }
    }
}
