package io.tributary.network;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.tributary.protocol.ResponseHeader;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches a connection's requests in arrival order and writes their responses in the same
 * order, however their futures complete (DESIGN D6).
 *
 * <pre>
 *  decoded ──► backlog ──(room?)──► dispatcher.dispatch ──► in flight: [r1 r2 r3 r4]
 *                                                                       │  futures complete in any
 *                                                                       ▼  order, on any thread
 *  wire ◄── flush ◄── write r1, r2 (heads that are done) ◄── pump on the event loop
 * </pre>
 *
 * <ul>
 *   <li>Requests are dispatched on the event loop, one at a time, in the order they arrived.</li>
 *   <li>A completion on another thread schedules one {@link #pump()} on the channel's event loop;
 *       the pump writes every completed response at the head of the queue, stops at the first one
 *       not yet done, and flushes once. {@link Response#NONE} writes nothing and keeps its place.
 *       During a read, the flush waits for {@code channelReadComplete}, so a batch of pipelined
 *       requests answered at once costs one flush.</li>
 *   <li>A future completed exceptionally (or a dispatch that throws) is logged and closes the
 *       connection after the responses before it are written.</li>
 *   <li>Backpressure: with {@code max.in.flight.requests.per.connection} requests, or
 *       {@code max.in.flight.bytes.per.connection} frame bytes, in flight, or while the socket is
 *       not writable, the connection stops reading; requests already decoded wait in the backlog.
 *       One request is always admitted.</li>
 *   <li>A {@link ProtocolViolation} is logged once, stops reading, waits until the requests before
 *       it are answered and closes the connection.</li>
 * </ul>
 *
 * <p><b>Pitfalls.</b> A future that never completes holds back every later response of its
 * connection and, once the cap is reached, stops it reading: handlers must complete every future,
 * with a timeout where they wait. Requests in flight keep their frames (and records) reachable until
 * their responses are written; the caps bound that memory per connection.
 *
 * <p>Thread safety: all state is confined to the channel's event loop, except the one flag that
 * coalesces wake-ups from completing threads.
 */
final class RequestDispatchHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(RequestDispatchHandler.class);

    private record InFlight(RequestContext request, CompletableFuture<Response> future) {
    }

    private final Connection connection;
    private final RequestDispatcher dispatcher;
    private final int maxInFlightRequests;
    private final long maxInFlightBytes;

    /** Decoded requests not yet dispatched, and at most one violation at the end. */
    private final ArrayDeque<Object> backlog = new ArrayDeque<>();
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    private final AtomicBoolean pumpScheduled = new AtomicBoolean();
    private ChannelHandlerContext ctx;
    private long inFlightBytes;
    private boolean reading;
    private boolean flushPending;
    /**
     * A violation or failure was seen: read nothing more, dispatch what arrived before it, close
     * when the responses owed are written.
     */
    private boolean closing;
    private boolean closed;
    private ChannelFuture lastWrite;

    RequestDispatchHandler(Connection connection, RequestDispatcher dispatcher, NetworkConfig config) {
        this.connection = connection;
        this.dispatcher = dispatcher;
        this.maxInFlightRequests = config.maxInFlightRequestsPerConnection();
        this.maxInFlightBytes = config.maxInFlightBytesPerConnection();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        reading = true;
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof ProtocolViolation violation) {
            log.warn("Closing {} from {}: {}", connection, connection.clientAddress(), violation.reason());
            stopReading();
            backlog.add(violation);
        } else if (msg instanceof RequestContext request) {
            backlog.add(request);
        } else {
            ctx.fireChannelRead(msg);
            return;
        }
        pump();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        if (flushPending) {
            flushPending = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        updateAutoRead();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        backlog.clear();
        inFlight.clear();
        inFlightBytes = 0;
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        closeOnError("connection error", cause);
    }

    /**
     * Writes the completed responses at the head, dispatches what the backlog may, and repeats
     * until neither moves; then flushes (or leaves it to the end of the read) and sets auto-read.
     */
    private void pump() {
        boolean wrote = false;
        boolean progress = true;
        while (progress && !closed) {
            progress = false;
            while (!closed && !inFlight.isEmpty() && inFlight.peekFirst().future().isDone()) {
                wrote |= writeHead(inFlight.pollFirst());
                progress = true;
            }
            while (!closed && hasRoom() && backlog.peekFirst() instanceof RequestContext request) {
                backlog.pollFirst();
                dispatch(request);
                progress = true;
            }
        }
        if (closed) {
            return;
        }
        if (closing && inFlight.isEmpty()) {
            closeAfterWrites();
            return;
        }
        if (wrote) {
            if (reading) {
                flushPending = true;
            } else {
                ctx.flush();
            }
        }
        updateAutoRead();
    }

    private void dispatch(RequestContext request) {
        CompletableFuture<Response> future;
        try {
            future = dispatcher.dispatch(request);
            if (future == null) {
                future = CompletableFuture.failedFuture(new IllegalStateException("dispatcher returned no future"));
            }
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        inFlight.addLast(new InFlight(request, future));
        inFlightBytes += request.sizeInBytes();
        if (!future.isDone()) {
            future.whenComplete((response, failure) -> schedulePump());
        }
    }

    /** Writes one completed request's response; false if there was nothing to write. */
    private boolean writeHead(InFlight head) {
        inFlightBytes -= head.request().sizeInBytes();
        Response response;
        try {
            response = head.future().join();
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            log.warn("Closing {} from {}: {} failed", connection, connection.clientAddress(), describe(head.request()), cause);
            stopReading();
            backlog.clear();
            inFlight.clear();
            inFlightBytes = 0;
            return false;
        }
        if (response == null || response.isNone()) {
            return false;
        }
        ResponseFrame frame = new ResponseFrame(ResponseHeader.forRequest(head.request().header()), response.body(), response.version());
        lastWrite = ctx.write(frame);
        lastWrite.addListener(f -> {
            if (!f.isSuccess()) {
                closeOnError("cannot write " + frame, f.cause());
            }
        });
        return true;
    }

    /** Called on any thread when a future completes; runs at most one pump task at a time. */
    private void schedulePump() {
        if (!pumpScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            ctx.executor().execute(() -> {
                pumpScheduled.set(false);
                pump();
            });
        } catch (RejectedExecutionException e) {
            log.debug("{}: event loop shut down, response dropped", connection);
        }
    }

    private boolean hasRoom() {
        return inFlight.isEmpty() || (inFlight.size() < maxInFlightRequests && inFlightBytes < maxInFlightBytes);
    }

    private void stopReading() {
        closing = true;
        ctx.channel().config().setAutoRead(false);
    }

    private void updateAutoRead() {
        boolean read = !closing && backlog.isEmpty() && hasRoom() && ctx.channel().isWritable();
        if (ctx.channel().config().isAutoRead() != read) {
            ctx.channel().config().setAutoRead(read);
        }
    }

    /** Flushes what was written and closes the connection once the last write has completed. */
    private void closeAfterWrites() {
        closed = true;
        ctx.flush();
        if (lastWrite == null || lastWrite.isDone()) {
            ctx.close();
        } else {
            lastWrite.addListener(f -> ctx.close());
        }
    }

    private void closeOnError(String what, Throwable cause) {
        if (!ctx.channel().isOpen()) {
            return;
        }
        if (cause instanceof IOException) {
            log.debug("Closing {} from {}: {}: {}", connection, connection.clientAddress(), what, cause.toString());
        } else {
            log.warn("Closing {} from {}: {}", connection, connection.clientAddress(), what, cause);
        }
        closed = true;
        ctx.close();
    }

    private static String describe(RequestContext request) {
        return request.header().apiKey().title + " v" + request.header().apiVersion()
                + " (correlation id " + request.header().correlationId() + ")";
    }
}
