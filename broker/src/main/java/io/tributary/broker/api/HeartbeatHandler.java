package io.tributary.broker.api;

import io.tributary.coordinator.group.GroupCoordinator;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.HeartbeatRequestData;
import java.util.concurrent.CompletableFuture;

/** Heartbeat: handed to the group coordinator shard that owns the group. */
public final class HeartbeatHandler implements ApiHandler {

    private final GroupCoordinator coordinator;

    public HeartbeatHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.HEARTBEAT;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        return GroupRequests.respond(request, coordinator.heartbeat(GroupRequests.info(request), (HeartbeatRequestData) request.body()));
    }
}
