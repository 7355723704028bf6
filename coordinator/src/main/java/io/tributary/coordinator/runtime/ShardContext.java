package io.tributary.coordinator.runtime;

import io.tributary.common.Time;

/**
 * What a shard is given when it is created: which partition of the state topic it is, the clock
 * and its timers.
 */
public record ShardContext(int partition, Time time, CoordinatorTimer timer) {
}
