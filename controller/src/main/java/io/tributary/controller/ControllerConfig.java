package io.tributary.controller;

/**
 * What the controller needs of the broker's configuration.
 *
 * @param nodeId                    this node's id
 * @param defaultPartitions         {@code num.partitions}
 * @param defaultReplicationFactor  {@code default.replication.factor}
 * @param deleteTopicEnable         {@code delete.topic.enable}
 * @param topicConfigs              validates topic configs in CreateTopics
 */
public record ControllerConfig(int nodeId, int defaultPartitions, short defaultReplicationFactor, boolean deleteTopicEnable,
                               TopicConfigValidator topicConfigs) {
}
