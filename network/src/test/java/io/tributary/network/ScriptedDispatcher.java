package io.tributary.network;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.ApiVersionsResponseData;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A {@link RequestDispatcher} for tests: serves every API at every schema version unless told
 * otherwise, records what it is given, and answers as scripted (by default with a future the test
 * completes). Thread-safe.
 */
final class ScriptedDispatcher implements RequestDispatcher {

    /** ApiVersions is served at versions 0 to this one; see {@link #answeringApiVersions}. */
    static final short MAX_API_VERSIONS_VERSION = 3;

    final List<RequestContext> requests = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<Response>> futures = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<RequestContext> arrivals = new LinkedBlockingQueue<>();
    private final Function<RequestContext, CompletableFuture<Response>> answer;
    private volatile short maxApiVersionsVersion = ApiKey.API_VERSIONS.highestVersion;

    private ScriptedDispatcher(Function<RequestContext, CompletableFuture<Response>> answer) {
        this.answer = answer;
    }

    /** Answers every request with a new incomplete future, kept in {@link #futures} in order. */
    static ScriptedDispatcher pending() {
        return new ScriptedDispatcher(request -> new CompletableFuture<>());
    }

    static ScriptedDispatcher answering(Function<RequestContext, CompletableFuture<Response>> answer) {
        return new ScriptedDispatcher(answer);
    }

    /**
     * Serves ApiVersions v0-{@value #MAX_API_VERSIONS_VERSION} like the broker: the supported range
     * at the request's version, or, for a newer version (no body), UNSUPPORTED_VERSION at v0.
     */
    static ScriptedDispatcher answeringApiVersions() {
        ScriptedDispatcher dispatcher = new ScriptedDispatcher(request -> {
            ApiVersionsResponseData body = new ApiVersionsResponseData().setApiKeys(List.of(
                    new ApiVersionsResponseData.ApiVersion().setApiKey(ApiKey.API_VERSIONS.id)
                            .setMinVersion((short) 0).setMaxVersion(MAX_API_VERSIONS_VERSION)));
            if (request.body() == null) {
                body.setErrorCode(Errors.UNSUPPORTED_VERSION.code());
                return CompletableFuture.completedFuture(new Response(body, (short) 0));
            }
            return CompletableFuture.completedFuture(new Response(body, request.header().apiVersion()));
        });
        dispatcher.maxApiVersionsVersion = MAX_API_VERSIONS_VERSION;
        return dispatcher;
    }

    @Override
    public boolean isSupported(ApiKey apiKey, short version) {
        if (apiKey == ApiKey.API_VERSIONS) {
            return version >= 0 && version <= maxApiVersionsVersion;
        }
        return apiKey.isVersionSupported(version);
    }

    @Override
    public CompletableFuture<Response> dispatch(RequestContext request) {
        requests.add(request);
        CompletableFuture<Response> future = answer.apply(request);
        futures.add(future);
        arrivals.add(request);
        return future;
    }

    /** Waits until the next request is dispatched (for tests with real sockets). */
    RequestContext awaitRequest() throws InterruptedException {
        RequestContext request = arrivals.poll(10, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("no request was dispatched within 10 s");
        }
        return request;
    }

    CompletableFuture<Response> future(int index) {
        return futures.get(index);
    }
}
