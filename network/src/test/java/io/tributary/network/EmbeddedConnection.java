package io.tributary.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.tributary.common.ManualTime;
import io.tributary.common.Time;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection's full pipeline on an {@link EmbeddedChannel}: no sockets, every step on the test
 * thread. Completions scheduled on the "event loop" run on {@link #runPendingTasks()}.
 */
final class EmbeddedConnection {

    static final Connection CONNECTION = new Connection("127.0.0.1:9092-127.0.0.1:50000-0", "PLAINTEXT",
            new InetSocketAddress("127.0.0.1", 50000));

    final EmbeddedChannel channel;
    final ScriptedDispatcher dispatcher;

    private EmbeddedConnection(ScriptedDispatcher dispatcher, NetworkConfig config, Time time) {
        this.dispatcher = dispatcher;
        this.channel = new EmbeddedChannel();
        ConnectionInitializer.install(channel.pipeline(), CONNECTION, config, dispatcher, time);
    }

    static EmbeddedConnection with(ScriptedDispatcher dispatcher) {
        return new EmbeddedConnection(dispatcher, NetworkConfig.defaults(), new ManualTime());
    }

    static EmbeddedConnection with(ScriptedDispatcher dispatcher, NetworkConfig config) {
        return new EmbeddedConnection(dispatcher, config, new ManualTime());
    }

    /** Delivers {@code frames}, size-prefixed, in one read. */
    EmbeddedConnection send(ByteBuffer... frames) {
        channel.writeInbound(Requests.sized(frames));
        return this;
    }

    /** Delivers raw bytes in one read. */
    EmbeddedConnection sendBytes(ByteBuf bytes) {
        channel.writeInbound(bytes);
        return this;
    }

    EmbeddedConnection runPendingTasks() {
        channel.runPendingTasks();
        return this;
    }

    /** The parts written so far, in order; the caller must release them. */
    List<Object> writtenParts() {
        List<Object> parts = new ArrayList<>();
        for (Object part; (part = channel.readOutbound()) != null; ) {
            parts.add(part);
        }
        return parts;
    }

    /** Every byte written so far, with the parts released. */
    ByteBuffer written() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Object part : writtenParts()) {
            try {
                copy(part, bytes);
            } finally {
                ReferenceCountUtil.release(part);
            }
        }
        return ByteBuffer.wrap(bytes.toByteArray());
    }

    static void copy(Object part, ByteArrayOutputStream out) {
        if (part instanceof ByteBuf buf) {
            byte[] array = new byte[buf.readableBytes()];
            buf.getBytes(buf.readerIndex(), array);
            out.writeBytes(array);
        } else if (part instanceof FileRegion region) {
            try (WritableByteChannel target = Channels.newChannel(out)) {
                while (region.transferred() < region.count()) {
                    region.transferTo(target, region.transferred());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            throw new AssertionError("unexpected outbound message " + part);
        }
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /** Closes the channel and releases everything still in it. */
    void finish() {
        channel.finishAndReleaseAll();
    }
}
