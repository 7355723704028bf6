package io.tributary.coordinator.group.classic;

import io.tributary.common.ManualTime;
import io.tributary.coordinator.runtime.CoordinatorResult;
import io.tributary.coordinator.runtime.CoordinatorTimer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Timers fired by hand: {@link #advance} moves the clock and runs what became due, in deadline order. */
final class ManualCoordinatorTimer implements CoordinatorTimer {

    private record Task(long deadlineMs, long sequence, Supplier<CoordinatorResult<Void>> operation) {
    }

    private final ManualTime time;
    private final Consumer<CoordinatorResult<Void>> runner;
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private long sequence;

    ManualCoordinatorTimer(ManualTime time, Consumer<CoordinatorResult<Void>> runner) {
        this.time = time;
        this.runner = runner;
    }

    @Override
    public void schedule(String key, long delayMs, Supplier<CoordinatorResult<Void>> operation) {
        tasks.put(key, new Task(time.milliseconds() + Math.max(0, delayMs), sequence++, operation));
    }

    @Override
    public void cancel(String key) {
        tasks.remove(key);
    }

    @Override
    public boolean isScheduled(String key) {
        return tasks.containsKey(key);
    }

    /** Moves time forward by {@code ms}, running each timer at its deadline. */
    void advance(long ms) {
        long end = time.milliseconds() + ms;
        while (true) {
            Map.Entry<String, Task> next = nextDue(end);
            if (next == null) {
                break;
            }
            long step = next.getValue().deadlineMs() - time.milliseconds();
            if (step > 0) {
                time.advance(step, TimeUnit.MILLISECONDS);
            }
            tasks.remove(next.getKey());
            runner.accept(next.getValue().operation().get());
        }
        if (end > time.milliseconds()) {
            time.advance(end - time.milliseconds(), TimeUnit.MILLISECONDS);
        }
    }

    private Map.Entry<String, Task> nextDue(long endMs) {
        Map.Entry<String, Task> best = null;
        for (Map.Entry<String, Task> entry : tasks.entrySet()) {
            Task task = entry.getValue();
            if (task.deadlineMs() <= endMs && (best == null || task.deadlineMs() < best.getValue().deadlineMs()
                    || (task.deadlineMs() == best.getValue().deadlineMs() && task.sequence() < best.getValue().sequence()))) {
                best = entry;
            }
        }
        return best;
    }
}
