package io.tributary.broker.api;

import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.ApiVersionsResponseData;
import io.tributary.protocol.message.ApiVersionsResponseData.ApiVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * ApiVersions: the APIs and versions this broker serves, derived from the registered handlers.
 * A request at a version newer than ours arrives with no body (the network layer cannot decode
 * it) and is answered, as Kafka does (KIP-511), with a v0 response carrying UNSUPPORTED_VERSION
 * and our ranges, so the client retries at a version we speak.
 */
public final class ApiVersionsHandler implements ApiHandler {

    private final Supplier<ApiHandlers> registry;

    /** @param registry the registry this handler is part of (supplied late, since it contains this handler) */
    public ApiVersionsHandler(Supplier<ApiHandlers> registry) {
        this.registry = registry;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.API_VERSIONS;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        ApiVersionsResponseData response = new ApiVersionsResponseData().setApiKeys(advertised());
        if (request.body() == null) {
            response.setErrorCode(Errors.UNSUPPORTED_VERSION.code());
            return CompletableFuture.completedFuture(new Response(response, (short) 0));
        }
        return ApiHandler.respond(request, response);
    }

    private List<ApiVersion> advertised() {
        List<ApiVersion> versions = new ArrayList<>();
        for (ApiHandler handler : registry.get().handlers()) {
            versions.add(new ApiVersion()
                    .setApiKey(handler.apiKey().id)
                    .setMinVersion(handler.advertisedLowestVersion())
                    .setMaxVersion(handler.highestVersion()));
        }
        return versions;
    }
}
