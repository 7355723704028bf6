package io.tributary.broker.api;

import io.tributary.controller.Controller;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.DescribeClusterRequestData;
import io.tributary.protocol.message.DescribeClusterResponseData;
import io.tributary.protocol.message.DescribeClusterResponseData.DescribeClusterBroker;
import java.util.concurrent.CompletableFuture;

/**
 * DescribeCluster: the cluster id, the controller and the registered brokers as advertised on the
 * request's listener. Endpoint type 2 (controllers, KIP-919) is answered the same way, since this
 * node is both.
 */
public final class DescribeClusterHandler implements ApiHandler {

    private static final int OPERATIONS_NOT_REQUESTED = Integer.MIN_VALUE;
    private static final byte BROKERS = 1;
    private static final byte CONTROLLERS = 2;

    private final Controller controller;
    private final BrokerIdentity identity;

    public DescribeClusterHandler(Controller controller, BrokerIdentity identity) {
        this.controller = controller;
        this.identity = identity;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_CLUSTER;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        DescribeClusterRequestData describe = (DescribeClusterRequestData) request.body();
        DescribeClusterResponseData response = new DescribeClusterResponseData()
                .setClusterId(identity.clusterId())
                .setControllerId(identity.nodeId())
                .setClusterAuthorizedOperations(OPERATIONS_NOT_REQUESTED)
                .setEndpointType(describe.endpointType());
        if (describe.endpointType() != BROKERS && describe.endpointType() != CONTROLLERS) {
            response.setErrorCode(Errors.UNSUPPORTED_ENDPOINT_TYPE.code()).setErrorMessage("Unsupported endpoint type " + describe.endpointType());
            return ApiHandler.respond(request, response);
        }
        for (BrokerRegistration broker : controller.image().cluster().brokers().values()) {
            if (broker.fenced() && !describe.includeFencedBrokers()) {
                continue;
            }
            broker.listener(request.listenerName()).ifPresent(endpoint -> response.brokers().add(new DescribeClusterBroker()
                    .setBrokerId(broker.id()).setHost(endpoint.host()).setPort(endpoint.port())
                    .setRack(broker.rack().orElse(null)).setIsFenced(broker.fenced())));
        }
        return ApiHandler.respond(request, response);
    }
}
