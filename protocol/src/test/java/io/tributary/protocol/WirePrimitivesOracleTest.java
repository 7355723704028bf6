package io.tributary.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.kafka.common.utils.ByteUtils;
import org.junit.jupiter.api.Test;

/** Varints, sizes and strings against Kafka's {@code ByteUtils} and the JDK's UTF-8 encoder. */
class WirePrimitivesOracleTest {

    private static byte[] written(java.util.function.Consumer<ProtocolWriter> write, int capacity) {
        ByteBuffer buffer = ByteBuffer.allocate(capacity);
        write.accept(new ByteBufferWriter(buffer));
        byte[] bytes = new byte[buffer.flip().remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static byte[] kafka(java.util.function.Consumer<ByteBuffer> write) {
        ByteBuffer buffer = ByteBuffer.allocate(16);
        write.accept(buffer);
        byte[] bytes = new byte[buffer.flip().remaining()];
        buffer.get(bytes);
        return bytes;
    }

    @Property
    void unsignedVarintMatchesKafka(@ForAll int value) {
        byte[] ours = written(w -> w.writeUnsignedVarint(value), 16);
        assertArrayEquals(kafka(b -> ByteUtils.writeUnsignedVarint(value, b)), ours);
        assertEquals(ByteUtils.sizeOfUnsignedVarint(value), WireSizes.unsignedVarint(value));
        assertEquals(value, new ProtocolReader(ByteBuffer.wrap(ours)).readUnsignedVarint());
    }

    @Property
    void varintMatchesKafka(@ForAll int value) {
        byte[] ours = written(w -> w.writeVarint(value), 16);
        assertArrayEquals(kafka(b -> ByteUtils.writeVarint(value, b)), ours);
        assertEquals(ByteUtils.sizeOfVarint(value), WireSizes.varint(value));
        assertEquals(value, new ProtocolReader(ByteBuffer.wrap(ours)).readVarint());
    }

    @Property
    void varlongMatchesKafka(@ForAll long value) {
        byte[] ours = written(w -> w.writeVarlong(value), 16);
        assertArrayEquals(kafka(b -> ByteUtils.writeVarlong(value, b)), ours);
        assertEquals(ByteUtils.sizeOfVarlong(value), WireSizes.varlong(value));
        assertEquals(value, new ProtocolReader(ByteBuffer.wrap(ours)).readVarlong());
    }

    @Property
    void utf8LengthMatchesTheEncoder(@ForAll String value) {
        assertEquals(value.getBytes(StandardCharsets.UTF_8).length, WireSizes.utf8Length(value));
    }

    @Property
    void stringsRoundTripInBothEncodings(@ForAll String value) {
        if (value.getBytes(StandardCharsets.UTF_8).length > Short.MAX_VALUE) {
            return;
        }
        for (boolean flexible : new boolean[] {false, true}) {
            byte[] bytes = written(w -> w.writeString(value, flexible), 4 * value.length() + 8);
            assertEquals(WireSizes.string(value, flexible), bytes.length);
            String back = new ProtocolReader(ByteBuffer.wrap(bytes)).readString(flexible, false);
            assertEquals(new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), back);
        }
    }

    @Test
    void varintOfSixBytesIsRefused() {
        byte[] bytes = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01};
        ProtocolDecodeException e = assertThrows(ProtocolDecodeException.class,
                () -> new ProtocolReader(ByteBuffer.wrap(bytes)).readUnsignedVarint());
        assertTrue(e.getMessage().contains("longer than 5 bytes"), e.getMessage());
    }

    @Test
    void truncatedVarintIsRefused() {
        assertThrows(ProtocolDecodeException.class,
                () -> new ProtocolReader(ByteBuffer.wrap(new byte[] {(byte) 0x80, (byte) 0x80})).readUnsignedVarint());
    }

    @Test
    void nullInANonNullableStringIsRefused() {
        ProtocolDecodeException e = assertThrows(ProtocolDecodeException.class,
                () -> new ProtocolReader(ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xFF})).readString(false, false));
        assertTrue(e.getMessage().contains("non-nullable string was serialized as null"), e.getMessage());
    }

    @Test
    void compactLengthNearTheUnsignedLimitIsRefusedWithoutAllocating() {
        byte[] bytes = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F};
        assertThrows(ProtocolDecodeException.class, () -> new ProtocolReader(ByteBuffer.wrap(bytes)).readBytes(true, true));
        assertThrows(ProtocolDecodeException.class, () -> new ProtocolReader(ByteBuffer.wrap(bytes)).readArrayLength(true, true, 1));
    }

    @Test
    void recordsAreASliceOfTheInputNotACopy() {
        ByteBuffer input = ByteBuffer.wrap(new byte[] {0, 0, 0, 3, 7, 8, 9});
        io.tributary.records.MemoryRecords records = new ProtocolReader(input).readRecords(false, false);
        input.put(5, (byte) 42);
        assertEquals(42, records.buffer().get(1));
    }
}
