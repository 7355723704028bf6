package io.tributary.coordinator.runtime;

import java.util.function.Supplier;

/**
 * Timers of one shard. An expired timer runs its operation on the shard's thread as a write
 * operation: the records it returns are replayed and appended like any other. Scheduling a key
 * again replaces the earlier timer; a cancelled or replaced timer never runs.
 */
public interface CoordinatorTimer {

    void schedule(String key, long delayMs, Supplier<CoordinatorResult<Void>> operation);

    void cancel(String key);

    boolean isScheduled(String key);
}
