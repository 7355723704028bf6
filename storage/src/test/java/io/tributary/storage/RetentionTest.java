package io.tributary.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.ManualTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time- and size-based retention: which segments go, what happens to the log start offset, and
 * when the files of deleted segments disappear. Every batch is given its own segment by a tiny
 * {@code segment.bytes}, so offset N lives in the segment with base offset N.
 */
class RetentionTest {

    private static final TopicPartition TP = new TopicPartition("orders", 0);
    private static final long HOUR_MS = TimeUnit.HOURS.toMillis(1);
    private static final LogConfig ONE_BATCH_PER_SEGMENT = LogConfig.defaults().withSegmentBytes(LogConfig.MIN_SEGMENT_BYTES);

    @TempDir
    Path dir;
    private final ManualTime time = new ManualTime();
    private LogManager manager;

    private PartitionLog open(LogConfig config) throws Exception {
        manager = new LogManager(List.of(dir), config, time, 1, 60_000, 60_000);
        manager.startup();
        return manager.getOrCreateLog(TP);
    }

    @AfterEach
    void close() throws Exception {
        if (manager != null) {
            manager.close();
        }
    }

    /** Appends one single-record batch per value, stamped with the current time, and commits them all. */
    private void append(PartitionLog log, String... values) {
        for (String value : values) {
            log.appendAsLeader(Batches.of(time.milliseconds(), value), 0);
        }
        log.updateHighWatermark(log.logEndOffset());
    }

    private Stream<String> fileNames() throws Exception {
        return Files.list(dir.resolve(TP.toString())).map(p -> p.getFileName().toString());
    }

    @Test
    void timeRetentionDeletesOnlySegmentsOlderThanRetentionMs() throws Exception {
        PartitionLog log = open(ONE_BATCH_PER_SEGMENT.withRetention(HOUR_MS, -1, true));
        append(log, "a", "b", "c");
        time.advance(2, TimeUnit.HOURS);
        append(log, "d", "e");

        assertEquals(3, manager.deleteRetentionBreachedSegments());

        assertEquals(3, log.logStartOffset());
        assertEquals(List.of(3L, 4L), log.segments().stream().map(LogSegment::baseOffset).toList());
        assertEquals(List.of("3:d"), Batches.values(log.read(3, 1 << 20, log.highWatermark(), true), 3));
    }

    @Test
    void nothingIsDeletedBeforeRetentionMsHasPassed() throws Exception {
        PartitionLog log = open(ONE_BATCH_PER_SEGMENT.withRetention(HOUR_MS, -1, true));
        append(log, "a", "b");
        time.advance(HOUR_MS, TimeUnit.MILLISECONDS);

        assertEquals(0, manager.deleteRetentionBreachedSegments());
        assertEquals(0, log.logStartOffset());
    }

    @Test
    void sizeRetentionDeletesOldestSegmentsWhileTheLogExceedsRetentionBytesByAWholeSegment() throws Exception {
        PartitionLog log = open(ONE_BATCH_PER_SEGMENT);
        append(log, "a", "b", "c", "d", "e");
        long segmentBytes = log.activeSegment().sizeInBytes();
        log.updateConfig(log.config().withRetention(-1, 2 * segmentBytes + segmentBytes / 2, true));

        assertEquals(2, manager.deleteRetentionBreachedSegments());

        assertEquals(2, log.logStartOffset());
        assertEquals(3 * segmentBytes, log.sizeInBytes());
    }

    @Test
    void segmentsNotWhollyBelowTheHighWatermarkAreKept() throws Exception {
        PartitionLog log = open(ONE_BATCH_PER_SEGMENT.withRetention(HOUR_MS, -1, true));
        append(log, "a", "b", "c");
        log.updateHighWatermark(1);
        time.advance(2, TimeUnit.HOURS);

        assertEquals(1, manager.deleteRetentionBreachedSegments());
        assertEquals(1, log.logStartOffset());
    }

    @Test
    void whenEverySegmentHasExpiredTheActiveOneIsRolledAndDeletedToo() throws Exception {
        PartitionLog log = open(LogConfig.defaults().withRetention(HOUR_MS, -1, true));
        append(log, "a", "b");
        assertEquals(1, log.segments().size());
        time.advance(2, TimeUnit.HOURS);

        assertEquals(1, manager.deleteRetentionBreachedSegments());

        assertEquals(2, log.logStartOffset());
        assertEquals(2, log.logEndOffset());
        assertEquals(2, log.highWatermark());
        assertEquals(2, log.activeSegment().baseOffset());
        assertEquals(0, log.activeSegment().sizeInBytes());
        assertEquals(0, manager.deleteRetentionBreachedSegments(), "an empty active segment is never deleted");
        assertEquals(2, log.appendAsLeader(Batches.of(time.milliseconds(), "c"), 0).firstOffset());
    }

    @Test
    void compactOnlyTopicsKeepEverything() throws Exception {
        PartitionLog log = open(ONE_BATCH_PER_SEGMENT.withRetention(HOUR_MS, 0, false));
        append(log, "a", "b", "c");
        time.advance(2, TimeUnit.HOURS);

        assertEquals(0, manager.deleteRetentionBreachedSegments());
        assertEquals(0, log.logStartOffset());
    }

    @Test
    void readBelowTheNewLogStartOffsetIsOutOfRange() throws Exception {
        PartitionLog log = open(ONE_BATCH_PER_SEGMENT.withRetention(HOUR_MS, -1, true));
        append(log, "a", "b");
        time.advance(2, TimeUnit.HOURS);
        append(log, "c");
        manager.deleteRetentionBreachedSegments();

        assertThrows(OffsetOutOfRangeException.class, () -> log.read(1, 1 << 20, log.highWatermark(), true));
        assertEquals(List.of("2:c"), Batches.values(log.read(2, 1 << 20, log.highWatermark(), true), 2));
    }

    @Test
    void deletedSegmentsKeepTheirFilesOpenUnderTheDeletedSuffixUntilTheDelay() throws Exception {
        PartitionLog log = open(ONE_BATCH_PER_SEGMENT.withRetention(HOUR_MS, -1, true));
        append(log, "a");
        time.advance(2, TimeUnit.HOURS);
        append(log, "b");
        FetchDataInfo inFlight = log.read(0, 1 << 20, log.highWatermark(), true);

        assertEquals(1, manager.deleteRetentionBreachedSegments());

        String prefix = LogSegment.filenamePrefix(0);
        List<String> names = fileNames().filter(n -> n.startsWith(prefix)).sorted().toList();
        assertEquals(List.of(prefix + ".index.deleted", prefix + ".log.deleted", prefix + ".timeindex.deleted"), names);
        assertEquals(List.of("0:a"), Batches.values(inFlight, 0), "a read handed out before the deletion completes");
    }

    @Test
    void deletedFilesAreRemovedAfterFileDeleteDelay() throws Exception {
        PartitionLog log = open(ONE_BATCH_PER_SEGMENT.withRetention(HOUR_MS, -1, true).withFileDeleteDelayMs(10));
        append(log, "a");
        time.advance(2, TimeUnit.HOURS);
        append(log, "b");

        assertEquals(1, manager.deleteRetentionBreachedSegments());

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (fileNames().anyMatch(n -> n.endsWith(LogSegment.DELETED_FILE_SUFFIX))) {
            assertTrue(System.nanoTime() < deadline, "the .deleted files were not removed");
            Thread.onSpinWait();
        }
        assertFalse(fileNames().anyMatch(n -> n.startsWith(LogSegment.filenamePrefix(0))));
    }

    @Test
    void restartAfterRetentionKeepsTheLogStartOffset() throws Exception {
        LogConfig config = LogConfig.defaults().withRetention(HOUR_MS, -1, true);
        PartitionLog log = open(config);
        append(log, "a", "b");
        time.advance(2, TimeUnit.HOURS);
        manager.deleteRetentionBreachedSegments();
        assertEquals(2, log.logStartOffset());
        manager.close();

        PartitionLog reopened = open(config);

        assertEquals(2, reopened.logStartOffset());
        assertEquals(2, reopened.logEndOffset());
        assertFalse(fileNames().anyMatch(n -> n.endsWith(LogSegment.DELETED_FILE_SUFFIX)));
    }
}
