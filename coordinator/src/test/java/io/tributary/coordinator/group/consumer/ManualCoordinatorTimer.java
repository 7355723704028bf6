package io.tributary.coordinator.group.consumer;

import io.tributary.common.ManualTime;
import io.tributary.coordinator.runtime.CoordinatorResult;
import io.tributary.coordinator.runtime.CoordinatorTimer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A {@link CoordinatorTimer} driven by hand with a {@link ManualTime}: {@link #expired()} hands out what is due. */
final class ManualCoordinatorTimer implements CoordinatorTimer {

    record Scheduled(String key, long deadlineMs, Supplier<CoordinatorResult<Void>> operation) {
    }

    private final ManualTime time;
    private final Map<String, Scheduled> timers = new HashMap<>();

    ManualCoordinatorTimer(ManualTime time) {
        this.time = time;
    }

    @Override
    public void schedule(String key, long delayMs, Supplier<CoordinatorResult<Void>> operation) {
        timers.put(key, new Scheduled(key, time.milliseconds() + delayMs, operation));
    }

    @Override
    public void cancel(String key) {
        timers.remove(key);
    }

    @Override
    public boolean isScheduled(String key) {
        return timers.containsKey(key);
    }

    /** Removes and returns the timers due now, earliest first. */
    List<Scheduled> expired() {
        List<Scheduled> due = new ArrayList<>();
        for (Scheduled s : timers.values()) {
            if (s.deadlineMs() <= time.milliseconds()) {
                due.add(s);
            }
        }
        due.sort(Comparator.comparingLong(Scheduled::deadlineMs).thenComparing(Scheduled::key));
        due.forEach(s -> timers.remove(s.key()));
        return due;
    }
}
