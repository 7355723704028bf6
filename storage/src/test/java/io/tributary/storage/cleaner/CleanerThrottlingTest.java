package io.tributary.storage.cleaner;

import static io.tributary.storage.cleaner.CompactedLogFixture.compacted;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.ManualTime;
import io.tributary.common.Time;
import io.tributary.storage.PartitionLog;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code log.cleaner.io.max.bytes.per.second}: a cleaning reports what it reads and writes to the
 * throttler, which holds the cleaner thread back by sleeping. The throttler's clock moves 1 ms
 * each time it is read (the cleaner's work) and by whatever the sleeper is asked to sleep, so the
 * test measures the cleaner's rate on that clock without waiting.
 */
class CleanerThrottlingTest {

    @TempDir
    Path dir;

    @Test
    void cleaningIsSleptDownToTheConfiguredRate() throws Exception {
        try (CompactedLogFixture f = new CompactedLogFixture(dir, compacted(4096))) {
            f.appendUpdates(2000, 20);
            f.rollAndCommit();
            double bytesPerSecond = 50_000;
            AtomicLong sleptNs = new AtomicLong();
            ManualTime clock = new ManualTime();
            Time ticking = new Time() {
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
            // Checked every 5 ms of that clock (every few reads and writes) rather than Kafka's 300 ms,
            // so the unchecked tail of the last interval is small against the whole cleaning.
            Throttler throttler = new Throttler(bytesPerSecond, ticking, nanos -> {
                sleptNs.addAndGet(nanos);
                clock.advance(nanos, TimeUnit.NANOSECONDS);
            }, TimeUnit.MILLISECONDS.toNanos(5));
            Cleaner cleaner = new Cleaner(new OffsetMap(1024 * 1024, 0.9), 1024, throttler, f.time, (log, replaced) -> { },
                    Cleaner.AbortCheck.NEVER, PartitionLog.SwapListener.NONE);
            long startNs = clock.nanoseconds();

            CleanerStats stats = cleaner.clean(f.cleaner.measure(f.log, f.time.milliseconds())).stats();

            long io = stats.mapBytesRead() + stats.bytesRead() + stats.bytesWritten();
            double seconds = (clock.nanoseconds() - startNs) / 1e9;
            assertTrue(sleptNs.get() > 0, "the cleaner was never held back");
            assertTrue(io / seconds <= bytesPerSecond * 1.05, "rate " + io / seconds + " B/s over " + seconds + " s for " + io + " bytes");
            assertTrue(io / seconds >= bytesPerSecond * 0.8, "slept far too long: rate " + io / seconds);
        }
    }
}
