package io.tributary.coordinator.runtime;

/**
 * The state of one partition of a coordinator's log (a shard), owned by the runtime's thread for
 * that partition: every method is called on it, so implementations need no locks.
 *
 * <p>State changes only by {@link #replay}: on load for every record in the log, and live for
 * every record an operation returns, before the records are appended.
 */
public interface CoordinatorShard {

    /** Applies one record; {@code offset} is its log offset, or -1 when replayed live. */
    void replay(long offset, CoordinatorRecord record);

    /** Called once the whole log has been replayed: re-arm timers for the loaded state. */
    default void onLoaded() {
    }

    /** Called when the shard is dropped (resignation, shutdown): fail parked requests. */
    default void onUnloaded() {
    }
}
