package io.tributary.broker.clients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.broker.Tributary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every compression codec of Kafka's producer round-trips producer → broker → consumer: keys,
 * values, headers, null keys and values, and a value of many batches' worth, come back byte for
 * byte in order. Records stay bytes end to end (DESIGN D3), so the partition's log holds the
 * producer's compressed batches: for a codec other than {@code none} it is smaller than the values.
 */
class CompressionCodecsTest {

    private static final int RECORDS = 5_000;

    @TempDir
    Path dataDir;
    private Tributary broker;

    @BeforeEach
    void start() {
        broker = Tributary.builder().dataDir(dataDir).start();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void recordsRoundTripThroughTheBroker(String codec) throws Exception {
        String topic = "compressed-" + codec;
        List<ProducerRecord<byte[], byte[]>> sent = records(topic);
        Map<String, Object> config = ClientConfigs.producer(broker.bootstrapServers());
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        List<RecordMetadata> acknowledged = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            var futures = sent.stream().map(producer::send).toList();
            for (var f : futures) {
                acknowledged.add(f.get());
            }
        }
        for (int i = 0; i < sent.size(); i++) {
            assertEquals(i, acknowledged.get(i).offset(), "offset of record " + i);
        }

        List<ConsumerRecord<byte[], byte[]>> received =
                LogReader.readAll(broker.bootstrapServers(), List.of(new TopicPartition(topic, 0)), Duration.ofSeconds(60));

        assertEquals(sent.size(), received.size(), "records read back");
        for (int i = 0; i < sent.size(); i++) {
            assertSameRecord(sent.get(i), received.get(i), i);
        }
        long valueBytes = sent.stream().mapToLong(r -> r.value() == null ? 0 : r.value().length).sum();
        long logBytes = logBytes(topic + "-0");
        if (codec.equals("none")) {
            assertTrue(logBytes > valueBytes, "uncompressed log of " + logBytes + " bytes holds " + valueBytes + " value bytes");
        } else {
            assertTrue(logBytes < valueBytes / 2, codec + " log of " + logBytes + " bytes for " + valueBytes + " value bytes");
        }
    }

    /**
     * Compressible values of varied sizes, some with headers, one null key, one null value (a
     * tombstone), one empty value and one value of 512 KiB, larger than a producer batch.
     */
    private static List<ProducerRecord<byte[], byte[]>> records(String topic) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            byte[] key = i == 7 ? null : ("key-" + i).getBytes(StandardCharsets.UTF_8);
            byte[] value = switch (i) {
                case 11 -> null;
                case 12 -> new byte[0];
                case 2_500 -> "x".repeat(512 * 1024).getBytes(StandardCharsets.UTF_8);
                default -> ("{\"order\":" + i + ",\"note\":\"" + "abc".repeat(i % 100) + "\"}").getBytes(StandardCharsets.UTF_8);
            };
            List<Header> headers = i % 10 == 0
                    ? List.of(new RecordHeader("trace", ("t-" + i).getBytes(StandardCharsets.UTF_8)), new RecordHeader("empty", null))
                    : List.of();
            records.add(new ProducerRecord<>(topic, 0, key, value, headers));
        }
        return records;
    }

    private static void assertSameRecord(ProducerRecord<byte[], byte[]> sent, ConsumerRecord<byte[], byte[]> received, int i) {
        assertEquals(i, received.offset(), "offset");
        assertArrayEquals(sent.key(), received.key(), "key of record " + i);
        if (sent.value() == null) {
            assertNull(received.value(), "value of record " + i);
        } else {
            assertArrayEquals(sent.value(), received.value(), "value of record " + i);
        }
        Header[] expected = sent.headers().toArray();
        Header[] actual = received.headers().toArray();
        assertEquals(expected.length, actual.length, "headers of record " + i);
        for (int h = 0; h < expected.length; h++) {
            assertEquals(expected[h].key(), actual[h].key(), "header key of record " + i);
            assertArrayEquals(expected[h].value(), actual[h].value(), "header value of record " + i);
        }
    }

    /** Bytes of the partition's segment files (Kafka's layout, DESIGN D4). */
    private long logBytes(String partitionDir) throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve(partitionDir))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
