package io.tributary.broker.coordinator;

import io.tributary.controller.Controller;
import io.tributary.controller.TopicControl;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.TopicImage;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.CreateTopicsRequestData;
import io.tributary.protocol.message.CreateTopicsRequestData.CreatableTopic;
import io.tributary.protocol.message.CreateTopicsRequestData.CreatableTopicConfig;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A coordinator's internal topic ({@code __consumer_offsets}, later {@code __transaction_state}),
 * created on first use as Kafka does: when a client first looks for a coordinator.
 */
public final class InternalTopic {

    private final String name;
    private final int partitions;
    private final short replicationFactor;
    private final Map<String, String> configs;
    private final Controller controller;
    private final TopicControl topics;

    public InternalTopic(String name, int partitions, short replicationFactor, Map<String, String> configs, Controller controller,
                         TopicControl topics) {
        this.name = name;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.configs = Map.copyOf(configs);
        this.controller = controller;
        this.topics = topics;
    }

    public String name() {
        return name;
    }

    /**
     * The topic, created first if it does not exist. Fails with the creation's error (for example
     * INVALID_REPLICATION_FACTOR when fewer brokers are registered than its replication factor).
     */
    public CompletableFuture<TopicImage> ensureExists() {
        Optional<TopicImage> existing = controller.image().topics().topic(name);
        if (existing.isPresent()) {
            return CompletableFuture.completedFuture(existing.get());
        }
        CreatableTopic topic = new CreatableTopic().setName(name).setNumPartitions(partitions).setReplicationFactor(replicationFactor);
        configs.forEach((k, v) -> topic.configs().add(new CreatableTopicConfig().setName(k).setValue(v)));
        CreateTopicsRequestData request = new CreateTopicsRequestData();
        request.topics().add(topic);
        return controller.submit(image -> topics.createTopics(image, request)).thenApply(response -> {
            var result = response.topics().iterator().next();
            Errors error = Errors.forCode(result.errorCode());
            MetadataImage image = controller.image();
            if (error != Errors.NONE && error != Errors.TOPIC_ALREADY_EXISTS) {
                throw new IllegalStateException("creating " + name + " failed: " + error + " " + result.errorMessage());
            }
            return image.topics().topic(name).orElseThrow(() -> new IllegalStateException(name + " was created but is not in the image"));
        });
    }
}
