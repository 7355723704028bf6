package io.tributary.broker.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.broker.Tributary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configs changed at run time take effect on live logs, without a restart, and are still in force
 * after one (they are kept in the metadata log): a topic's own, and dynamic broker configs, which
 * every topic that does not override them follows.
 */
class LiveConfigChangeTest {

    private static final ConfigResource ALL_BROKERS = new ConfigResource(ConfigResource.Type.BROKER, "");
    private static final byte[] TEN_KIB = new byte[10 * 1024];

    @TempDir
    Path dataDir;

    @Test
    void loweringMaxMessageBytesRefusesTheNextLargerBatch() throws Exception {
        try (Tributary broker = Tributary.builder().dataDir(dataDir).start();
             Admin admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ClientConfigs.producer(broker.bootstrapServers()))) {
            createTopic(admin, "big", Map.of());
            producer.send(new ProducerRecord<>("big", TEN_KIB)).get();

            alter(admin, topic("big"), op("max.message.bytes", "1024"));

            assertTooLarge(producer, "big");
        }
    }

    @Test
    void aDynamicBrokerDefaultReachesTopicsThatDoNotOverrideIt() throws Exception {
        try (Tributary broker = Tributary.builder().dataDir(dataDir).start();
             Admin admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ClientConfigs.producer(broker.bootstrapServers()))) {
            createTopic(admin, "follows", Map.of());
            createTopic(admin, "overrides", Map.of("max.message.bytes", "100000"));

            alter(admin, ALL_BROKERS, op("message.max.bytes", "1024"));

            assertTooLarge(producer, "follows");
            producer.send(new ProducerRecord<>("overrides", TEN_KIB)).get();
        }
    }

    @Test
    void createTopicsValidatesAndReportsAgainstTheDynamicBrokerDefaults() throws Exception {
        try (Tributary broker = Tributary.builder().dataDir(dataDir).start();
             Admin admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()))) {
            alter(admin, ALL_BROKERS, op("message.max.bytes", "1024"));
            alter(admin, ALL_BROKERS, op("log.cleaner.min.compaction.lag.ms", "1000"));

            CreateTopicsResult created = admin.createTopics(List.of(new NewTopic("defaults", 1, (short) 1)));
            ConfigEntry maxMessageBytes = created.config("defaults").get(30, TimeUnit.SECONDS).get("max.message.bytes");
            assertEquals("1024", maxMessageBytes.value());
            assertEquals(ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG, maxMessageBytes.source());

            ExecutionException refused = assertThrows(ExecutionException.class, () -> createTopic(admin, "lagging",
                    Map.of("max.compaction.lag.ms", "500")));
            assertInstanceOf(InvalidConfigurationException.class, refused.getCause());
            assertEquals("conflict topic config setting min.compaction.lag.ms (1000) > max.compaction.lag.ms (500)",
                    refused.getCause().getMessage());
        }
    }

    @Test
    void aChangedSegmentSizeRollsAtTheNewSize() throws Exception {
        try (Tributary broker = Tributary.builder().dataDir(dataDir).start();
             Admin admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ClientConfigs.producer(broker.bootstrapServers()))) {
            createTopic(admin, "rolling", Map.of());
            produce(producer, "rolling", 5);
            assertEquals(1, segmentCount("rolling"));

            alter(admin, topic("rolling"), op("internal.segment.bytes", Integer.toString(3 * TEN_KIB.length)));
            produce(producer, "rolling", 10);

            // 15 batches of ~10 KiB in segments of at most 30 KiB: the first holds the old 5, then 2 a segment.
            assertEquals(6, segmentCount("rolling"));
        }
    }

    @Test
    void loweringRetentionDeletesTheOldSegments() throws Exception {
        try (Tributary broker = Tributary.builder().dataDir(dataDir).config("log.retention.check.interval.ms", "100").start();
             Admin admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ClientConfigs.producer(broker.bootstrapServers()))) {
            createTopic(admin, "aging", Map.of("internal.segment.bytes", "100"));
            long hourAgo = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("aging", 0, hourAgo, null, new byte[10])).get();
            }
            producer.send(new ProducerRecord<>("aging", 0, System.currentTimeMillis(), null, new byte[10])).get();

            alter(admin, ALL_BROKERS, op("log.retention.ms", "600000"));

            awaitEarliestOffset(admin, new TopicPartition("aging", 0), 10);
        }
    }

    @Test
    void alteredConfigsAreStillInForceAfterARestart() throws Exception {
        try (Tributary broker = Tributary.builder().dataDir(dataDir).start();
             Admin admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()))) {
            createTopic(admin, "kept", Map.of());
            alter(admin, topic("kept"), op("max.message.bytes", "1024"));
            alter(admin, ALL_BROKERS, op("log.retention.ms", "7200000"));
        }

        try (Tributary broker = Tributary.builder().dataDir(dataDir).start();
             Admin admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ClientConfigs.producer(broker.bootstrapServers()))) {
            ConfigEntry retention = describe(admin, topic("kept"), "retention.ms");
            assertEquals("7200000", retention.value());
            assertEquals(ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG, retention.source());
            assertEquals("1024", describe(admin, topic("kept"), "max.message.bytes").value());
            assertTooLarge(producer, "kept");
        }
    }

    // ---- helpers

    private static ConfigResource topic(String name) {
        return new ConfigResource(ConfigResource.Type.TOPIC, name);
    }

    private static AlterConfigOp op(String name, String value) {
        return new AlterConfigOp(new ConfigEntry(name, value), OpType.SET);
    }

    private static void createTopic(Admin admin, String name, Map<String, String> configs) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, 1, (short) 1).configs(configs))).all().get(30, TimeUnit.SECONDS);
    }

    private static void alter(Admin admin, ConfigResource resource, AlterConfigOp op) throws Exception {
        admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all().get(30, TimeUnit.SECONDS);
    }

    private static ConfigEntry describe(Admin admin, ConfigResource resource, String name) throws Exception {
        return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource).get(name);
    }

    private static void produce(KafkaProducer<byte[], byte[]> producer, String topic, int batches) throws Exception {
        for (int i = 0; i < batches; i++) {
            producer.send(new ProducerRecord<>(topic, TEN_KIB)).get();
        }
    }

    private static void assertTooLarge(KafkaProducer<byte[], byte[]> producer, String topic) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> producer.send(new ProducerRecord<>(topic, TEN_KIB)).get(30, TimeUnit.SECONDS));
        assertInstanceOf(RecordTooLargeException.class, e.getCause(), e.toString());
    }

    /** The segment files of partition 0 of {@code topic}, wherever under the data directory its log lives. */
    private long segmentCount(String topic) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(f -> f.getParent().getFileName().toString().equals(topic + "-0"))
                    .filter(f -> f.getFileName().toString().endsWith(".log")).count();
        }
    }

    private static void awaitEarliestOffset(Admin admin, TopicPartition tp, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long earliest;
        do {
            assertTrue(System.nanoTime() < deadline, "the earliest offset did not reach " + expected);
            earliest = admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).partitionResult(tp).get().offset();
        } while (earliest < expected);
        assertEquals(expected, earliest);
    }
}
