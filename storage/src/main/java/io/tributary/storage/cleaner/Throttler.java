package io.tributary.storage.cleaner;

import io.tributary.common.Time;
import java.util.concurrent.TimeUnit;

/**
 * Holds the cleaner's I/O to {@code log.cleaner.io.max.bytes.per.second}, shared by all cleaner
 * threads: callers report the bytes they read or wrote, and once per check interval, if the rate
 * over that interval was above the limit, the calling thread sleeps long enough to bring it down
 * (Kafka's {@code Throttler}). A rate limiter by sleeping, never by spinning.
 *
 * <p>Thread-safe: the accounting is synchronised; the sleep happens outside the lock, so other
 * threads' reports are not held up (they are throttled when their own report closes an interval).
 */
public final class Throttler {

    /** How the throttler waits; tests substitute one that advances a manual clock. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper SYSTEM = nanos -> TimeUnit.NANOSECONDS.sleep(nanos);

        void sleep(long nanos) throws InterruptedException;
    }

    static final long CHECK_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(300);

    private final double maxBytesPerSecond;
    private final long checkIntervalNs;
    private final Time time;
    private final Sleeper sleeper;
    private long periodStartNs;
    private double bytesInPeriod;
    private long totalSleptNs;

    public Throttler(double maxBytesPerSecond, Time time, Sleeper sleeper) {
        this(maxBytesPerSecond, time, sleeper, CHECK_INTERVAL_NS);
    }

    /** @param checkIntervalNs how often the rate is checked (Kafka's 300 ms by default) */
    public Throttler(double maxBytesPerSecond, Time time, Sleeper sleeper, long checkIntervalNs) {
        this.maxBytesPerSecond = maxBytesPerSecond;
        this.checkIntervalNs = checkIntervalNs;
        this.time = time;
        this.sleeper = sleeper;
        this.periodStartNs = time.nanoseconds();
    }

    /** Counts {@code bytes} of I/O and sleeps if the rate of the interval just ended was over the limit. */
    public void maybeThrottle(double bytes) throws InterruptedException {
        if (maxBytesPerSecond == Double.MAX_VALUE) {
            return;
        }
        long sleepNs = 0;
        synchronized (this) {
            bytesInPeriod += bytes;
            long now = time.nanoseconds();
            long elapsedNs = now - periodStartNs;
            if (elapsedNs < checkIntervalNs) {
                return;
            }
            double targetNs = bytesInPeriod / maxBytesPerSecond * 1e9;
            if (targetNs > elapsedNs) {
                sleepNs = (long) (targetNs - elapsedNs);
                totalSleptNs += sleepNs;
            }
            periodStartNs = now + sleepNs;
            bytesInPeriod = 0;
        }
        if (sleepNs > 0) {
            sleeper.sleep(sleepNs);
        }
    }

    /** The nanoseconds callers have been told to sleep so far. */
    public synchronized long totalSleptNs() {
        return totalSleptNs;
    }
}
