package io.tributary.broker.api;

import io.tributary.coordinator.group.GroupCoordinator;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.SyncGroupRequestData;
import java.util.concurrent.CompletableFuture;

/**
 * SyncGroup (classic protocol): the leader hands in the assignment; every member gets its share
 * once the group's new state is written.
 */
public final class SyncGroupHandler implements ApiHandler {

    private final GroupCoordinator coordinator;

    public SyncGroupHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.SYNC_GROUP;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        return GroupRequests.respond(request, coordinator.syncGroup(GroupRequests.info(request), (SyncGroupRequestData) request.body()));
    }
}
