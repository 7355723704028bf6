package io.tributary.network;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.EncoderException;
import io.netty.util.concurrent.PromiseCombiner;
import java.util.List;

/**
 * Encodes a {@link ResponseFrame} into the parts that go on the wire, without copying records.
 *
 * <pre>
 * +----------------+--------------------------------+-----------------------------------------+
 * | size  int32 BE | response header                | body at the response's version          |
 * |                | v0: correlation id             | fields -> ByteBufs; records -> file      |
 * |                | v1: correlation id + tags      | regions or wrapped buffers (zero copy)  |
 * +----------------+--------------------------------+-----------------------------------------+
 * </pre>
 *
 * <p>The parts are written in order; the frame's promise completes when all of them are written.
 * Nothing is flushed here: the caller flushes once for all responses that are ready.
 *
 * <p>An encoding failure (a body that cannot be written at its version, or a generated
 * {@code size} that disagrees with what {@code write} wrote) fails the promise with an
 * {@link EncoderException} and writes nothing, so the stream is never left with half a response;
 * the caller then closes the connection. Parts built so far are released. Thread: the channel's
 * event loop.
 */
final class ResponseEncoder extends ChannelOutboundHandlerAdapter {

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ResponseFrame frame)) {
            ctx.write(msg, promise);
            return;
        }
        List<Object> parts;
        try {
            parts = encode(ctx.alloc(), frame);
        } catch (RuntimeException e) {
            promise.setFailure(new EncoderException("cannot encode " + frame + ": " + e.getMessage(), e));
            return;
        }
        if (parts.size() == 1) {
            ctx.write(parts.get(0), promise);
            return;
        }
        PromiseCombiner combiner = new PromiseCombiner(ctx.executor());
        for (Object part : parts) {
            combiner.add(ctx.write(part));
        }
        combiner.finish(promise);
    }

    /**
     * The parts of {@code frame} on the wire, in order; the caller owns them.
     *
     * @throws IllegalStateException if the body wrote a different number of bytes than its size said
     * @throws RuntimeException whatever the generated code throws, e.g. an unsupported version
     */
    static List<Object> encode(ByteBufAllocator allocator, ResponseFrame frame) {
        long size = (long) frame.header().size() + frame.body().size(frame.version());
        if (size > Integer.MAX_VALUE) {
            throw new IllegalStateException("response of " + size + " bytes does not fit a frame");
        }
        TransportWriter writer = new TransportWriter(allocator, FrameDecoder.SIZE_BYTES + size);
        try {
            writer.writeInt32((int) size);
            frame.header().write(writer);
            frame.body().write(writer, frame.version());
            long written = writer.writtenBytes() - FrameDecoder.SIZE_BYTES;
            if (written != size) {
                throw new IllegalStateException("body wrote " + written + " bytes but header and body sizes said " + size);
            }
            return writer.finish();
        } catch (RuntimeException e) {
            writer.releaseAll();
            throw e;
        }
    }
}
