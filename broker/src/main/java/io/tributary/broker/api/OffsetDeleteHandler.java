package io.tributary.broker.api;

import io.tributary.coordinator.group.GroupCoordinator;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.OffsetDeleteRequestData;
import java.util.concurrent.CompletableFuture;

/** OffsetDelete: drops a group's committed offsets of topics no member subscribes to. */
public final class OffsetDeleteHandler implements ApiHandler {

    private final GroupCoordinator coordinator;

    public OffsetDeleteHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.OFFSET_DELETE;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        return GroupRequests.respond(request, coordinator.deleteOffsets((OffsetDeleteRequestData) request.body()));
    }
}
