package io.tributary.broker.api;

import io.tributary.coordinator.group.GroupCoordinator;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.DeleteGroupsRequestData;
import io.tributary.protocol.message.DeleteGroupsResponseData;
import java.util.concurrent.CompletableFuture;

/** DeleteGroups: removes empty groups and their committed offsets. */
public final class DeleteGroupsHandler implements ApiHandler {

    private final GroupCoordinator coordinator;

    public DeleteGroupsHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DELETE_GROUPS;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        DeleteGroupsRequestData delete = (DeleteGroupsRequestData) request.body();
        return GroupRequests.respond(request, coordinator.deleteGroups(delete.groupsNames()).thenApply(results -> {
            DeleteGroupsResponseData response = new DeleteGroupsResponseData();
            results.forEach(response.results()::add);
            return response;
        }));
    }
}
