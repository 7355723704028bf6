/**
 * The Netty transport of the Kafka protocol (DESIGN D6, D13): listeners, framing, request decoding,
 * per-connection ordering and response encoding, calling the broker through
 * {@link io.tributary.network.RequestDispatcher}.
 *
 * <pre>
 * NetworkServer ── binds listeners (Endpoint), runs event loops (epoll or NIO)
 *   per connection (ConnectionInitializer):
 *     FrameDecoder ─► RequestDecoder ─► RequestDispatchHandler ─► RequestDispatcher (broker)
 *                                            │ responses in request order
 *                     wire ◄── ResponseEncoder (TransportWriter: buffers, file regions)
 * </pre>
 *
 * <p>Buffer ownership in one sentence each: a request frame is copied once into a heap buffer that
 * the request owns (nothing to release); a response is encoded into pooled buffers that Netty
 * releases once written, with records sent from their own memory or, for file slices, with
 * {@code sendfile}, never closing the storage engine's file.
 *
 * <p>Threads: everything per connection runs on that connection's event loop; the dispatcher's
 * futures may complete on any thread, and their responses are written back on the event loop.
 */
package io.tributary.network;
