package io.tributary.broker.api;

import io.tributary.coordinator.group.GroupCoordinator;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.ListGroupsRequestData;
import java.util.concurrent.CompletableFuture;

/** ListGroups: the groups of every coordinator shard on this node, with state (v4) and type (v5) filters. */
public final class ListGroupsHandler implements ApiHandler {

    private final GroupCoordinator coordinator;

    public ListGroupsHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.LIST_GROUPS;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        return GroupRequests.respond(request, coordinator.listGroups((ListGroupsRequestData) request.body()));
    }
}
