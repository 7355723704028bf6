package io.tributary.broker.api;

import io.tributary.coordinator.group.GroupCoordinator;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.JoinGroupRequestData;
import java.util.concurrent.CompletableFuture;

/**
 * JoinGroup (classic protocol): handed to the group coordinator shard that owns the group; the
 * response waits, parked in the group, until the rebalance completes.
 */
public final class JoinGroupHandler implements ApiHandler {

    private final GroupCoordinator coordinator;

    public JoinGroupHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.JOIN_GROUP;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        return GroupRequests.respond(request, coordinator.joinGroup(GroupRequests.info(request), (JoinGroupRequestData) request.body()));
    }
}
