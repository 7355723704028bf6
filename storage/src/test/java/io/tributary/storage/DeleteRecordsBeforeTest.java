package io.tributary.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.ManualTime;
import io.tributary.storage.checkpoint.EpochEntry;
import io.tributary.storage.checkpoint.OffsetCheckpointFile;
import io.tributary.storage.index.TimestampOffset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DeleteRecords at the storage level ({@link LogManager#deleteRecordsBefore}): the log start offset
 * moves, whole segments below it go, nothing below it can be read, and it survives restarts. Every
 * batch gets its own segment (tiny {@code segment.bytes}) unless a test says otherwise, so offset N
 * lives in the segment with base offset N.
 */
class DeleteRecordsBeforeTest {

    private static final TopicPartition TP = new TopicPartition("orders", 0);
    private static final LogConfig ONE_BATCH_PER_SEGMENT = LogConfig.defaults().withSegmentBytes(LogConfig.MIN_SEGMENT_BYTES);

    @TempDir
    Path dir;
    private final ManualTime time = new ManualTime();
    private LogManager manager;

    private PartitionLog open(Path logDir, LogConfig config) throws Exception {
        manager = new LogManager(List.of(logDir), config, time, 1, 60_000, 60_000);
        manager.startup();
        return manager.getOrCreateLog(TP);
    }

    @AfterEach
    void close() throws Exception {
        if (manager != null) {
            manager.close();
        }
    }

    private void append(PartitionLog log, String... values) {
        for (String value : values) {
            log.appendAsLeader(Batches.of(time.milliseconds(), value), 0);
        }
        log.updateHighWatermark(log.logEndOffset());
    }

    private List<Long> segmentBases(PartitionLog log) {
        return log.segments().stream().map(LogSegment::baseOffset).toList();
    }

    @Test
    void segmentsWhollyBelowTheNewStartAreRemovedAndTheOneHoldingItStays() throws Exception {
        PartitionLog log = open(dir, ONE_BATCH_PER_SEGMENT);
        append(log, "a", "b", "c", "d", "e");

        assertEquals(3, manager.deleteRecordsBefore(log, 3));

        assertEquals(3, log.logStartOffset());
        assertEquals(List.of(3L, 4L), segmentBases(log));
        assertEquals(List.of("3:d"), Batches.values(log.read(3, 1 << 20, log.highWatermark(), true), 3).subList(0, 1));
    }

    @Test
    void aStartInsideASegmentKeepsTheSegmentButHidesTheOffsetsBelowIt() throws Exception {
        PartitionLog log = open(dir, LogConfig.defaults());
        append(log, "a", "b", "c", "d");

        assertEquals(2, manager.deleteRecordsBefore(log, 2));

        assertEquals(List.of(0L), segmentBases(log));
        OffsetOutOfRangeException e = assertThrows(OffsetOutOfRangeException.class, () -> log.read(1, 1 << 20, 4, true));
        assertTrue(e.getMessage().contains("offset 1 is out of range [2, 4]"), e.getMessage());
    }

    @Test
    void theHighWatermarkItselfEmptiesTheLogButKeepsTheActiveSegment() throws Exception {
        PartitionLog log = open(dir, ONE_BATCH_PER_SEGMENT);
        append(log, "a", "b", "c");

        assertEquals(3, manager.deleteRecordsBefore(log, 3));

        assertEquals(3, log.logStartOffset());
        assertEquals(3, log.logEndOffset());
        assertEquals(List.of(2L), segmentBases(log));
    }

    @Test
    void anOffsetAboveTheHighWatermarkIsOutOfRangeAndChangesNothing() throws Exception {
        PartitionLog log = open(dir, LogConfig.defaults());
        append(log, "a", "b", "c");
        log.updateHighWatermark(2);

        OffsetOutOfRangeException e = assertThrows(OffsetOutOfRangeException.class, () -> manager.deleteRecordsBefore(log, 3));

        assertEquals("Cannot increment the log start offset to 3 of partition orders-0 since it is larger than the high watermark 2",
                e.getMessage());
        assertEquals(0, log.logStartOffset());
    }

    @Test
    void anOffsetBelowTheCurrentStartChangesNothing() throws Exception {
        PartitionLog log = open(dir, ONE_BATCH_PER_SEGMENT);
        append(log, "a", "b", "c");
        manager.deleteRecordsBefore(log, 2);

        assertEquals(2, manager.deleteRecordsBefore(log, 1));
        assertEquals(2, log.logStartOffset());
    }

    @Test
    void removedSegmentFilesAreRenamedAndThenDeletedAfterTheFileDeleteDelay() throws Exception {
        PartitionLog log = open(dir, ONE_BATCH_PER_SEGMENT.withFileDeleteDelayMs(0));
        append(log, "a", "b", "c");

        manager.deleteRecordsBefore(log, 2);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (fileNames().anyMatch(n -> isSegmentFile(n, 0) || isSegmentFile(n, 1))) {
            assertTrue(System.nanoTime() < deadline, "segment files 0 and 1 still there: " + fileNames().toList());
            Thread.sleep(10);
        }
        assertTrue(fileNames().anyMatch(n -> n.equals(LogSegment.filenamePrefix(2) + LogSegment.LOG_SUFFIX)));
    }

    private static boolean isSegmentFile(String name, long baseOffset) {
        String prefix = LogSegment.filenamePrefix(baseOffset);
        return Stream.of(LogSegment.LOG_SUFFIX, LogSegment.INDEX_SUFFIX, LogSegment.TIME_INDEX_SUFFIX)
                .anyMatch(suffix -> name.equals(prefix + suffix) || name.equals(prefix + suffix + LogSegment.DELETED_FILE_SUFFIX));
    }

    private Stream<String> fileNames() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve(TP.toString()))) {
            return files.map(p -> p.getFileName().toString()).toList().stream();
        }
    }

    @Test
    void theLeaderEpochCacheIsTruncatedToTheNewStart() throws Exception {
        PartitionLog log = open(dir, LogConfig.defaults());
        log.appendAsLeader(Batches.of(time.milliseconds(), "a"), 0);
        log.appendAsLeader(Batches.of(time.milliseconds(), "b"), 0);
        log.appendAsLeader(Batches.of(time.milliseconds(), "c"), 1);
        log.updateHighWatermark(log.logEndOffset());

        manager.deleteRecordsBefore(log, 1);

        assertEquals(List.of(new EpochEntry(0, 1), new EpochEntry(1, 2)), log.leaderEpochCache().entries());
    }

    @Test
    void timestampLookupsNeverAnswerBelowTheLogStartOffset() throws Exception {
        PartitionLog log = open(dir, LogConfig.defaults());
        append(log, "a", "b");
        time.advance(1, TimeUnit.SECONDS);
        append(log, "c", "d");
        manager.deleteRecordsBefore(log, 3);

        assertEquals(new TimestampOffset(time.milliseconds(), 3), log.fetchOffsetByTimestamp(0));
        assertEquals(new TimestampOffset(time.milliseconds(), 3), log.fetchOffsetByTimestamp(time.milliseconds()));
    }

    @Test
    void theCheckpointHoldsTheNewStartOnceTheFutureCompletes() throws Exception {
        PartitionLog log = open(dir, LogConfig.defaults());
        append(log, "a", "b", "c");
        manager.deleteRecordsBefore(log, 2);

        manager.checkpointLogStartOffsets().get(10, TimeUnit.SECONDS);

        Map<TopicPartition, Long> checkpointed = new OffsetCheckpointFile(dir.resolve(OffsetCheckpointFile.LOG_START_OFFSET_CHECKPOINT)).read();
        assertEquals(2L, checkpointed.get(TP));
    }

    @Test
    void aCleanRestartKeepsTheStartEvenInsideTheFirstSegment() throws Exception {
        PartitionLog log = open(dir, LogConfig.defaults());
        append(log, "a", "b", "c");
        manager.deleteRecordsBefore(log, 2);
        manager.close();

        PartitionLog reopened = open(dir, LogConfig.defaults());

        assertEquals(2, reopened.logStartOffset());
        assertEquals(List.of(0L), segmentBases(reopened));
        assertThrows(OffsetOutOfRangeException.class, () -> reopened.read(0, 1 << 20, 3, true));
    }

    @Test
    void aCrashAfterTheCheckpointKeepsTheStart() throws Exception {
        PartitionLog log = open(dir, LogConfig.defaults());
        append(log, "a", "b", "c");
        log.awaitDurable(2).get(10, TimeUnit.SECONDS);
        manager.deleteRecordsBefore(log, 2);
        manager.checkpointLogStartOffsets().get(10, TimeUnit.SECONDS);
        Path crashImage = Files.createTempDirectory(dir.getParent(), "crash");
        copyWithoutLock(dir, crashImage);
        LogManager live = manager;

        PartitionLog recovered = open(crashImage, LogConfig.defaults());
        live.close();

        assertEquals(2, recovered.logStartOffset());
        assertEquals(3, recovered.logEndOffset());
    }

    @Test
    void aCheckpointedStartPastTheRecoveredEndRestartsTheLogEmptyAtThatStart() throws Exception {
        PartitionLog log = open(dir, LogConfig.defaults());
        append(log, "a", "b", "c");
        log.awaitDurable(2).get(10, TimeUnit.SECONDS);
        Path crashImage = Files.createTempDirectory(dir.getParent(), "crash");
        copyWithoutLock(dir, crashImage);
        // As if records up to offset 7 had been appended, deleted and checkpointed, and the tail then lost.
        new OffsetCheckpointFile(crashImage.resolve(OffsetCheckpointFile.LOG_START_OFFSET_CHECKPOINT)).write(Map.of(TP, 7L));
        LogManager live = manager;

        PartitionLog recovered = open(crashImage, LogConfig.defaults());
        live.close();

        assertEquals(7, recovered.logStartOffset());
        assertEquals(7, recovered.logEndOffset());
        assertEquals(List.of(7L), segmentBases(recovered));
        recovered.appendAsLeader(Batches.of(time.milliseconds(), "h"), 0);
        recovered.updateHighWatermark(recovered.logEndOffset());
        assertEquals(List.of("7:h"), Batches.values(recovered.read(7, 1 << 20, 8, true), 7));
    }

    /** The files as a power cut would leave them (everything here was fsynced), minus the held lock file. */
    private static void copyWithoutLock(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!source.getFileName().toString().equals(LogManager.LOCK_FILE)) {
                    Files.copy(source, target);
                }
            }
        }
    }
}
