package io.tributary.broker.api;

import io.tributary.coordinator.group.RequestInfo;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiMessage;
import java.util.concurrent.CompletableFuture;

/** What the group API handlers share: the request's client identity, and async responses. */
final class GroupRequests {

    private GroupRequests() {
    }

    /** Client id and host as Kafka reports them ({@code /127.0.0.1}). */
    static RequestInfo info(RequestContext request) {
        String clientId = request.header().clientId() == null ? "" : request.header().clientId();
        String host = request.clientAddress() == null ? "" : "/" + request.clientAddress().getAddress().getHostAddress();
        return new RequestInfo(clientId, host, request.header().apiVersion());
    }

    static CompletableFuture<Response> respond(RequestContext request, CompletableFuture<? extends ApiMessage> body) {
        return body.thenApply(b -> new Response(b, request.header().apiVersion()));
    }
}
