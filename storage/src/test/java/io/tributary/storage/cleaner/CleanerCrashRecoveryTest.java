package io.tributary.storage.cleaner;

import static io.tributary.storage.cleaner.CompactedLogFixture.TP;
import static io.tributary.storage.cleaner.CompactedLogFixture.batches;
import static io.tributary.storage.cleaner.CompactedLogFixture.latest;
import static io.tributary.storage.cleaner.CompactedLogFixture.records;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.ManualTime;
import io.tributary.records.RecordBatch;
import io.tributary.storage.LogConfig;
import io.tributary.storage.LogManager;
import io.tributary.storage.LogSegment;
import io.tributary.storage.PartitionLog;
import io.tributary.storage.PartitionLog.SwapStep;
import io.tributary.storage.checkpoint.OffsetCheckpointFile;
import io.tributary.storage.index.TimestampOffset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A kill at every step of a cleaned segment's swap, then a load: the log holds the same latest
 * value per key and the same log end offset, every batch is valid, no cleaner file is left, and
 * every segment's indexes answer as before the kill (largest timestamp, ListOffsets by timestamp),
 * though a recovery-point checkpoint past the cleaned range means nothing is re-read for recovery.
 * A kill is modelled by copying the partition directory at that step (inside the swap, under the
 * log's lock) and loading the copy as after an unclean stop; the states between the renames of
 * one segment's three files are built from those copies by hand.
 */
class CleanerCrashRecoveryTest {

    private static final LogConfig CONFIG = CompactedLogFixture.compacted(64 * 1024);

    @TempDir
    Path root;
    private final Map<SwapStep, Path> snapshots = new EnumMap<>(SwapStep.class);
    private Map<String, String> expectedLatest;
    private long expectedLogEnd;
    private int recordsBefore;
    private int recordsAfter;
    private long cleanedBase;
    private final List<Long> appendTimesMs = new ArrayList<>();
    private final Map<Long, TimestampOffset> expectedByTimestamp = new HashMap<>();
    private final Map<Long, Long> expectedMaxTimestampBySegment = new HashMap<>();

    /** Three segments of updates to 7 keys, a second apart, cleaned as one group, with the directory copied at each swap step. */
    @BeforeEach
    void cleanWhileSnapshotting() throws Exception {
        try (CompactedLogFixture f = new CompactedLogFixture(root.resolve("live"), CONFIG)) {
            for (int segment = 0; segment < 3; segment++) {
                appendTimesMs.add(f.time.milliseconds());
                f.appendUpdates(20, 7);
                f.rollAndCommit();
                f.time.advance(1, TimeUnit.SECONDS);
            }
            expectedLatest = latest(f.log);
            expectedLogEnd = f.log.logEndOffset();
            recordsBefore = records(f.log).size();
            cleanedBase = f.log.segments().iterator().next().baseOffset();
            assertTrue(f.cleanOnce(step -> snapshots.put(step, copy(f.log.dir(), root.resolve(step.name())))));
            recordsAfter = records(f.log).size();
            for (long timestamp : appendTimesMs) {
                expectedByTimestamp.put(timestamp, f.log.fetchOffsetByTimestamp(timestamp));
            }
            for (LogSegment segment : f.log.segments()) {
                expectedMaxTimestampBySegment.put(segment.baseOffset(), segment.maxTimestampSoFar());
            }
        }
        assertEquals(7, recordsAfter);
        assertEquals(SwapStep.values().length, snapshots.size(), "one group, so each step once");
    }

    @ParameterizedTest
    @EnumSource(SwapStep.class)
    void aKillAfterAnyStepOfTheSwapLoadsTheCleanedLog(SwapStep step) throws Exception {
        assertLoadsConsistently(snapshots.get(step), recordsAfter);
    }

    @Test
    void aKillWhileCleanedFilesAreBeingWrittenLoadsTheOriginalLog() throws Exception {
        Path dir = snapshots.get(SwapStep.RENAMED_TO_SWAP);
        for (String suffix : List.of(LogSegment.LOG_SUFFIX, LogSegment.INDEX_SUFFIX, LogSegment.TIME_INDEX_SUFFIX)) {
            Files.move(LogSegment.file(dir, cleanedBase, suffix + PartitionLog.SWAP_FILE_SUFFIX),
                    LogSegment.file(dir, cleanedBase, suffix + PartitionLog.CLEANED_FILE_SUFFIX));
        }
        assertLoadsConsistently(dir, recordsBefore);
    }

    @Test
    void aKillAfterTheIndexesButNotTheLogFileWereRenamedToSwapLoadsTheOriginalLog() throws Exception {
        Path dir = snapshots.get(SwapStep.RENAMED_TO_SWAP);
        Files.move(LogSegment.file(dir, cleanedBase, LogSegment.LOG_SUFFIX + PartitionLog.SWAP_FILE_SUFFIX),
                LogSegment.file(dir, cleanedBase, LogSegment.LOG_SUFFIX + PartitionLog.CLEANED_FILE_SUFFIX));
        assertLoadsConsistently(dir, recordsBefore);
    }

    @Test
    void aKillAfterSomeSwapFilesGotTheirFinalNamesCompletesTheSwap() throws Exception {
        Path dir = snapshots.get(SwapStep.OLD_RENAMED_TO_DELETED);
        for (String suffix : List.of(LogSegment.INDEX_SUFFIX, LogSegment.TIME_INDEX_SUFFIX)) {
            Files.move(LogSegment.file(dir, cleanedBase, suffix + PartitionLog.SWAP_FILE_SUFFIX),
                    LogSegment.file(dir, cleanedBase, suffix));
        }
        assertLoadsConsistently(dir, recordsAfter);
    }

    @Test
    void aKillAfterOnlyTheOffsetIndexGotItsFinalNameCompletesTheSwap() throws Exception {
        Path dir = snapshots.get(SwapStep.OLD_RENAMED_TO_DELETED);
        Files.move(LogSegment.file(dir, cleanedBase, LogSegment.INDEX_SUFFIX + PartitionLog.SWAP_FILE_SUFFIX),
                LogSegment.file(dir, cleanedBase, LogSegment.INDEX_SUFFIX));
        assertLoadsConsistently(dir, recordsAfter);
    }

    private void assertLoadsConsistently(Path partitionDir, int expectedRecords) throws Exception {
        Path logDir = partitionDir.getParent();
        // The periodic checkpoint had long put the recovery point past the cleaned range.
        new OffsetCheckpointFile(logDir.resolve(OffsetCheckpointFile.RECOVERY_POINT_OFFSET_CHECKPOINT))
                .write(Map.of(TP, expectedLogEnd));
        LogManager manager = new LogManager(List.of(logDir), CONFIG, new ManualTime(), 1, 60_000, 60_000);
        manager.startup();
        try {
            PartitionLog log = manager.getLog(TP);
            assertEquals(expectedLogEnd, log.logEndOffset());
            assertEquals(expectedLatest, latest(log));
            assertEquals(expectedRecords, records(log).size());
            long next = log.logStartOffset();
            for (RecordBatch batch : batches(log)) {
                batch.ensureValid();
                assertTrue(batch.baseOffset() >= next, "offsets go backwards at " + batch.baseOffset());
                next = batch.nextOffset();
            }
            assertIndexesAnswerAsBeforeTheKill(log, expectedRecords == recordsAfter);
            try (Stream<Path> files = Files.list(partitionDir)) {
                List<String> names = files.map(p -> p.getFileName().toString()).toList();
                assertFalse(names.stream().anyMatch(n -> n.endsWith(".swap") || n.endsWith(".cleaned") || n.endsWith(".deleted")),
                        "leftover files: " + names);
            }
        } finally {
            manager.close();
        }
    }

    private void assertIndexesAnswerAsBeforeTheKill(PartitionLog log, boolean cleaned) {
        for (LogSegment segment : log.segments()) {
            if (segment.sizeInBytes() == 0) {
                continue;
            }
            assertTrue(segment.maxTimestampSoFar() >= appendTimesMs.get(0),
                    "segment " + segment.baseOffset() + " lost its largest timestamp: " + segment.maxTimestampSoFar());
            if (cleaned) {
                assertEquals(expectedMaxTimestampBySegment.get(segment.baseOffset()), segment.maxTimestampSoFar(),
                        "largest timestamp of segment " + segment.baseOffset());
            }
        }
        for (long timestamp : appendTimesMs) {
            TimestampOffset found = log.fetchOffsetByTimestamp(timestamp);
            assertNotNull(found, "ListOffsets by timestamp " + timestamp);
            if (cleaned) {
                assertEquals(expectedByTimestamp.get(timestamp), found, "ListOffsets by timestamp " + timestamp);
            }
        }
    }

    /** Copies the partition directory to {@code <target>/<topic>-<partition>}, as a kill would leave it on disk. */
    private static Path copy(Path partitionDir, Path target) throws IOException {
        Path copy = target.resolve(partitionDir.getFileName());
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(partitionDir)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }
}
