package io.tributary.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Splits the inbound byte stream into Kafka request frames.
 *
 * <pre>
 * +----------------+---------------------------------+
 * | size  int32 BE | frame: size bytes               |
 * |                | (request header + request body) |
 * +----------------+---------------------------------+
 * </pre>
 *
 * <p>Emits each frame as a heap {@link ByteBuffer} of exactly {@code size} bytes, positioned at
 * the frame's first byte. A declared size below 0 or above {@code socket.request.max.bytes} is
 * Kafka's {@code InvalidReceiveException}: this decoder emits one {@link ProtocolViolation} and
 * discards every byte the connection sends after it.
 *
 * <p><b>Buffer ownership.</b> No {@link ByteBuf} leaves this stage: bytes accumulate (a composite
 * of the socket reads, nothing copied) until the whole frame has arrived, are then copied
 * <em>once</em> into a heap buffer, and the socket buffers are released by
 * {@link ByteToMessageDecoder}. The frame then belongs to the request, and the garbage collector
 * frees it when the broker drops the last reference. Why a copy and not a retained slice of the
 * pooled socket buffer, released when the response is written:
 * <ul>
 *   <li>A decoded Produce request's records are {@code MemoryRecords} slices of the frame, and the
 *       broker keeps them past the dispatch call (the partition log appends them later, its owner
 *       thread rewrites batch headers in place). A heap frame is writable and stays valid for as
 *       long as anything references it, so a broker that keeps a reference too long can never read
 *       a recycled pooled buffer; there is no release contract to get wrong.</li>
 *   <li>Memory is allocated when the bytes have arrived, never for a size a client merely declared
 *       (DESIGN D13): four bytes cannot make the broker allocate 100 MiB.</li>
 *   <li>It costs one memory copy per request byte, as in Kafka (whose {@code NetworkReceive} reads
 *       into heap buffers). A retained pooled slice would save it; worth revisiting only with a
 *       JMH measurement (STYLE habit 7).</li>
 * </ul>
 *
 * <p><b>Pitfalls.</b> The composite cumulator matters: the default merging cumulator grows one
 * buffer in 4 MiB steps and copies it on every growth, quadratic in the frame size for large
 * Produce requests. Thread: the channel's event loop, like every pipeline stage.
 */
final class FrameDecoder extends ByteToMessageDecoder {

    static final int SIZE_BYTES = 4;

    private final int maxFrameBytes;
    private boolean discarding;

    FrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
        setCumulator(COMPOSITE_CUMULATOR);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (discarding) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < SIZE_BYTES) {
            return;
        }
        int size = in.getInt(in.readerIndex());
        if (size < 0 || size > maxFrameBytes) {
            discarding = true;
            in.skipBytes(in.readableBytes());
            out.add(new ProtocolViolation(size < 0
                    ? "invalid request frame size " + size + ": negative"
                    : "invalid request frame size " + size + ": larger than "
                            + NetworkConfig.SOCKET_REQUEST_MAX_BYTES + "=" + maxFrameBytes));
            return;
        }
        if (in.readableBytes() - SIZE_BYTES < size) {
            return;
        }
        in.skipBytes(SIZE_BYTES);
        ByteBuffer frame = ByteBuffer.allocate(size);
        in.readBytes(frame);
        out.add(frame.flip());
    }
}
