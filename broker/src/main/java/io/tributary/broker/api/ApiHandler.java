package io.tributary.broker.api;

import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import java.util.concurrent.CompletableFuture;

/**
 * The broker's handling of one Kafka API (STYLE habit 1: one handler class per API, named after
 * it, declaring its versions). Handlers are thin: check, call the partition or metadata layer,
 * build the response. They run on the connection's event loop and must not block: anything that
 * waits (durability, long polls) completes the returned future later.
 */
public interface ApiHandler {

    ApiKey apiKey();

    /** The lowest version served; usually the schema's lowest. */
    default short lowestVersion() {
        return apiKey().lowestVersion;
    }

    /** The highest version served; the schema's highest unless Kafka marks it unstable. */
    default short highestVersion() {
        ApiKey key = apiKey();
        return key.latestVersionUnstable ? (short) (key.highestVersion - 1) : key.highestVersion;
    }

    /**
     * The lowest version advertised in ApiVersions; the served range unless a client quirk needs
     * more (see {@link ProduceHandler}).
     */
    default short advertisedLowestVersion() {
        return lowestVersion();
    }

    /** Handles a request whose body decoded at a served version. */
    CompletableFuture<Response> handle(RequestContext request);

    /** A response at the request's version, already complete. */
    static CompletableFuture<Response> respond(RequestContext request, io.tributary.protocol.ApiMessage body) {
        return CompletableFuture.completedFuture(new Response(body, request.header().apiVersion()));
    }
}
