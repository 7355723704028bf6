package io.tributary.broker.api;

import io.tributary.coordinator.group.GroupCoordinator;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.OffsetCommitRequestData;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetCommit: committed offsets written to the group's partition of {@code __consumer_offsets};
 * answered once durable. Topics by name, or by id from v10.
 */
public final class OffsetCommitHandler implements ApiHandler {

    private final GroupCoordinator coordinator;

    public OffsetCommitHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.OFFSET_COMMIT;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        return GroupRequests.respond(request, coordinator.commitOffsets(GroupRequests.info(request), (OffsetCommitRequestData) request.body()));
    }
}
