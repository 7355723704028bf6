package io.tributary.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.kafka.common.utils.ByteUtils;

/** Our zig-zag varints are Kafka's, byte for byte, and malformed ones are corrupt, never an underflow. */
class VarintPropertyTest {

    @Property
    void varintsAreEncodedExactlyAsKafkaEncodesThem(@ForAll int value) {
        ByteBuffer ours = ByteBuffer.allocate(5);
        ByteBuffer kafka = ByteBuffer.allocate(5);
        Varint.writeVarint(value, ours);
        ByteUtils.writeVarint(value, kafka);

        assertArrayEquals(Arrays.copyOf(kafka.array(), kafka.position()), Arrays.copyOf(ours.array(), ours.position()));
        assertEquals(ByteUtils.sizeOfVarint(value), Varint.sizeOfVarint(value));
        assertEquals(value, Varint.readVarint(ByteBuffer.wrap(kafka.array(), 0, kafka.position())));
    }

    @Property
    void varlongsAreEncodedExactlyAsKafkaEncodesThem(@ForAll long value) {
        ByteBuffer ours = ByteBuffer.allocate(10);
        ByteBuffer kafka = ByteBuffer.allocate(10);
        Varint.writeVarlong(value, ours);
        ByteUtils.writeVarlong(value, kafka);

        assertArrayEquals(Arrays.copyOf(kafka.array(), kafka.position()), Arrays.copyOf(ours.array(), ours.position()));
        assertEquals(ByteUtils.sizeOfVarlong(value), Varint.sizeOfVarlong(value));
        assertEquals(value, Varint.readVarlong(ByteBuffer.wrap(kafka.array(), 0, kafka.position())));
    }

    @Property
    void anyPrefixOfAVarintIsCorruptNotAnUnderflow(@ForAll int value) {
        ByteBuffer encoded = ByteBuffer.allocate(5);
        Varint.writeVarint(value, encoded);
        for (int length = 0; length < encoded.position(); length++) {
            ByteBuffer prefix = ByteBuffer.wrap(encoded.array(), 0, length);
            assertThrows(CorruptRecordException.class, () -> Varint.readVarint(prefix));
        }
    }

    @Example
    void sixByteVarintIsCorrupt() {
        ByteBuffer sixBytes = ByteBuffer.wrap(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0});

        assertThrows(CorruptRecordException.class, () -> Varint.readVarint(sixBytes));
    }

    @Example
    void elevenByteVarlongIsCorrupt() {
        byte[] bytes = new byte[11];
        Arrays.fill(bytes, (byte) 0xFF);

        assertThrows(CorruptRecordException.class, () -> Varint.readVarlong(ByteBuffer.wrap(bytes)));
    }
}
