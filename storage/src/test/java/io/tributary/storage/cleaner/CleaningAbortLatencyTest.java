package io.tributary.storage.cleaner;

import static io.tributary.storage.cleaner.CompactedLogFixture.TP;
import static io.tributary.storage.cleaner.CompactedLogFixture.compacted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.ManualTime;
import io.tributary.common.Time;
import io.tributary.storage.PartitionLog;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An abort (a log being deleted, which waits for it holding the log manager's monitor) stops a
 * cleaning within one read buffer, and wakes a cleaner thread that the throttler holds back. The
 * throttler's clock moves 1 ms each time it is read, so throttling starts after a few reads.
 */
class CleaningAbortLatencyTest {

    @TempDir
    Path dir;

    @Test
    void anAbortStopsTheCleaningBeforeTheNextReadOfTheSegment() throws Exception {
        try (CompactedLogFixture f = new CompactedLogFixture(dir, compacted(1024 * 1024))) {
            f.appendUpdates(2000, 20);
            f.rollAndCommit();
            AtomicBoolean abortRequested = new AtomicBoolean();
            AtomicInteger throttledReadsAfterAbort = new AtomicInteger();
            // Every report closes an interval and sleeps; the first sleep is where the abort arrives.
            ManualTime clock = new ManualTime();
            Throttler throttler = new Throttler(1, ticking(clock), nanos -> {
                clock.advance(nanos, TimeUnit.NANOSECONDS);
                if (!abortRequested.compareAndSet(false, true)) {
                    throttledReadsAfterAbort.incrementAndGet();
                }
            }, 1);
            Cleaner.AbortCheck abortCheck = log -> {
                if (abortRequested.get()) {
                    throw new LogCleaningAbortedException("aborted by the test");
                }
            };
            Cleaner cleaner = new Cleaner(new OffsetMap(1024 * 1024, 0.9), 1024, throttler, f.time, (log, replaced) -> { },
                    abortCheck, PartitionLog.SwapListener.NONE);
            LogToClean toClean = f.cleaner.measure(f.log, f.time.milliseconds());
            assertEquals(1, f.log.segmentsInRange(0, toClean.firstUncleanableOffset()).size(), "one segment to clean");
            assertTrue(f.log.segments().iterator().next().sizeInBytes() > 20 * 1024, "a segment of many read buffers");

            assertThrows(LogCleaningAbortedException.class, () -> cleaner.clean(toClean));

            assertEquals(0, throttledReadsAfterAbort.get(), "reads after the abort");
        }
    }

    @Test
    void abortingACleaningWakesItsThrottledThread() throws Exception {
        try (CompactedLogFixture f = new CompactedLogFixture(dir, compacted(1024 * 1024))) {
            f.appendUpdates(2000, 20);
            f.rollAndCommit();
            // 1 byte per second: the first check of the rate asks for a sleep of many hours.
            CleanerConfig config = new CleanerConfig(1, 4L * 1024 * 1024, 0.9, 1024, 1, 60_000, true);
            LogCleaner cleaner = new LogCleaner(config, () -> List.of(f.log), ticking(new ManualTime()), (log, replaced) -> { });
            try {
                cleaner.startup();
                while (cleaner.throttledNs() == 0) {
                    Thread.onSpinWait(); // until the cleaner thread is held back
                }

                CompletableFuture<Void> abort = CompletableFuture.runAsync(() -> {
                    try {
                        cleaner.abortCleaning(TP, dir);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });

                abort.get(30, TimeUnit.SECONDS);
                assertTrue(cleaner.throttledNs() > TimeUnit.HOURS.toNanos(1), "throttled for " + cleaner.throttledNs() + " ns");
                assertNull(cleaner.lastStats(), "the cleaning completed");
            } finally {
                cleaner.close();
            }
        }
    }

    /** {@code clock}, moved 1 ms each time its nanoseconds are read. */
    private static Time ticking(ManualTime clock) {
        return new Time() {
            @Override
            public long milliseconds() {
                return clock.milliseconds();
            }

            @Override
            public long nanoseconds() {
                clock.advance(1, TimeUnit.MILLISECONDS);
                return clock.nanoseconds();
            }
        };
    }
}
