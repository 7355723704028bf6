package io.tributary.broker.api;

import io.tributary.broker.coordinator.InternalTopic;
import io.tributary.controller.Controller;
import io.tributary.coordinator.group.GroupCoordinator;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.FindCoordinatorRequestData;
import io.tributary.protocol.message.FindCoordinatorResponseData;
import io.tributary.protocol.message.FindCoordinatorResponseData.Coordinator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * FindCoordinator (single key, and batched keys from v4). A group's coordinator is the leader of
 * partition {@code hash(group) % offsets.topic.num.partitions} of {@code __consumer_offsets}
 * (DESIGN D9), which is created on the first lookup as Kafka does. Transactional ids are answered
 * with this node until the transaction coordinator exists.
 */
public final class FindCoordinatorHandler implements ApiHandler {

    static final byte GROUP = 0;
    static final byte TRANSACTION = 1;

    private final Controller controller;
    private final BrokerIdentity identity;
    private final GroupCoordinator groups;
    private final InternalTopic offsetsTopic;

    public FindCoordinatorHandler(Controller controller, BrokerIdentity identity, GroupCoordinator groups, InternalTopic offsetsTopic) {
        this.controller = controller;
        this.identity = identity;
        this.groups = groups;
        this.offsetsTopic = offsetsTopic;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.FIND_COORDINATOR;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        FindCoordinatorRequestData find = (FindCoordinatorRequestData) request.body();
        short version = request.header().apiVersion();
        List<String> keys = version < 4 ? List.of(find.key()) : find.coordinatorKeys();
        byte keyType = find.keyType();
        boolean needsOffsetsTopic = keyType == GROUP && keys.stream().anyMatch(k -> k != null && !k.isEmpty());
        CompletableFuture<Boolean> topicReady = !needsOffsetsTopic ? CompletableFuture.completedFuture(true)
                : offsetsTopic.ensureExists().handle((topic, failure) -> failure == null);
        return topicReady.thenApply(ready -> {
            MetadataImage image = controller.image();
            List<Coordinator> coordinators = new ArrayList<>();
            for (String key : keys) {
                coordinators.add(lookup(image, request.listenerName(), keyType, key, ready));
            }
            FindCoordinatorResponseData response = new FindCoordinatorResponseData();
            if (version < 4) {
                Coordinator c = coordinators.get(0);
                response.setErrorCode(c.errorCode()).setErrorMessage(c.errorMessage()).setNodeId(c.nodeId()).setHost(c.host()).setPort(c.port());
            } else {
                response.coordinators().addAll(coordinators);
            }
            return new Response(response, version);
        });
    }

    private Coordinator lookup(MetadataImage image, String listenerName, byte keyType, String key, boolean offsetsTopicReady) {
        Coordinator coordinator = new Coordinator().setKey(key);
        if (keyType != GROUP && keyType != TRANSACTION) {
            return fail(coordinator, Errors.INVALID_REQUEST, "Unknown coordinator type " + keyType);
        }
        if (key == null || key.isEmpty()) {
            return fail(coordinator, Errors.INVALID_REQUEST, "The coordinator key must not be empty");
        }
        int nodeId = identity.nodeId();
        if (keyType == GROUP) {
            if (!offsetsTopicReady) {
                return fail(coordinator, Errors.COORDINATOR_NOT_AVAILABLE, GroupCoordinator.TOPIC + " could not be created");
            }
            int partition = groups.partitionFor(key);
            nodeId = image.topics().topic(GroupCoordinator.TOPIC).flatMap((TopicImage t) -> t.partition(partition))
                    .map(PartitionRegistration::leader).orElse(-1);
        }
        int leader = nodeId;
        BrokerRegistration.Endpoint endpoint = leader < 0 ? null
                : image.cluster().broker(leader).flatMap(b -> b.listener(listenerName)).orElse(null);
        if (endpoint == null) {
            return fail(coordinator, Errors.COORDINATOR_NOT_AVAILABLE, "The coordinator is not available.");
        }
        return coordinator.setNodeId(leader).setHost(endpoint.host()).setPort(endpoint.port());
    }

    private static Coordinator fail(Coordinator coordinator, Errors error, String message) {
        return coordinator.setErrorCode(error.code()).setErrorMessage(message).setNodeId(-1).setHost("").setPort(-1);
    }
}
