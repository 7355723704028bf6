package io.tributary.protocol.oracle;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tributary.generator.MessageSpec;
import io.tributary.protocol.Message;
import io.tributary.protocol.ProtocolDecodeException;
import io.tributary.protocol.ProtocolReader;
import io.tributary.protocol.message.ProduceRequestData;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Malformed input against every generated message and version: truncations, corrupted bytes
 * (negative and huge lengths and counts, bad varints) and random bytes. Decoding must either succeed
 * or end in {@link ProtocolDecodeException}: never another exception, an {@link OutOfMemoryError},
 * a hang or a read past the input (inputs are exact-size buffers, so reading past would throw).
 */
class DecodeRobustnessTest {

    private static final int MUTATIONS_PER_VERSION = 40;

    @TestFactory
    Stream<DynamicTest> malformedInputEndsInTheTypedException() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (MessageSpec spec : KafkaMessageOracleTest.kafkaSchemas()) {
            for (short version : RandomMessageWriter.versions(spec)) {
                tests.add(DynamicTest.dynamicTest(spec.name() + " v" + version, () -> attack(spec, version)));
            }
        }
        return tests.stream();
    }

    private static void attack(MessageSpec spec, short version) throws Exception {
        Class<?> type = Class.forName("io.tributary.protocol.message." + spec.className());
        Random random = new Random(spec.name().hashCode() ^ version);
        byte[] valid = new RandomMessageWriter(spec, random).write(version);
        for (int length = 0; length < valid.length; length++) {
            byte[] truncated = java.util.Arrays.copyOf(valid, length);
            assertThrows(ProtocolDecodeException.class, () -> decode(type, truncated, version),
                    spec.name() + " v" + version + " truncated to " + length + " of " + valid.length + " bytes");
        }
        for (int i = 0; i < MUTATIONS_PER_VERSION; i++) {
            decodeOrRejectCleanly(type, mutate(valid, random), version, spec.name());
        }
        for (int i = 0; i < 10; i++) {
            byte[] noise = new byte[random.nextInt(64)];
            random.nextBytes(noise);
            decodeOrRejectCleanly(type, noise, version, spec.name());
        }
    }

    /** Overwrites a few positions with values that make lengths, counts and varints misbehave. */
    private static byte[] mutate(byte[] valid, Random random) {
        byte[] bytes = valid.clone();
        if (bytes.length == 0) {
            return bytes;
        }
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] = (byte) 0xFF;
                case 1 -> bytes[at] = (byte) 0x7F;
                case 2 -> bytes[at] = (byte) 0x80;
                default -> bytes[at] = (byte) random.nextInt(256);
            }
        }
        return bytes;
    }

    private static void decodeOrRejectCleanly(Class<?> type, byte[] bytes, short version, String name) throws Exception {
        try {
            decode(type, bytes, version);
        } catch (ProtocolDecodeException expected) {
            assertTrue(expected.getMessage().contains(name), "error names the message: " + expected.getMessage());
        } catch (Throwable t) {
            fail(name + " v" + version + ": " + t + " instead of ProtocolDecodeException", t);
        }
    }

    private static void decode(Class<?> type, byte[] bytes, short version) throws Exception {
        Message message = (Message) type.getConstructor().newInstance();
        message.read(new ProtocolReader(ByteBuffer.wrap(bytes)), version);
    }

    @Test
    void hugeArrayCountIsRefusedBeforeAllocatingAndNamesTheField() {
        // ProduceRequest v3: transactional_id (int16 -1 = null), acks, timeout, then the topic count.
        ByteBuffer frame = ByteBuffer.allocate(16).putShort((short) -1).putShort((short) 1).putInt(30_000)
                .putInt(Integer.MAX_VALUE).putInt(0).flip();
        ProtocolDecodeException e = assertThrows(ProtocolDecodeException.class,
                () -> new ProduceRequestData(new ProtocolReader(frame), (short) 3));
        assertTrue(e.getMessage().startsWith("malformed ProduceRequest v3: TopicData at offset 8: "), e.getMessage());
        assertTrue(e.getMessage().contains("2147483647 elements"), e.getMessage());
    }

    @Test
    void recordsLengthBeyondTheFrameNamesTheNestedField() {
        ByteBuffer frame = ByteBuffer.allocate(64).putShort((short) -1).putShort((short) 1).putInt(30_000)
                .putInt(1).putShort((short) 1).put((byte) 't')   // one topic named "t"
                .putInt(1).putInt(0)                               // one partition, index 0
                .putInt(1_000_000)                                 // records length far beyond the frame
                .flip();
        ProtocolDecodeException e = assertThrows(ProtocolDecodeException.class,
                () -> new ProduceRequestData(new ProtocolReader(frame), (short) 3));
        assertTrue(e.getMessage().startsWith("malformed ProduceRequest v3: TopicData.PartitionData.Records at offset 23: "),
                e.getMessage());
    }
}
