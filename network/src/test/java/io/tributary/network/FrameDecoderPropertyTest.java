package io.tributary.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

class FrameDecoderPropertyTest {

    private static final int MAX_FRAME_BYTES = 1024;

    @BeforeProperty
    void installLeakCheck() {
        NettyLeakCheck.install();
    }

    @AfterProperty
    void propertyLeakedNothing() {
        assertEquals(List.of(), NettyLeakCheck.collectLeaks());
    }

    @Property(tries = 200)
    void anySplitOfAStreamYieldsTheSameFrames(
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 200) Integer> frameSizes,
            @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 1, max = 64) Integer> readSizes) {
        EmbeddedChannel decoder = new EmbeddedChannel(new FrameDecoder(MAX_FRAME_BYTES));
        try {
            List<ByteBuffer> frames = new ArrayList<>();
            for (int i = 0; i < frameSizes.size(); i++) {
                frames.add(FrameDecoderTest.frame(frameSizes.get(i), i));
            }
            ByteBuf wire = Requests.sized(frames.toArray(ByteBuffer[]::new));
            for (int i = 0; wire.isReadable(); i++) {
                int read = Math.min(readSizes.get(i % readSizes.size()), wire.readableBytes());
                decoder.writeInbound(wire.readRetainedSlice(read));
            }
            wire.release();

            for (ByteBuffer expected : frames) {
                assertEquals(expected, decoder.readInbound());
            }
            assertNull(decoder.readInbound());
        } finally {
            decoder.finishAndReleaseAll();
        }
    }
}
