package io.tributary.storage.cleaner;

import static io.tributary.storage.cleaner.CompactedLogFixture.TP;
import static io.tributary.storage.cleaner.CompactedLogFixture.compacted;
import static io.tributary.storage.cleaner.CompactedLogFixture.latest;
import static io.tributary.storage.cleaner.CompactedLogFixture.records;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.storage.PartitionLog;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A truncation through {@link io.tributary.storage.LogManager#truncateTo} (replication truncation)
 * aborts a cleaning of the log in progress and pauses its cleaning while it truncates, then lowers
 * the cleaner checkpoint to the truncation offset, as Kafka's {@code LogManager.truncateTo} does.
 */
class TruncationDuringCleaningTest {

    @TempDir
    Path dir;

    /**
     * Segments [x0] [a0] [a1], each a group of its own. The offset map says a's latest is at offset
     * 2; a truncation to 2 arrives after the first group is swapped in. Going on with that map,
     * the second group would drop a0, the only value of a left.
     */
    @Test
    void aTruncationBetweenTwoGroupsOfACleaningAbortsIt() throws Exception {
        try (CompactedLogFixture f = new CompactedLogFixture(dir, compacted(100))) {
            f.append("x", "x0");
            f.log.roll();
            f.append("a", "a0");
            f.log.roll();
            f.append("a", "a1");
            f.rollAndCommit();
            assertEquals(4, f.log.segments().size());
            CompletableFuture<Long> truncation = new CompletableFuture<>();
            int[] swaps = {0};

            f.cleanOnce(step -> {
                if (step == PartitionLog.SwapStep.RENAMED_TO_FINAL && swaps[0]++ == 0) {
                    truncateOnAnotherThread(f, 2, truncation);
                    // Until the truncation waits for this cleaning to stop; a truncation that does not
                    // would wait for the log's lock, which this swap holds.
                    long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (!f.cleaner.abortRequested(TP) && !truncation.isDone() && System.nanoTime() < deadlineNs) {
                        Thread.onSpinWait();
                    }
                }
            });
            truncation.get(30, TimeUnit.SECONDS);

            assertEquals(2, f.log.logEndOffset());
            assertEquals(Map.of("x", "x0", "a", "a0"), latest(f.log), "records left: " + records(f.log));
            assertEquals(1, swaps[0], "groups swapped in");
        }
    }

    @Test
    void aTruncationLowersTheCleanerCheckpointToItsOffset() throws Exception {
        try (CompactedLogFixture f = new CompactedLogFixture(dir, compacted(100))) {
            f.append("a", "a0");
            f.log.roll();
            f.append("a", "a1");
            f.log.roll();
            f.append("b", "b0");
            f.rollAndCommit();
            assertTrue(f.cleanOnce());
            assertEquals(3, f.cleaner.checkpointedOffset(f.log));

            f.manager.truncateTo(f.log, 1);

            assertEquals(1, f.cleaner.checkpointedOffset(f.log));
        }
    }

    @Test
    void cleaningResumesAfterATruncation() throws Exception {
        try (CompactedLogFixture f = new CompactedLogFixture(dir, compacted(100))) {
            f.append("a", "a0");
            f.log.roll();
            f.append("b", "b0");
            f.rollAndCommit();
            f.manager.truncateTo(f.log, 1);
            f.append("a", "a1");
            f.log.roll();
            f.append("a", "a2");
            f.rollAndCommit();

            assertTrue(f.cleanOnce(), "the log is cleanable after the truncation");

            assertEquals(Map.of("a", "a2"), latest(f.log));
            assertEquals(1, records(f.log).size(), "records left: " + records(f.log));
        }
    }

    private static void truncateOnAnotherThread(CompactedLogFixture f, long offset, CompletableFuture<Long> done) {
        Thread thread = new Thread(() -> {
            try {
                done.complete(f.manager.truncateTo(f.log, offset));
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }, "truncation");
        thread.start();
    }
}
