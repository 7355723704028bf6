package io.tributary.storage.cleaner;

import static io.tributary.storage.cleaner.CompactedLogFixture.latest;
import static io.tributary.storage.cleaner.CompactedLogFixture.records;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.storage.LogConfig;
import io.tributary.storage.LogSegment;
import io.tributary.storage.PartitionLog;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention and DeleteRecords may remove segments a cleaning is still to read, and after
 * {@code file.delete.delay.ms} close their files: that cleaning stops (an abort, not a failure), and
 * the partition stays cleanable. The segments are removed between the first and the second group
 * of one cleaning (each segment is a group of its own), and their files closed at once, as the
 * scheduled deletion does when the delay has passed.
 */
class CleaningWhileSegmentsAreDeletedTest {

    private static final LogConfig CONFIG = LogConfig.builder().compactEnabled(true).deleteEnabled(true).segmentBytes(100)
            .minCleanableDirtyRatio(0.0).retentionMs(1_000).fileDeleteDelayMs(0).build();

    @TempDir
    Path dir;

    @Test
    void retentionDuringACleaningLeavesThePartitionCleanable() throws Exception {
        try (CompactedLogFixture f = new CompactedLogFixture(dir, CONFIG)) {
            appendThreeSegments(f);
            f.time.advance(5, TimeUnit.SECONDS);

            boolean stopped = cleanRemovingSegmentsAfterTheFirstGroup(f, log -> log.deleteRetentionBreachedSegments(f.time.milliseconds()));

            assertTrue(stopped, "the cleaning went on after its segments were removed");
            assertPartitionStillCleanable(f, Map.of());
        }
    }

    @Test
    void deleteRecordsDuringACleaningLeavesThePartitionCleanable() throws Exception {
        try (CompactedLogFixture f = new CompactedLogFixture(dir, CONFIG)) {
            appendThreeSegments(f);

            boolean stopped = cleanRemovingSegmentsAfterTheFirstGroup(f, log -> log.deleteRecordsBefore(2));

            assertTrue(stopped, "the cleaning went on after its segments were removed");
            assertEquals(2, f.log.logStartOffset());
            assertPartitionStillCleanable(f, Map.of("a", "a1"));
        }
    }

    /** Segments [x0] [a0] [a1], then the active one. */
    private static void appendThreeSegments(CompactedLogFixture f) throws Exception {
        f.append("x", "x0");
        f.log.roll();
        f.append("a", "a0");
        f.log.roll();
        f.append("a", "a1");
        f.rollAndCommit();
        assertEquals(4, f.log.segments().size());
    }

    /**
     * Cleans once; when the first group is swapped in, removes segments with {@code removal} and
     * closes and deletes their files. Returns whether the cleaning stopped there (no later group swapped).
     */
    private static boolean cleanRemovingSegmentsAfterTheFirstGroup(CompactedLogFixture f,
                                                                   Function<PartitionLog, List<LogSegment>> removal) throws Exception {
        int[] swaps = {0};
        assertTrue(f.cleanOnce(step -> {
            if (step == PartitionLog.SwapStep.RENAMED_TO_FINAL && swaps[0]++ == 0) {
                List<LogSegment> removed = removal.apply(f.log);
                assertFalse(removed.isEmpty(), "nothing removed");
                for (LogSegment segment : removed) {
                    segment.delete();
                }
            }
        }));
        return swaps[0] == 1;
    }

    /** Ten updates of two keys are cleaned to one record each, beside {@code survivors} (key to value). */
    private static void assertPartitionStillCleanable(CompactedLogFixture f, Map<String, String> survivors) throws Exception {
        f.appendUpdates(10, 2);
        f.rollAndCommit();
        long end = f.log.logEndOffset();

        assertTrue(f.cleanOnce(), "the partition is still cleanable");

        Map<String, String> expected = new HashMap<>(survivors);
        expected.put("key-0", "value-" + (end - 2));
        expected.put("key-1", "value-" + (end - 1));
        assertEquals(expected, latest(f.log));
        assertEquals(expected.size(), records(f.log).size(), "records left: " + records(f.log));
    }
}
