package io.tributary.broker.metadata;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.config.TopicConfigs;
import io.tributary.broker.partition.IsrState;
import io.tributary.broker.partition.Partitions;
import io.tributary.metadata.image.ConfigResource;
import io.tributary.metadata.image.LocalReplicaChanges;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.MetadataListener;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.storage.TopicPartition;
import java.util.Map;

/**
 * Keeps the hosted partitions in step with the metadata image: partitions this node leads are
 * opened (or created) with their topic's configs and the ISR of their registration, partitions of
 * deleted topics are removed with their data, and changed topic configs reach the live logs.
 *
 * <p>Called on the controller thread after each commit, and once at start-up with the whole image.
 */
public final class PartitionsPublisher implements MetadataListener {

    private final Partitions partitions;
    private final BrokerConfig brokerConfig;

    public PartitionsPublisher(Partitions partitions, BrokerConfig brokerConfig) {
        this.partitions = partitions;
        this.brokerConfig = brokerConfig;
    }

    @Override
    public String name() {
        return "partitions";
    }

    @Override
    public void onMetadataUpdate(MetadataDelta delta, MetadataImage newImage) {
        delta.topicsDelta().ifPresent(topics -> {
            LocalReplicaChanges changes = topics.localChanges(brokerConfig.nodeId());
            for (LocalReplicaChanges.Replica deleted : changes.deletes()) {
                if (newImage.topics().topic(deleted.topicId()).isEmpty()) {
                    partitions.removeTopic(deleted.topicName());
                }
            }
            for (LocalReplicaChanges.Replica leader : changes.leaders()) {
                host(newImage, leader.topicName(), leader.partitionId(), leader.registration());
            }
        });
        delta.configsDelta().ifPresent(configs -> {
            for (ConfigResource resource : configs.changedResources()) {
                if (resource.type() == ConfigResource.Type.TOPIC) {
                    newImage.topics().topic(resource.name()).ifPresent(topic -> rehost(newImage, topic));
                }
            }
        });
    }

    private void rehost(MetadataImage image, TopicImage topic) {
        topic.partitions().forEach((id, registration) -> {
            if (registration.leader() == brokerConfig.nodeId()) {
                host(image, topic.name(), id, registration);
            }
        });
    }

    private void host(MetadataImage image, String topic, int partition, PartitionRegistration registration) {
        Map<String, String> overrides = image.configs().configs(ConfigResource.topic(topic));
        TopicImage topicImage = image.topics().topic(topic).orElseThrow();
        partitions.host(new TopicPartition(topic, partition), topicImage.id(), TopicConfigs.logConfig(overrides, brokerConfig),
                registration.leaderEpoch(), new IsrState(registration.replicas(), registration.isr(),
                        TopicConfigs.minInsyncReplicas(overrides, brokerConfig)));
    }
}
