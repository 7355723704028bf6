package io.tributary.storage.cleaner;

import static io.tributary.storage.cleaner.CompactedLogFixture.TP;
import static io.tributary.storage.cleaner.CompactedLogFixture.batches;
import static io.tributary.storage.cleaner.CompactedLogFixture.latest;
import static io.tributary.storage.cleaner.CompactedLogFixture.records;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.ManualTime;
import io.tributary.records.RecordBatch;
import io.tributary.storage.LogConfig;
import io.tributary.storage.LogManager;
import io.tributary.storage.LogSegment;
import io.tributary.storage.PartitionLog;
import io.tributary.storage.PartitionLog.SwapStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A kill at every step of a cleaned segment's swap, then a load: the log holds the same latest
 * value per key and the same log end offset, every batch is valid, and no cleaner file is left.
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

    /** Three segments of updates to 7 keys, cleaned as one group, with the directory copied at each swap step. */
    @BeforeEach
    void cleanWhileSnapshotting() throws Exception {
        try (CompactedLogFixture f = new CompactedLogFixture(root.resolve("live"), CONFIG)) {
            for (int segment = 0; segment < 3; segment++) {
                f.appendUpdates(20, 7);
                f.rollAndCommit();
            }
            expectedLatest = latest(f.log);
            expectedLogEnd = f.log.logEndOffset();
            recordsBefore = records(f.log).size();
            cleanedBase = f.log.segments().iterator().next().baseOffset();
            assertTrue(f.cleanOnce(step -> snapshots.put(step, copy(f.log.dir(), root.resolve(step.name())))));
            recordsAfter = records(f.log).size();
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

    private void assertLoadsConsistently(Path partitionDir, int expectedRecords) throws Exception {
        Path logDir = partitionDir.getParent();
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
            try (Stream<Path> files = Files.list(partitionDir)) {
                List<String> names = files.map(p -> p.getFileName().toString()).toList();
                assertFalse(names.stream().anyMatch(n -> n.endsWith(".swap") || n.endsWith(".cleaned") || n.endsWith(".deleted")),
                        "leftover files: " + names);
            }
        } finally {
            manager.close();
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
