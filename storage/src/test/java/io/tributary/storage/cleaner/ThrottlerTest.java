package io.tributary.storage.cleaner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.ManualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The throttler sleeps the caller just long enough to bring its rate down to the limit, measured on a manual clock. */
class ThrottlerTest {

    private final ManualTime time = new ManualTime();
    private final List<Long> sleeps = new ArrayList<>();
    private final Throttler.Sleeper sleeper = nanos -> {
        sleeps.add(nanos);
        time.advance(nanos, TimeUnit.NANOSECONDS);
    };

    @Test
    void twiceTheAllowedRateSleepsAsLongAgainAsTheIntervalTook() throws Exception {
        Throttler throttler = new Throttler(1000, time, sleeper); // 1000 bytes/s
        time.advance(500, TimeUnit.MILLISECONDS);

        throttler.maybeThrottle(1000); // 1000 bytes in 0.5 s: must take 1 s

        assertEquals(List.of(TimeUnit.MILLISECONDS.toNanos(500)), sleeps);
    }

    @Test
    void aRateWithinTheLimitNeverSleeps() throws Exception {
        Throttler throttler = new Throttler(1000, time, sleeper);
        for (int i = 0; i < 10; i++) {
            time.advance(400, TimeUnit.MILLISECONDS);
            throttler.maybeThrottle(300);
        }
        assertTrue(sleeps.isEmpty(), "slept " + sleeps);
    }

    @Test
    void bytesWithinACheckIntervalAreOnlyCountedUntilItEnds() throws Exception {
        Throttler throttler = new Throttler(1000, time, sleeper);
        throttler.maybeThrottle(5000);
        assertTrue(sleeps.isEmpty(), "no check before 300 ms have passed");

        time.advance(300, TimeUnit.MILLISECONDS);
        throttler.maybeThrottle(0);

        assertEquals(List.of(TimeUnit.MILLISECONDS.toNanos(4700)), sleeps);
    }

    @Test
    void sustainedOverloadIsHeldToTheLimitOnAverage() throws Exception {
        Throttler throttler = new Throttler(10_000, time, sleeper);
        long start = time.nanoseconds();
        for (int i = 0; i < 100; i++) {
            time.advance(50, TimeUnit.MILLISECONDS); // the "work": 5000 bytes per 50 ms = 100 kB/s unthrottled
            throttler.maybeThrottle(5000);
        }
        double seconds = (time.nanoseconds() - start) / 1e9;
        double rate = 500_000 / seconds;
        assertTrue(rate <= 10_000 * 1.05 && rate >= 10_000 * 0.8, "average rate " + rate);
    }

    @Test
    void theDefaultLimitNeverSleeps() throws Exception {
        Throttler throttler = new Throttler(Double.MAX_VALUE, time, sleeper);
        time.advance(1, TimeUnit.SECONDS);
        throttler.maybeThrottle(1e12);
        assertTrue(sleeps.isEmpty());
    }
}
