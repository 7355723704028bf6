package io.tributary.coordinator.group;

import java.util.List;

/**
 * The group coordinator's settings, with Kafka's broker config names (the broker parses and
 * validates them; see BrokerConfigs).
 *
 * @param offsetsTopicNumPartitions          {@code offsets.topic.num.partitions} (50)
 * @param offsetMetadataMaxBytes             {@code offset.metadata.max.bytes} (4096)
 * @param offsetsRetentionMs                 {@code offsets.retention.minutes} (7 days) in ms
 * @param offsetsRetentionCheckIntervalMs    {@code offsets.retention.check.interval.ms} (600000)
 * @param classicMinSessionTimeoutMs         {@code group.min.session.timeout.ms} (6000)
 * @param classicMaxSessionTimeoutMs         {@code group.max.session.timeout.ms} (1800000)
 * @param classicInitialRebalanceDelayMs     {@code group.initial.rebalance.delay.ms} (3000)
 * @param classicMaxSize                     {@code group.max.size} (Integer.MAX_VALUE)
 * @param consumerSessionTimeoutMs           {@code group.consumer.session.timeout.ms} (45000)
 * @param consumerMinSessionTimeoutMs        {@code group.consumer.min.session.timeout.ms} (45000)
 * @param consumerMaxSessionTimeoutMs        {@code group.consumer.max.session.timeout.ms} (60000)
 * @param consumerHeartbeatIntervalMs        {@code group.consumer.heartbeat.interval.ms} (5000)
 * @param consumerMaxSize                    {@code group.consumer.max.size} (Integer.MAX_VALUE)
 * @param consumerAssignors                  {@code group.consumer.assignors} (uniform, range); the first is the default
 * @param consumerProtocolEnabled            {@code group.coordinator.rebalance.protocols} contains {@code consumer}
 */
public record GroupConfig(
        int offsetsTopicNumPartitions,
        int offsetMetadataMaxBytes,
        long offsetsRetentionMs,
        long offsetsRetentionCheckIntervalMs,
        int classicMinSessionTimeoutMs,
        int classicMaxSessionTimeoutMs,
        int classicInitialRebalanceDelayMs,
        int classicMaxSize,
        int consumerSessionTimeoutMs,
        int consumerMinSessionTimeoutMs,
        int consumerMaxSessionTimeoutMs,
        int consumerHeartbeatIntervalMs,
        int consumerMaxSize,
        List<String> consumerAssignors,
        boolean consumerProtocolEnabled) {

    public GroupConfig {
        consumerAssignors = List.copyOf(consumerAssignors);
    }

    /** Kafka's defaults. */
    public static GroupConfig defaults() {
        return new GroupConfig(50, 4096, 7L * 24 * 60 * 60 * 1000, 600_000L,
                6000, 1_800_000, 3000, Integer.MAX_VALUE,
                45_000, 45_000, 60_000, 5000, Integer.MAX_VALUE,
                List.of("uniform", "range"), true);
    }

    public GroupConfig withClassicInitialRebalanceDelayMs(int delayMs) {
        return new GroupConfig(offsetsTopicNumPartitions, offsetMetadataMaxBytes, offsetsRetentionMs, offsetsRetentionCheckIntervalMs,
                classicMinSessionTimeoutMs, classicMaxSessionTimeoutMs, delayMs, classicMaxSize,
                consumerSessionTimeoutMs, consumerMinSessionTimeoutMs, consumerMaxSessionTimeoutMs, consumerHeartbeatIntervalMs,
                consumerMaxSize, consumerAssignors, consumerProtocolEnabled);
    }
}
