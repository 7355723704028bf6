package io.tributary.broker.api;

import io.tributary.network.RequestContext;
import io.tributary.network.RequestDispatcher;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of API handlers by key, and the broker's {@link RequestDispatcher}: requests go to
 * the handler of their API; what is advertised in ApiVersions is derived from what is registered.
 * Never a central switch over all APIs (STYLE habit 1).
 *
 * <p>Immutable after construction; safe to use from every event loop.
 */
public final class ApiHandlers implements RequestDispatcher {

    private static final Logger log = LoggerFactory.getLogger(ApiHandlers.class);

    private final Map<ApiKey, ApiHandler> handlers;

    public ApiHandlers(List<ApiHandler> handlers) {
        EnumMap<ApiKey, ApiHandler> map = new EnumMap<>(ApiKey.class);
        for (ApiHandler handler : handlers) {
            if (map.put(handler.apiKey(), handler) != null) {
                throw new IllegalArgumentException("two handlers for " + handler.apiKey());
            }
        }
        this.handlers = Collections.unmodifiableMap(map);
    }

    /** The registered handlers, by API key order: what ApiVersions advertises. */
    public Collection<ApiHandler> handlers() {
        return handlers.values();
    }

    public ApiHandler handler(ApiKey key) {
        return handlers.get(key);
    }

    @Override
    public boolean isSupported(ApiKey apiKey, short version) {
        ApiHandler handler = handlers.get(apiKey);
        return handler != null && version >= handler.lowestVersion() && version <= handler.highestVersion();
    }

    @Override
    public CompletableFuture<Response> dispatch(RequestContext request) {
        ApiKey key = request.header().apiKey();
        ApiHandler handler = key == null ? null : handlers.get(key);
        if (handler == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no handler for API key " + request.header().apiKeyId()));
        }
        try {
            return handler.handle(request);
        } catch (RuntimeException e) {
            log.error("{} v{} from {} failed", key.title, request.header().apiVersion(), request.clientAddress(), e);
            return CompletableFuture.failedFuture(e);
        }
    }
}
