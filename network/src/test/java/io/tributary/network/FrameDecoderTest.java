package io.tributary.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NettyLeakCheck.class)
class FrameDecoderTest {

    private static final int MAX_FRAME_BYTES = 1024;

    private final EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX_FRAME_BYTES));

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    @Test
    void frameSplitAcrossReadsIsEmittedOnceComplete() {
        ByteBuf wire = Requests.sized(frame(300, 1));

        channel.writeInbound(wire.readRetainedSlice(2));
        channel.writeInbound(wire.readRetainedSlice(100));
        assertNull(channel.readInbound(), "no frame before all of it has arrived");
        channel.writeInbound(wire.readRetainedSlice(wire.readableBytes()));
        wire.release();

        assertEquals(frame(300, 1), channel.readInbound());
        assertNull(channel.readInbound());
    }

    @Test
    void manyFramesInOneReadAreAllEmittedInOrder() {
        channel.writeInbound(Requests.sized(frame(10, 1), frame(0, 2), frame(MAX_FRAME_BYTES, 3), frame(7, 4)));

        assertEquals(frame(10, 1), channel.readInbound());
        assertEquals(frame(0, 2), channel.readInbound());
        assertEquals(frame(MAX_FRAME_BYTES, 3), channel.readInbound());
        assertEquals(frame(7, 4), channel.readInbound());
        assertNull(channel.readInbound());
    }

    @Test
    void framesAreWritableHeapBuffersOfExactlyTheirSize() {
        channel.writeInbound(Requests.sized(frame(100, 1)));

        ByteBuffer frame = channel.readInbound();
        assertTrue(frame.hasArray() && !frame.isReadOnly());
        assertEquals(100, frame.capacity());
    }

    @Test
    void negativeSizeIsAViolationAndLaterBytesAreDiscarded() {
        channel.writeInbound(Unpooled.buffer().writeInt(-1).writeBytes(new byte[20]));
        channel.writeInbound(Requests.sized(frame(10, 1)));

        ProtocolViolation violation = assertInstanceOf(ProtocolViolation.class, channel.readInbound());
        assertTrue(violation.reason().contains("-1"), violation.reason());
        assertNull(channel.readInbound(), "nothing is decoded after a violation");
    }

    @Test
    void sizeAboveTheMaximumIsAViolationNamingTheSetting() {
        channel.writeInbound(Unpooled.buffer().writeInt(MAX_FRAME_BYTES + 1));

        ProtocolViolation violation = assertInstanceOf(ProtocolViolation.class, channel.readInbound());
        assertTrue(violation.reason().contains("socket.request.max.bytes=" + MAX_FRAME_BYTES), violation.reason());
    }

    @Test
    void twoGibibyteDeclaredSizeIsAViolationWithoutAllocating() {
        // 2^31 as the unsigned 32 bits on the wire; -Xmx1g would fail an attempt to allocate it.
        channel.writeInbound(Unpooled.buffer().writeInt(0x8000_0000));

        assertInstanceOf(ProtocolViolation.class, channel.readInbound());
    }

    @Test
    void largeDeclaredSizeIsNotAllocatedBeforeItsBytesArrive() {
        EmbeddedChannel unlimited = new EmbeddedChannel(new FrameDecoder(Integer.MAX_VALUE));
        try {
            // Declares a 2 GiB - 1 frame on a 1 GiB heap and sends 1 KiB of it: nothing may be allocated for it.
            unlimited.writeInbound(Unpooled.buffer().writeInt(Integer.MAX_VALUE).writeBytes(new byte[1024]));

            assertNull(unlimited.readInbound());
        } finally {
            unlimited.finishAndReleaseAll();
        }
    }

    /** A frame of {@code size} bytes whose content depends on {@code seed}. */
    static ByteBuffer frame(int size, int seed) {
        ByteBuffer frame = ByteBuffer.allocate(size);
        for (int i = 0; i < size; i++) {
            frame.put((byte) (i * 31 + seed));
        }
        return frame.flip();
    }
}
