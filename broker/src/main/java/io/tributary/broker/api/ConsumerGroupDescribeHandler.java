package io.tributary.broker.api;

import io.tributary.coordinator.group.GroupCoordinator;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.ConsumerGroupDescribeRequestData;
import io.tributary.protocol.message.ConsumerGroupDescribeResponseData;
import java.util.concurrent.CompletableFuture;

/** ConsumerGroupDescribe (KIP-848): consumer-protocol groups' epochs, members and assignments. */
public final class ConsumerGroupDescribeHandler implements ApiHandler {

    private static final int AUTHORIZED_OPERATIONS_OMITTED = Integer.MIN_VALUE;

    private final GroupCoordinator coordinator;

    public ConsumerGroupDescribeHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.CONSUMER_GROUP_DESCRIBE;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        ConsumerGroupDescribeRequestData describe = (ConsumerGroupDescribeRequestData) request.body();
        return GroupRequests.respond(request, coordinator.consumerGroupDescribe(describe.groupIds()).thenApply(groups -> {
            ConsumerGroupDescribeResponseData response = new ConsumerGroupDescribeResponseData();
            groups.forEach(g -> response.groups().add(g.setAuthorizedOperations(AUTHORIZED_OPERATIONS_OMITTED)));
            return response;
        }));
    }
}
