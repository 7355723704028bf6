package io.tributary.network;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tributary.common.Time;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ApiMessage;
import io.tributary.protocol.ProtocolDecodeException;
import io.tributary.protocol.ProtocolReader;
import io.tributary.protocol.RequestHeader;
import java.nio.ByteBuffer;

/**
 * Decodes a request frame from {@link FrameDecoder} into a {@link RequestContext}: the header, then
 * the body with the generated message of its API and version, as Kafka 4.3.1's
 * {@code SocketServer} and {@code RequestContext.parseRequest} do.
 *
 * <pre>
 * frame -> RequestHeader.parse
 *            unknown API key .................................. ProtocolViolation (Kafka closes)
 *            version the dispatcher does not serve
 *              ApiVersions ...................................... RequestContext, body null (KIP-511)
 *              any other API .................................... ProtocolViolation (Kafka closes)
 *          -> apiKey.newRequest().read(reader, version)
 *            malformed (any exception) ........................ ProtocolViolation (Kafka closes)
 *            bytes left after the body ........................ ignored, as Kafka ignores them
 *          -> RequestContext
 * </pre>
 *
 * <p>Kafka's {@code AbstractRequest.parseRequest} reads the body from the frame and never checks
 * that nothing remains, so trailing bytes are accepted; so are they here.
 *
 * <p>After the first violation every later frame of the connection is dropped: the connection is
 * closing. Decoded bodies hold slices of the frame (records, zero-copy bytes), which the request
 * owns; see {@link FrameDecoder} for why that is safe. Thread: the channel's event loop.
 */
final class RequestDecoder extends ChannelInboundHandlerAdapter {

    private final Connection connection;
    private final RequestDispatcher dispatcher;
    private final Time time;
    private boolean rejected;

    RequestDecoder(Connection connection, RequestDispatcher dispatcher, Time time) {
        this.connection = connection;
        this.dispatcher = dispatcher;
        this.time = time;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuffer frame)) {
            if (msg instanceof ProtocolViolation) {
                rejected = true;
            }
            ctx.fireChannelRead(msg);
            return;
        }
        if (rejected) {
            return;
        }
        Object decoded = decode(frame);
        if (decoded instanceof ProtocolViolation) {
            rejected = true;
        }
        ctx.fireChannelRead(decoded);
    }

    /** A {@link RequestContext} or a {@link ProtocolViolation}. */
    Object decode(ByteBuffer frame) {
        long receivedNanos = time.nanoseconds();
        int sizeInBytes = frame.remaining();
        ProtocolReader reader = new ProtocolReader(frame);
        RequestHeader header;
        try {
            header = RequestHeader.parse(reader);
        } catch (ProtocolDecodeException e) {
            return new ProtocolViolation(e.getMessage());
        }
        ApiKey apiKey = header.apiKey();
        if (apiKey == null) {
            return new ProtocolViolation("unknown API key " + header.apiKeyId() + " (correlation id " + header.correlationId() + ")");
        }
        short version = header.apiVersion();
        ApiMessage body = null;
        if (!dispatcher.isSupported(apiKey, version)) {
            if (apiKey != ApiKey.API_VERSIONS) {
                return new ProtocolViolation("unsupported version " + version + " of " + apiKey.title
                        + " (correlation id " + header.correlationId() + ")");
            }
        } else {
            try {
                body = apiKey.newRequest();
                body.read(reader, version);
            } catch (RuntimeException e) {
                return new ProtocolViolation("cannot decode " + apiKey.title + " v" + version + " request (correlation id "
                        + header.correlationId() + "): " + e.getMessage());
            }
        }
        return new RequestContext(header, body, connection.clientAddress(), connection.listenerName(), connection.id(),
                receivedNanos, sizeInBytes);
    }
}
