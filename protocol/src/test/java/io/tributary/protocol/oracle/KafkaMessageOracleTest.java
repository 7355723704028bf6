package io.tributary.protocol.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.generator.MessageSpec;
import io.tributary.generator.SchemaLoader;
import io.tributary.protocol.ByteBufferWriter;
import io.tributary.protocol.Message;
import io.tributary.protocol.ProtocolReader;
import java.lang.reflect.Constructor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.protocol.Readable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Our generated codec against Kafka's own generated classes ({@code org.apache.kafka.common.message.*Data}),
 * for every message in the kafka-clients 4.3.1 schemas and every version each defines.
 *
 * <p>For each message and version, random well-formed bytes are produced from the schema; Kafka's
 * class reads them and must write the same bytes back (so they are what Kafka itself writes); ours
 * reads them, must report the same size and write the same bytes; and Kafka's class reading our
 * bytes must equal Kafka's class reading the originals. One dynamic test per message and version,
 * so the report counts them.
 */
class KafkaMessageOracleTest {

    private static final int ROUNDS_PER_VERSION = 25;

    static List<MessageSpec> kafkaSchemas() throws Exception {
        return SchemaLoader.load("classpath:common/message");
    }

    @Test
    void everyKafkaSchemaHasAGeneratedClass() throws Exception {
        List<MessageSpec> specs = kafkaSchemas();
        assertTrue(specs.size() >= 190, "expected all of Kafka's schemas, found " + specs.size());
        for (MessageSpec spec : specs) {
            Class.forName("io.tributary.protocol.message." + spec.className());
        }
    }

    @TestFactory
    Stream<DynamicTest> randomMessagesMatchKafkaByteForByte() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (MessageSpec spec : kafkaSchemas()) {
            for (short version : RandomMessageWriter.versions(spec)) {
                tests.add(DynamicTest.dynamicTest(spec.name() + " v" + version, () -> checkAgainstKafka(spec, version)));
            }
        }
        return tests.stream();
    }

    private static void checkAgainstKafka(MessageSpec spec, short version) throws Exception {
        Constructor<?> kafkaReader = Class.forName("org.apache.kafka.common.message." + spec.className())
                .getConstructor(Readable.class, short.class);
        Class<?> ours = Class.forName("io.tributary.protocol.message." + spec.className());
        Random random = new Random(spec.name().hashCode() * 31L + version);
        for (int round = 0; round < ROUNDS_PER_VERSION; round++) {
            byte[] original = new RandomMessageWriter(spec, random).write(version);
            String context = spec.name() + " v" + version + " round " + round;

            org.apache.kafka.common.protocol.Message theirs = readWithKafka(kafkaReader, original, version);
            assertArrayEquals(original, writeWithKafka(theirs, version), context + ": Kafka does not write back what it read");

            ByteBuffer input = ByteBuffer.wrap(original);
            ProtocolReader reader = new ProtocolReader(input);
            Message message = (Message) ours.getConstructor().newInstance();
            message.read(reader, version);
            assertEquals(0, reader.remaining(), context + ": bytes left unread");
            assertEquals(original.length, message.size(version), context + ": size");
            byte[] written = toArray(ByteBufferWriter.serialize(message, version));
            assertArrayEquals(original, written, context + ": our bytes differ from Kafka's");

            assertEquals(theirs, readWithKafka(kafkaReader, written, version), context + ": Kafka reads our bytes differently");
        }
    }

    private static org.apache.kafka.common.protocol.Message readWithKafka(Constructor<?> reader, byte[] bytes, short version)
            throws Exception {
        return (org.apache.kafka.common.protocol.Message) reader.newInstance(new ByteBufferAccessor(ByteBuffer.wrap(bytes)), version);
    }

    private static byte[] writeWithKafka(org.apache.kafka.common.protocol.Message message, short version) {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        ByteBuffer buffer = ByteBuffer.allocate(message.size(cache, version));
        message.write(new ByteBufferAccessor(buffer), cache, version);
        return buffer.array();
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
