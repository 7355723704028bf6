package io.tributary.broker.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.broker.Tributary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dynamic {@code log.cleaner.*} broker configs take effect without a restart, as Kafka's
 * {@code LogCleaner.reconfigure} makes them: the broker starts with a back-off of an hour, so its
 * cleaner thread, having found nothing to clean at start-up, sleeps through the test unless an
 * altered setting restarts it. Compaction is observed in the broker's {@code cleaner-offset-checkpoint}
 * file and the segment files, as in {@link LogCompactionTest}.
 */
class CleanerReconfigurationTest {

    private static final ConfigResource ALL_BROKERS = new ConfigResource(ConfigResource.Type.BROKER, "");
    private static final String TOPIC = "compacted";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    private static final int UPDATES = 300;
    private static final int KEYS = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @Test
    void aLoweredBackoffRestartsTheCleanerAndTheTopicIsCompacted() throws Exception {
        try (Tributary broker = sleepyCleanerBroker();
             Admin admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()))) {
            produceUpdates(admin, broker);
            assertTrue(cleanerCheckpoint().isEmpty(), "not cleaned before the change");

            alter(admin, op("log.cleaner.backoff.ms", "50"));

            awaitCompacted(broker);
        }
    }

    @Test
    void moreCleanerThreadsRestartTheCleanerAndTheTopicIsCompacted() throws Exception {
        try (Tributary broker = sleepyCleanerBroker();
             Admin admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()))) {
            produceUpdates(admin, broker);
            assertTrue(cleanerCheckpoint().isEmpty(), "not cleaned before the change");

            alter(admin, op("log.cleaner.threads", "2"));

            awaitCompacted(broker);
        }
    }

    @Test
    void aDedupeBufferBelowOneMebibytePerThreadIsRefused() throws Exception {
        try (Tributary broker = sleepyCleanerBroker();
             Admin admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()))) {
            assertRefused(admin, op("log.cleaner.dedupe.buffer.size", "1048576"),
                    "Invalid value 1048576 for configuration log.cleaner.dedupe.buffer.size: "
                            + "log.cleaner.dedupe.buffer.size must be at least 1MB per cleaner thread.");
        }
    }

    @Test
    void cleanerThreadsChangeByAtMostAFactorOfTwoAsInKafka() throws Exception {
        try (Tributary broker = sleepyCleanerBroker();
             Admin admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()))) {
            assertRefused(admin, op("log.cleaner.threads", "3"),
                    "Log cleaner threads cannot be increased to more than double the current value 1");
            assertRefused(admin, op("log.cleaner.threads", "0"), "Log cleaner threads should be at least 1");

            alter(admin, op("log.cleaner.threads", "2"));
            assertEquals("2", admin.describeConfigs(List.of(ALL_BROKERS)).all().get(30, TimeUnit.SECONDS)
                    .get(ALL_BROKERS).get("log.cleaner.threads").value());
        }
    }

    // ---- helpers

    /** A broker whose one cleaner thread waits an hour between passes that find nothing to clean. */
    private Tributary sleepyCleanerBroker() throws Exception {
        return Tributary.builder().dataDir(dataDir).config("log.cleaner.backoff.ms", "3600000").start();
    }

    /** A compacted topic of small segments holding {@link #UPDATES} updates over {@link #KEYS} keys. */
    private static void produceUpdates(Admin admin, Tributary broker) throws Exception {
        admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1).configs(Map.of(
                "cleanup.policy", "compact",
                "internal.segment.bytes", "2048",
                "min.cleanable.dirty.ratio", "0")))).all().get(30, TimeUnit.SECONDS);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ClientConfigs.producer(broker.bootstrapServers()))) {
            for (int i = 0; i < UPDATES; i++) {
                producer.send(new ProducerRecord<>(TOPIC, 0, bytes("key-" + (i % KEYS)), bytes("value-" + i))).get();
            }
        }
    }

    /** Waits until everything below the active segment is cleaned, then checks one latest value per key there. */
    private void awaitCompacted(Tributary broker) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        OptionalLong checkpoint;
        while ((checkpoint = cleanerCheckpoint()).isEmpty() || checkpoint.getAsLong() < activeSegmentBaseOffset()) {
            assertTrue(System.nanoTime() < deadline, "not compacted within " + TIMEOUT + "; checkpoint " + checkpoint
                    + ", active segment " + activeSegmentBaseOffset());
            Thread.onSpinWait();
        }
        long cleanedTo = checkpoint.getAsLong();
        Map<String, List<String>> below = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : LogReader.readAll(broker.bootstrapServers(), List.of(TP), TIMEOUT)) {
            if (record.offset() < cleanedTo) {
                below.computeIfAbsent(string(record.key()), k -> new ArrayList<>()).add(string(record.value()));
            }
        }
        assertTrue(cleanedTo > KEYS, "cleaned to " + cleanedTo);
        below.forEach((key, values) -> assertEquals(1, values.size(), key + ": " + values));
    }

    private OptionalLong cleanerCheckpoint() throws Exception {
        return LogDirFiles.cleanerCheckpoint(dataDir, TOPIC, 0);
    }

    private long activeSegmentBaseOffset() throws Exception {
        return LogDirFiles.activeSegmentBaseOffset(dataDir, TOPIC, 0);
    }

    private static AlterConfigOp op(String name, String value) {
        return new AlterConfigOp(new ConfigEntry(name, value), OpType.SET);
    }

    private static void alter(Admin admin, AlterConfigOp op) throws Exception {
        admin.incrementalAlterConfigs(Map.of(ALL_BROKERS, List.of(op))).all().get(30, TimeUnit.SECONDS);
    }

    private static void assertRefused(Admin admin, AlterConfigOp op, String message) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> alter(admin, op));
        assertInstanceOf(InvalidRequestException.class, e.getCause(), e.toString());
        assertEquals(message, e.getCause().getMessage());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
