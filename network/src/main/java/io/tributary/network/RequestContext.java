package io.tributary.network;

import io.tributary.protocol.ApiMessage;
import io.tributary.protocol.RequestHeader;
import java.net.InetSocketAddress;

/**
 * One decoded request as the network layer hands it to the broker.
 *
 * <p>Buffer ownership: the frame is a heap buffer that belongs to this request alone (see
 * {@code FrameDecoder}). Records and zero-copy byte fields of {@link #body()} are writable slices
 * of it, valid for as long as they are referenced; the broker may keep them past the response and
 * rewrite batch headers in place. Nothing needs releasing.
 *
 * @param header         the request header (API key, version, correlation id, client id)
 * @param body           the decoded body; null only for an ApiVersions request at a version the
 *                       broker does not support, which is answered at v0 (KIP-511 behaviour)
 * @param clientAddress  the peer's address
 * @param listenerName   the listener the connection came in on, e.g. {@code PLAINTEXT}
 * @param connectionId   an id unique among open connections, for fetch sessions and quotas
 * @param receivedNanos  monotonic time the frame was complete
 * @param sizeInBytes    the frame size
 */
public record RequestContext(
        RequestHeader header,
        ApiMessage body,
        InetSocketAddress clientAddress,
        String listenerName,
        String connectionId,
        long receivedNanos,
        int sizeInBytes) {
}
