package io.tributary.broker.api;

import io.tributary.controller.Controller;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.InitProducerIdRequestData;
import io.tributary.protocol.message.InitProducerIdResponseData;
import java.util.concurrent.CompletableFuture;

/**
 * InitProducerId for idempotent producers: a fresh producer id at epoch 0 each time, as Kafka
 * gives non-transactional producers. Ids come from blocks the controller commits to the metadata
 * log, so they are never reused, even across restarts. Transactional ids wait for the transactions
 * issue and are refused for now.
 *
 * <p>The first block is reserved at start-up ({@link #prefetchBlock()}), so that a producer's first
 * request does not wait for a metadata commit (an fsync) on its way to its first produce.
 *
 * <p>Thread safety: the current block and the fetch of the next are guarded by this handler's
 * monitor; a new block is fetched asynchronously from the controller, once however many requests
 * wait for it.
 */
public final class InitProducerIdHandler implements ApiHandler {

    private final Controller controller;
    private long nextId = 0;
    private long blockEnd = 0;
    private CompletableFuture<Void> blockFetch;

    public InitProducerIdHandler(Controller controller) {
        this.controller = controller;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.INIT_PRODUCER_ID;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        InitProducerIdRequestData init = (InitProducerIdRequestData) request.body();
        short version = request.header().apiVersion();
        if (init.transactionalId() != null) {
            InitProducerIdResponseData refused = new InitProducerIdResponseData()
                    .setErrorCode(Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED.code()).setProducerId(-1).setProducerEpoch((short) -1);
            return ApiHandler.respond(request, refused);
        }
        return nextProducerId().thenApply(id -> new Response(new InitProducerIdResponseData()
                .setProducerId(id).setProducerEpoch((short) 0), version));
    }

    /** Reserves a block of ids now unless one is at hand or being reserved; returns at once. */
    public void prefetchBlock() {
        synchronized (this) {
            if (nextId >= blockEnd) {
                fetchBlockLocked();
            }
        }
    }

    private CompletableFuture<Long> nextProducerId() {
        CompletableFuture<Void> fetched;
        synchronized (this) {
            if (nextId < blockEnd) {
                return CompletableFuture.completedFuture(nextId++);
            }
            fetched = fetchBlockLocked();
        }
        return fetched.thenCompose(ignored -> nextProducerId());
    }

    /** The fetch of the next block: the one under way, or a new one. A failed fetch fails its waiters; the next request retries. */
    private CompletableFuture<Void> fetchBlockLocked() {
        if (blockFetch == null || blockFetch.isDone()) {
            blockFetch = controller.allocateProducerIds().thenAccept(first -> {
                synchronized (this) {
                    nextId = first;
                    blockEnd = first + Controller.PRODUCER_ID_BLOCK_SIZE;
                }
            });
        }
        return blockFetch;
    }
}
