package io.tributary.common;

/**
 * The clock, injected wherever time is read (STYLE habit 6), so tests can drive time step by step.
 * Wall-clock milliseconds are for timestamps that leave the process (record timestamps, file
 * times); monotonic nanoseconds are for timeouts and intervals.
 */
public interface Time {

    Time SYSTEM = new Time() {
        @Override
        public long milliseconds() {
            return System.currentTimeMillis();
        }

        @Override
        public long nanoseconds() {
            return System.nanoTime();
        }
    };

    /** Wall-clock time in milliseconds since the epoch. */
    long milliseconds();

    /** Monotonic time in nanoseconds, only meaningful as a difference. */
    long nanoseconds();
}
