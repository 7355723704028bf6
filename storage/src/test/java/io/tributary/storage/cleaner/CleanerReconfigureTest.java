package io.tributary.storage.cleaner;

import static io.tributary.storage.cleaner.CompactedLogFixture.TP;
import static io.tributary.storage.cleaner.CompactedLogFixture.compacted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LogCleaner#reconfigure}: new {@code log.cleaner.*} settings restart the cleaner threads
 * with them, and the checkpoints and paused logs outlive the restart. The fixture's cleaner starts
 * with no threads.
 */
class CleanerReconfigureTest {

    private static final long DEADLINE_MS = 20_000;

    @TempDir
    Path dir;

    @Test
    void theThreadCountFollowsLogCleanerThreads() throws Exception {
        try (CompactedLogFixture f = new CompactedLogFixture(dir, compacted(1024 * 1024))) {
            CleanerConfig zero = f.cleaner.config();
            assertEquals(0, f.cleaner.threadCount());

            assertTrue(f.manager.reconfigureLogCleaner(threads(zero, 3)));
            assertEquals(3, f.cleaner.threadCount());
            assertTrue(f.manager.reconfigureLogCleaner(threads(zero, 1)));
            assertEquals(1, f.cleaner.threadCount());
            assertEquals(threads(zero, 1), f.cleaner.config());
            assertTrue(f.manager.reconfigureLogCleaner(zero));
            assertEquals(0, f.cleaner.threadCount());
        }
    }

    @Test
    void unchangedSettingsKeepTheThreads() throws Exception {
        try (CompactedLogFixture f = new CompactedLogFixture(dir, compacted(1024 * 1024))) {
            CleanerConfig one = threads(f.cleaner.config(), 1);
            f.manager.reconfigureLogCleaner(one);

            assertFalse(f.manager.reconfigureLogCleaner(one));
            assertEquals(1, f.cleaner.threadCount());
        }
    }

    @Test
    void cleaningStartsWhenThreadsAreAdded() throws Exception {
        try (CompactedLogFixture f = new CompactedLogFixture(dir, compacted(1024 * 1024))) {
            f.appendUpdates(100, 5);
            f.rollAndCommit();
            long end = f.log.logEndOffset();

            f.manager.reconfigureLogCleaner(threads(f.cleaner.config(), 2).withBackoffMs(10));

            awaitTrue(() -> f.cleaner.checkpointedOffset(f.log) == end, "the log is cleaned up to " + end);
            assertEquals(5, CompactedLogFixture.records(f.log).size(), "one record per key");
        }
    }

    @Test
    void theCheckpointOutlivesAReconfigureAndCleaningGoesOnFromIt() throws Exception {
        try (CompactedLogFixture f = new CompactedLogFixture(dir, compacted(1024 * 1024))) {
            f.appendUpdates(100, 5);
            f.rollAndCommit();
            assertTrue(f.cleanOnce());
            long firstEnd = f.log.logEndOffset();
            assertEquals(firstEnd, f.cleaner.checkpointedOffset(f.log));

            f.manager.reconfigureLogCleaner(threads(f.cleaner.config(), 1).withBackoffMs(10));
            assertEquals(firstEnd, f.cleaner.checkpointedOffset(f.log), "checkpoint after the reconfigure");
            f.appendUpdates(100, 5);
            f.rollAndCommit();
            long secondEnd = f.log.logEndOffset();

            awaitTrue(() -> f.cleaner.checkpointedOffset(f.log) == secondEnd, "the log is cleaned up to " + secondEnd);
            assertEquals(5, CompactedLogFixture.latest(f.log).size());
        }
    }

    @Test
    void aPausedLogStaysPausedAcrossAReconfigure() throws Exception {
        try (CompactedLogFixture f = new CompactedLogFixture(dir, compacted(1024 * 1024))) {
            f.appendUpdates(100, 5);
            f.rollAndCommit();
            f.cleaner.abortAndPauseCleaning(TP);

            f.manager.reconfigureLogCleaner(f.cleaner.config().withBackoffMs(10)); // still no threads
            assertTrue(f.cleaner.grabFilthiestLog().isEmpty(), "a paused log is not selected");

            f.cleaner.resumeCleaning(TP);
            assertTrue(f.cleanOnce());
        }
    }

    @Test
    void aCleaningInProgressIsAbortedByAReconfigureAndRetriedWithTheNewSettings() throws Exception {
        try (CompactedLogFixture f = new CompactedLogFixture(dir, compacted(1024 * 1024))) {
            f.appendUpdates(100, 5);
            f.rollAndCommit();
            long end = f.log.logEndOffset();
            f.cleaner.abortAndPauseCleaning(TP);
            // One byte a second: the first throttle check (once the manual clock has moved) sleeps for hours.
            f.manager.reconfigureLogCleaner(threads(f.cleaner.config(), 1).withBackoffMs(10).withMaxIoBytesPerSecond(1));
            f.time.advance(1, TimeUnit.SECONDS);
            f.cleaner.resumeCleaning(TP);
            awaitTrue(() -> f.cleaner.throttledNs() > 0, "the cleaning is throttled");

            f.manager.reconfigureLogCleaner(threads(f.cleaner.config(), 1).withMaxIoBytesPerSecond(Double.MAX_VALUE));

            awaitTrue(() -> f.cleaner.checkpointedOffset(f.log) == end, "the log is cleaned up to " + end);
            assertEquals(5, CompactedLogFixture.records(f.log).size(), "one record per key");
        }
    }

    private static CleanerConfig threads(CleanerConfig config, int numThreads) {
        return new CleanerConfig(numThreads, config.dedupeBufferSize(), config.dedupeBufferLoadFactor(), config.ioBufferSize(),
                config.maxIoBytesPerSecond(), config.backoffMs(), config.enabled());
    }

    private static void awaitTrue(Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.currentTimeMillis() + DEADLINE_MS;
        while (!condition.call()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within " + DEADLINE_MS + " ms: " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
