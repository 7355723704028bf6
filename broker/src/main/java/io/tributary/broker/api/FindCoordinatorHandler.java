package io.tributary.broker.api;

import io.tributary.controller.Controller;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.FindCoordinatorRequestData;
import io.tributary.protocol.message.FindCoordinatorResponseData;
import io.tributary.protocol.message.FindCoordinatorResponseData.Coordinator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * FindCoordinator (single and, from v4, batched keys): on a single node every group and
 * transactional id is coordinated by this broker. The group APIs themselves arrive with the
 * consumer-group issue; until then a client that finds this coordinator gets unsupported-API
 * answers from it.
 */
public final class FindCoordinatorHandler implements ApiHandler {

    private final Controller controller;
    private final BrokerIdentity identity;

    public FindCoordinatorHandler(Controller controller, BrokerIdentity identity) {
        this.controller = controller;
        this.identity = identity;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.FIND_COORDINATOR;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        FindCoordinatorRequestData find = (FindCoordinatorRequestData) request.body();
        short version = request.header().apiVersion();
        BrokerRegistration.Endpoint endpoint = controller.image().cluster().broker(identity.nodeId())
                .flatMap(b -> b.listener(request.listenerName())).orElse(null);
        FindCoordinatorResponseData response = new FindCoordinatorResponseData();
        if (version < 4) {
            if (endpoint == null) {
                response.setErrorCode(Errors.COORDINATOR_NOT_AVAILABLE.code()).setNodeId(-1).setHost("").setPort(-1);
            } else {
                response.setNodeId(identity.nodeId()).setHost(endpoint.host()).setPort(endpoint.port());
            }
            return ApiHandler.respond(request, response);
        }
        List<String> keys = find.coordinatorKeys();
        for (String key : keys) {
            Coordinator coordinator = new Coordinator().setKey(key);
            if (endpoint == null) {
                coordinator.setErrorCode(Errors.COORDINATOR_NOT_AVAILABLE.code()).setNodeId(-1).setHost("").setPort(-1);
            } else {
                coordinator.setNodeId(identity.nodeId()).setHost(endpoint.host()).setPort(endpoint.port());
            }
            response.coordinators().add(coordinator);
        }
        return ApiHandler.respond(request, response);
    }
}
