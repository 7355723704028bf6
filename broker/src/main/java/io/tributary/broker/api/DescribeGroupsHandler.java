package io.tributary.broker.api;

import io.tributary.coordinator.group.GroupCoordinator;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.DescribeGroupsRequestData;
import io.tributary.protocol.message.DescribeGroupsResponseData;
import java.util.concurrent.CompletableFuture;

/** DescribeGroups: classic groups' state, protocol and members, in request order. */
public final class DescribeGroupsHandler implements ApiHandler {

    /** Kafka's "operations not requested" value of authorized_operations. */
    private static final int AUTHORIZED_OPERATIONS_OMITTED = Integer.MIN_VALUE;

    private final GroupCoordinator coordinator;

    public DescribeGroupsHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_GROUPS;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        DescribeGroupsRequestData describe = (DescribeGroupsRequestData) request.body();
        return GroupRequests.respond(request, coordinator.describeGroups(GroupRequests.info(request), describe.groups()).thenApply(groups -> {
            DescribeGroupsResponseData response = new DescribeGroupsResponseData();
            groups.forEach(g -> response.groups().add(g.setAuthorizedOperations(AUTHORIZED_OPERATIONS_OMITTED)));
            return response;
        }));
    }
}
