package io.tributary.broker.api;

import io.tributary.controller.Controller;
import io.tributary.controller.TopicControl;
import io.tributary.controller.TopicNames;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.Uuid;
import io.tributary.protocol.message.CreateTopicsRequestData;
import io.tributary.protocol.message.CreateTopicsRequestData.CreatableTopic;
import io.tributary.protocol.message.MetadataRequestData;
import io.tributary.protocol.message.MetadataRequestData.MetadataRequestTopic;
import io.tributary.protocol.message.MetadataResponseData;
import io.tributary.protocol.message.MetadataResponseData.MetadataResponseBroker;
import io.tributary.protocol.message.MetadataResponseData.MetadataResponsePartition;
import io.tributary.protocol.message.MetadataResponseData.MetadataResponseTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Metadata: the brokers (as advertised on the listener the request came in on), the controller,
 * the cluster id and the requested topics (all of them for a null list) with their partitions.
 * An unknown topic is auto-created when both the request and {@code auto.create.topics.enable}
 * allow it, and answered LEADER_NOT_AVAILABLE until it exists, as Kafka does; otherwise
 * UNKNOWN_TOPIC_OR_PARTITION (UNKNOWN_TOPIC_ID for an id).
 */
public final class MetadataHandler implements ApiHandler {

    /** Kafka's value for "authorized operations were not requested". */
    private static final int OPERATIONS_NOT_REQUESTED = Integer.MIN_VALUE;

    private final Controller controller;
    private final TopicControl topics;
    private final BrokerIdentity identity;
    private final boolean autoCreateTopics;

    public MetadataHandler(Controller controller, TopicControl topics, BrokerIdentity identity, boolean autoCreateTopics) {
        this.controller = controller;
        this.topics = topics;
        this.identity = identity;
        this.autoCreateTopics = autoCreateTopics;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.METADATA;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        MetadataRequestData metadata = (MetadataRequestData) request.body();
        short version = request.header().apiVersion();
        MetadataImage image = controller.image();
        MetadataResponseData response = new MetadataResponseData()
                .setClusterId(identity.clusterId())
                .setControllerId(identity.nodeId())
                .setClusterAuthorizedOperations(OPERATIONS_NOT_REQUESTED);
        for (BrokerRegistration broker : image.cluster().brokers().values()) {
            broker.listener(request.listenerName()).ifPresent(endpoint -> response.brokers().add(new MetadataResponseBroker()
                    .setNodeId(broker.id()).setHost(endpoint.host()).setPort(endpoint.port()).setRack(broker.rack().orElse(null))));
        }
        boolean allTopics = metadata.topics() == null || (version == 0 && metadata.topics().isEmpty());
        if (allTopics) {
            image.topics().topicsByName().values().forEach(t -> response.topics().add(describe(t)));
            return ApiHandler.respond(request, response);
        }
        List<CreatableTopic> toCreate = new ArrayList<>();
        boolean allowAutoCreate = autoCreateTopics && (version < 4 || metadata.allowAutoTopicCreation());
        for (MetadataRequestTopic requested : metadata.topics()) {
            response.topics().add(lookup(image, requested, allowAutoCreate, toCreate));
        }
        if (!toCreate.isEmpty()) {
            CreateTopicsRequestData create = new CreateTopicsRequestData();
            toCreate.forEach(create.topics()::add);
            controller.submit(current -> topics.createTopics(current, create));
        }
        return ApiHandler.respond(request, response);
    }

    private MetadataResponseTopic lookup(MetadataImage image, MetadataRequestTopic requested, boolean allowAutoCreate,
                                         List<CreatableTopic> toCreate) {
        if (requested.name() == null) {
            return image.topics().topic(requested.topicId()).map(this::describe)
                    .orElseGet(() -> error(null, requested.topicId(), Errors.UNKNOWN_TOPIC_ID));
        }
        TopicImage topic = image.topics().topic(requested.name()).orElse(null);
        if (topic != null) {
            return describe(topic);
        }
        if (TopicNames.invalidReason(requested.name()) != null) {
            return error(requested.name(), Uuid.ZERO_UUID, Errors.INVALID_TOPIC_EXCEPTION);
        }
        if (allowAutoCreate && !TopicNames.isInternal(requested.name())) {
            toCreate.add(new CreatableTopic().setName(requested.name()).setNumPartitions(-1).setReplicationFactor((short) -1));
            return error(requested.name(), Uuid.ZERO_UUID, Errors.LEADER_NOT_AVAILABLE);
        }
        return error(requested.name(), Uuid.ZERO_UUID, Errors.UNKNOWN_TOPIC_OR_PARTITION);
    }

    private MetadataResponseTopic describe(TopicImage topic) {
        MetadataResponseTopic response = new MetadataResponseTopic()
                .setName(topic.name())
                .setTopicId(topic.id())
                .setIsInternal(TopicNames.isInternal(topic.name()))
                .setTopicAuthorizedOperations(OPERATIONS_NOT_REQUESTED);
        for (Map.Entry<Integer, PartitionRegistration> p : topic.partitions().entrySet()) {
            PartitionRegistration registration = p.getValue();
            response.partitions().add(new MetadataResponsePartition()
                    .setPartitionIndex(p.getKey())
                    .setErrorCode(registration.hasLeader() ? Errors.NONE.code() : Errors.LEADER_NOT_AVAILABLE.code())
                    .setLeaderId(registration.leader())
                    .setLeaderEpoch(registration.leaderEpoch())
                    .setReplicaNodes(new ArrayList<>(registration.replicas()))
                    .setIsrNodes(new ArrayList<>(registration.isr())));
        }
        return response;
    }

    private static MetadataResponseTopic error(String name, Uuid id, Errors error) {
        return new MetadataResponseTopic().setName(name).setTopicId(id).setErrorCode(error.code())
                .setTopicAuthorizedOperations(OPERATIONS_NOT_REQUESTED);
    }
}
