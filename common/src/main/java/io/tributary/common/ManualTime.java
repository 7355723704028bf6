package io.tributary.common;

import java.util.concurrent.TimeUnit;

/** A {@link Time} that moves only when told to; for tests. Thread-safe. */
public final class ManualTime implements Time {

    private volatile long milliseconds;
    private volatile long nanoseconds;

    public ManualTime() {
        this(1_700_000_000_000L);
    }

    public ManualTime(long startMilliseconds) {
        this.milliseconds = startMilliseconds;
        this.nanoseconds = TimeUnit.MILLISECONDS.toNanos(startMilliseconds);
    }

    @Override
    public long milliseconds() {
        return milliseconds;
    }

    @Override
    public long nanoseconds() {
        return nanoseconds;
    }

    /** Moves both clocks forward. */
    public synchronized void advance(long duration, TimeUnit unit) {
        milliseconds += unit.toMillis(duration);
        nanoseconds += unit.toNanos(duration);
    }
}
