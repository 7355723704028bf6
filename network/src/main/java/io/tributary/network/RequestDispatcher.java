package io.tributary.network;

import io.tributary.protocol.ApiKey;
import java.util.concurrent.CompletableFuture;

/**
 * The broker, as the network layer sees it (DESIGN §2: network calls a dispatcher interface).
 *
 * <p>{@link #dispatch} is called on the connection's event-loop thread, in the order requests
 * arrived on that connection; it must not block. The returned futures may complete in any order
 * and on any thread; the network layer writes responses in request order.
 *
 * <p>A response's records are encoded without copying: {@code MemoryRecords} are sent from their
 * buffer and {@code FileChannelRecords} with {@code sendfile} from their file, after the future
 * completes. So the buffer must not change, and the file channel must stay open, until the
 * response is written; the network layer never closes the channel.
 */
public interface RequestDispatcher {

    /** Whether the broker serves {@code apiKey} at {@code version}; decides how a request is decoded. */
    boolean isSupported(ApiKey apiKey, short version);

    /**
     * Handles one request. Completes with the response, with {@link Response#NONE} for none, or
     * exceptionally when the connection must be closed (a request the broker cannot answer). A
     * dispatch that throws is treated as a future completed exceptionally.
     */
    CompletableFuture<Response> dispatch(RequestContext request);
}
