package io.tributary.broker.api;

import io.tributary.coordinator.group.GroupCoordinator;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.ConsumerGroupHeartbeatRequestData;
import java.util.concurrent.CompletableFuture;

/** ConsumerGroupHeartbeat (KIP-848 consumer protocol): handed to the group coordinator shard that owns the group. */
public final class ConsumerGroupHeartbeatHandler implements ApiHandler {

    private final GroupCoordinator coordinator;

    public ConsumerGroupHeartbeatHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.CONSUMER_GROUP_HEARTBEAT;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        return GroupRequests.respond(request, coordinator.consumerGroupHeartbeat(GroupRequests.info(request), (ConsumerGroupHeartbeatRequestData) request.body()));
    }
}
