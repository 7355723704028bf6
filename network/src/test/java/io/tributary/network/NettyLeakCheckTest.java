package io.tributary.network;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The leak check that the other tests rely on does catch a leaked buffer. */
class NettyLeakCheckTest {

    @BeforeAll
    static void install() {
        NettyLeakCheck.install();
        NettyLeakCheck.collectLeaks();
    }

    @Test
    void aBufferThatIsNeverReleasedIsReportedAsALeak() {
        leakOneBuffer();

        assertFalse(NettyLeakCheck.collectLeaks().isEmpty(), "the leak was not detected");
    }

    @Test
    void releasedBuffersAreNotReported() {
        ByteBuf buffer = PooledByteBufAllocator.DEFAULT.buffer(16);
        buffer.writeLong(1);
        buffer.release();

        assertTrue(NettyLeakCheck.collectLeaks().isEmpty());
    }

    private static void leakOneBuffer() {
        ByteBuf buffer = PooledByteBufAllocator.DEFAULT.buffer(16);
        buffer.writeLong(42);
    }
}
