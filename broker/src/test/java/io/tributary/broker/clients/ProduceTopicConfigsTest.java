package io.tributary.broker.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.broker.Tributary;
import io.tributary.records.CompressionType;
import io.tributary.records.MemoryRecords;
import io.tributary.records.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topic configs that act on produce, seen through Kafka's Java clients: {@code compression.type}
 * (broker-side recompression), {@code message.timestamp.before.max.ms} / {@code after.max.ms},
 * {@code min.insync.replicas}, and keys on compacted topics. The exceptions the producer sees are those
 * Apache Kafka 4.3.1 gives it in the same cases.
 */
class ProduceTopicConfigsTest {

    @TempDir
    Path dataDir;
    private Tributary broker;
    private Admin admin;

    @AfterEach
    void stop() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aZstdTopicStoresGzipAndUncompressedBatchesAsZstd() throws Exception {
        start(Map.of());
        createTopic("zstd-topic", Map.of("compression.type", "zstd"));
        List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();
        sent.addAll(produce("zstd-topic", "gzip", 0, 500));
        sent.addAll(produce("zstd-topic", "none", 500, 500));

        List<RecordBatch> stored = storedBatches("zstd-topic-0");
        assertTrue(stored.size() >= 2, "batches stored: " + stored.size());
        for (RecordBatch batch : stored) {
            assertEquals(CompressionType.ZSTD, batch.compressionType(), "codec of " + batch);
            assertTrue(batch.isValid(), "CRC of " + batch);
        }
        assertReadBack("zstd-topic", sent);
    }

    @Test
    void anUncompressedTopicStoresCompressedBatchesUncompressed() throws Exception {
        start(Map.of());
        createTopic("plain-topic", Map.of("compression.type", "uncompressed"));
        List<ProducerRecord<byte[], byte[]>> sent = produce("plain-topic", "lz4", 0, 300);

        for (RecordBatch batch : storedBatches("plain-topic-0")) {
            assertEquals(CompressionType.NONE, batch.compressionType(), "codec of " + batch);
        }
        assertReadBack("plain-topic", sent);
    }

    @Test
    void aBrokerDefaultCompressionTypeAppliesToTopicsWithoutTheirOwn() throws Exception {
        start(Map.of("compression.type", "gzip"));
        createTopic("defaulted", Map.of());
        List<ProducerRecord<byte[], byte[]>> sent = produce("defaulted", "snappy", 0, 100);

        for (RecordBatch batch : storedBatches("defaulted-0")) {
            assertEquals(CompressionType.GZIP, batch.compressionType(), "codec of " + batch);
        }
        assertReadBack("defaulted", sent);
    }

    @Test
    void aTimestampOlderThanBeforeMaxMsIsRefusedWithInvalidTimestamp() throws Exception {
        start(Map.of());
        createTopic("recent-only", Map.of("message.timestamp.before.max.ms", "60000"));
        long now = System.currentTimeMillis();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(failFastProducer("all"))) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> producer.send(
                    new ProducerRecord<>("recent-only", 0, now - Duration.ofHours(1).toMillis(), bytes("k"), bytes("old"))).get());
            assertRefusedTimestamp(e);
            assertEquals(0, producer.send(new ProducerRecord<>("recent-only", 0, now, bytes("k"), bytes("fresh"))).get().offset());
        }
    }

    @Test
    void aTimestampFurtherAheadThanAfterMaxMsIsRefusedWithInvalidTimestamp() throws Exception {
        start(Map.of());
        createTopic("no-future", Map.of());
        long inTwoHours = System.currentTimeMillis() + Duration.ofHours(2).toMillis();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(failFastProducer("all"))) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> producer.send(
                    new ProducerRecord<>("no-future", 0, inTwoHours, bytes("k"), bytes("future"))).get());
            assertRefusedTimestamp(e);
        }
        assertEquals(0L, LogReader.endOffsets(broker.bootstrapServers(), List.of(new TopicPartition("no-future", 0)))
                .get(new TopicPartition("no-future", 0)));
    }

    /**
     * Kafka 4 requires {@code min(min.insync.replicas, replicas)} in-sync replicas for {@code acks=all}
     * (checked against Apache Kafka 4.3.1: a replication-factor-1 topic with {@code min.insync.replicas=2}
     * takes {@code acks=all} produces), so on a single node every replica is in sync and the produce
     * succeeds; NOT_ENOUGH_REPLICAS needs a replica out of the ISR (ProduceHandlerTest).
     */
    @Test
    void minInsyncReplicasAboveTheReplicationFactorStillTakesAcksAll() throws Exception {
        start(Map.of("min.insync.replicas", "3"));
        createTopic("two-replicas-wanted", Map.of("min.insync.replicas", "2"));
        createTopic("broker-default", Map.of());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(failFastProducer("all"))) {
            assertEquals(0, producer.send(new ProducerRecord<>("two-replicas-wanted", 0, bytes("k"), bytes("v"))).get().offset());
            assertEquals(0, producer.send(new ProducerRecord<>("broker-default", 0, bytes("k"), bytes("v"))).get().offset());
        }
        assertEquals(List.of("v"), values(LogReader.readAll(broker.bootstrapServers(),
                List.of(new TopicPartition("two-replicas-wanted", 0)), Duration.ofSeconds(30))));
    }

    @Test
    void aCompactedTopicRefusesARecordWithoutKey() throws Exception {
        start(Map.of());
        createTopic("compacted", Map.of("cleanup.policy", "compact"));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(failFastProducer("all"))) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>("compacted", 0, null, bytes("keyless"))).get());
            assertInstanceOf(InvalidRecordException.class, e.getCause());
            assertEquals("Compacted topic cannot accept message without key in topic partition compacted-0",
                    e.getCause().getMessage());
            assertEquals(0, producer.send(new ProducerRecord<>("compacted", 0, bytes("k"), bytes("keyed"))).get().offset());
            assertEquals(1, producer.send(new ProducerRecord<>("compacted", 0, bytes("k"), null)).get().offset(),
                    "a tombstone has a key");
        }
    }

    /**
     * Broker-wide topic defaults are for topics: the metadata log, whose records have no key, still takes
     * its records when every topic is compacted, LogAppendTime, gzip and strict about timestamps.
     */
    @Test
    void topicDefaultsOfTheBrokerLeaveTheMetadataLogAlone() throws Exception {
        start(Map.of("log.cleanup.policy", "compact", "compression.type", "gzip", "log.message.timestamp.type", "LogAppendTime",
                "log.message.timestamp.before.max.ms", "0", "log.message.timestamp.after.max.ms", "0"));
        createTopic("keyed", Map.of());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(failFastProducer("all"))) {
            assertEquals(0, producer.send(new ProducerRecord<>("keyed", 0, bytes("k"), bytes("v"))).get().offset());
        }
        for (RecordBatch batch : storedBatches("keyed-0")) {
            assertEquals(CompressionType.GZIP, batch.compressionType());
        }
    }

    private void start(Map<String, String> brokerConfigs) {
        Tributary.Builder builder = Tributary.builder().dataDir(dataDir);
        brokerConfigs.forEach(builder::config);
        broker = builder.start();
        admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()));
    }

    private void createTopic(String name, Map<String, String> configs) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, 1, (short) 1).configs(configs))).all().get();
    }

    /** A producer that gives up at the first error, so a refused record fails at once instead of being retried. */
    private Map<String, Object> failFastProducer(String acks) {
        Map<String, Object> config = new HashMap<>(ClientConfigs.producer(broker.bootstrapServers()));
        config.put(ProducerConfig.ACKS_CONFIG, acks);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.put(ProducerConfig.RETRIES_CONFIG, 0);
        return config;
    }

    /** Sends {@code count} records numbered from {@code first} with the producer codec {@code codec}; waits for every ack. */
    private List<ProducerRecord<byte[], byte[]>> produce(String topic, String codec, int first, int count) throws Exception {
        Map<String, Object> config = ClientConfigs.producer(broker.bootstrapServers());
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            List<Header> headers = i % 3 == 0 ? List.of(new RecordHeader("n", bytes("h" + i))) : List.of();
            sent.add(new ProducerRecord<>(topic, 0, i % 10 == 0 ? null : bytes("key-" + i), bytes("value " + i + " " + "x".repeat(i % 50)),
                    headers));
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            var acks = sent.stream().map(producer::send).toList();
            for (int i = 0; i < acks.size(); i++) {
                assertEquals(first + i, acks.get(i).get().offset(), "offset of record " + (first + i));
            }
        }
        return sent;
    }

    private void assertReadBack(String topic, List<ProducerRecord<byte[], byte[]>> sent) {
        List<ConsumerRecord<byte[], byte[]>> received =
                LogReader.readAll(broker.bootstrapServers(), List.of(new TopicPartition(topic, 0)), Duration.ofSeconds(60));
        assertEquals(sent.size(), received.size(), "records read back");
        for (int i = 0; i < sent.size(); i++) {
            ProducerRecord<byte[], byte[]> s = sent.get(i);
            ConsumerRecord<byte[], byte[]> r = received.get(i);
            assertEquals(i, r.offset());
            assertEquals(text(s.key()), text(r.key()), "key of record " + i);
            assertEquals(text(s.value()), text(r.value()), "value of record " + i);
            assertEquals(headerText(s.headers().toArray()), headerText(r.headers().toArray()), "headers of record " + i);
        }
    }

    /** What Apache Kafka 4.3.1's producer reports for a record refused for its timestamp (checked against that broker). */
    private static void assertRefusedTimestamp(ExecutionException e) {
        Throwable cause = e.getCause();
        assertInstanceOf(InvalidTimestampException.class, cause);
        assertTrue(cause.getMessage().contains("of message with offset 0 is out of range. The timestamp should be within ["),
                cause.getMessage());
    }

    /** The batches in the partition's segment files, read from disk as the broker stored them. */
    private List<RecordBatch> storedBatches(String partitionDir) throws IOException {
        List<RecordBatch> batches = new ArrayList<>();
        try (Stream<Path> files = Files.list(dataDir.resolve(partitionDir))) {
            for (Path segment : files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList()) {
                MemoryRecords.readableRecords(ByteBuffer.wrap(Files.readAllBytes(segment))).batches().forEach(batches::add);
            }
        }
        return batches;
    }

    private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> text(r.value())).toList();
    }

    private static String headerText(Header[] headers) {
        StringBuilder out = new StringBuilder();
        for (Header h : headers) {
            out.append(h.key()).append('=').append(text(h.value())).append(';');
        }
        return out.toString();
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
