package io.tributary.broker.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.broker.Tributary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log compaction seen through Kafka's Java clients: a million updates over ten thousand keys
 * leave one record per key (the latest) below the active segment, and keys deleted by tombstones
 * disappear once {@code delete.retention.ms} has passed. The cleaner's progress is read from the
 * broker's own {@code cleaner-offset-checkpoint} file and the segment files in the log directory.
 */
class LogCompactionTest {

    private static final String TOPIC = "compacted";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    private static final int UPDATES = 1_000_000;
    private static final int KEYS = 10_000;
    private static final int DELETED_KEYS = 1_000;
    private static final String POKE_KEY = "poke";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void compactionKeepsTheLatestValuePerKeyAndTombstonedKeysGoAfterDeleteRetention() throws Exception {
        try (Tributary broker = Tributary.builder().dataDir(dataDir).config("log.cleaner.backoff.ms", "50").start();
             Admin admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1).configs(Map.of(
                    "cleanup.policy", "compact",
                    "internal.segment.bytes", String.valueOf(1024 * 1024),
                    "segment.ms", "300",
                    "min.cleanable.dirty.ratio", "0",
                    "delete.retention.ms", "1000")))).all().get();
            Map<String, Object> producerConfig = ClientConfigs.producer(broker.bootstrapServers());
            producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 10);
            producerConfig.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
            try (var producer = new KafkaProducer<byte[], byte[]>(producerConfig)) {
                for (int i = 0; i < UPDATES; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, 0, bytes(key(i % KEYS)), bytes("value-" + i)));
                }
                for (int k = 0; k < DELETED_KEYS; k++) {
                    producer.send(new ProducerRecord<>(TOPIC, 0, bytes(key(k)), null));
                }
                producer.flush();

                long lastUpdate = UPDATES + DELETED_KEYS - 1;
                long checkpoint = pokeUntil(producer, () -> {
                    OptionalLong cleanedTo = cleanerCheckpoint();
                    return cleanedTo.isPresent() && cleanedTo.getAsLong() > lastUpdate
                            && cleanedTo.getAsLong() == activeSegmentBaseOffset();
                });
                assertOneLatestValuePerKeyBelow(broker, checkpoint);

                pokeUntil(producer, () -> readAll(broker).keySet().stream().noneMatch(key -> key.startsWith("key-")
                        && Integer.parseInt(key.substring(4)) < DELETED_KEYS));
                Map<String, List<String>> values = readAll(broker);
                for (int k = DELETED_KEYS; k < KEYS; k++) {
                    assertEquals(List.of("value-" + (UPDATES - KEYS + k)), values.get(key(k)), key(k));
                }
                assertEquals(KEYS - DELETED_KEYS, values.keySet().stream().filter(key -> key.startsWith("key-")).count());
            }
        }
    }

    /** Below the cleaned offset, every surviving key appears once with its latest value; deleted keys at most as a tombstone. */
    private void assertOneLatestValuePerKeyBelow(Tributary broker, long cleanedTo) {
        Map<String, List<String>> below = new HashMap<>();
        LogReader.readAll(ClientConfigs.consumer(broker.bootstrapServers()), List.of(TP), TIMEOUT, record -> {
            if (record.offset() < cleanedTo) {
                below.computeIfAbsent(string(record.key()), k -> new ArrayList<>()).add(string(record.value()));
            }
        });
        for (int k = 0; k < KEYS; k++) {
            List<String> values = below.get(key(k));
            if (k < DELETED_KEYS) {
                assertTrue(values == null || values.equals(Collections.singletonList(null)),
                        key(k) + " should be deleted: " + values);
            } else {
                assertEquals(List.of("value-" + (UPDATES - KEYS + k)), values, key(k));
            }
        }
    }

    /** Every record of the partition, grouped by key, values in offset order (null for a tombstone). */
    private static Map<String, List<String>> readAll(Tributary broker) {
        Map<String, List<String>> values = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : LogReader.readAll(broker.bootstrapServers(), List.of(TP), TIMEOUT)) {
            values.computeIfAbsent(string(record.key()), k -> new ArrayList<>()).add(string(record.value()));
        }
        return values;
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    /**
     * Produces a record under a key of its own every 100 ms until {@code condition} holds: the new
     * records let {@code segment.ms} roll the active segment and give the cleaner dirty bytes, as a
     * live topic would. Returns the cleaner checkpoint when the condition held.
     */
    private long pokeUntil(KafkaProducer<byte[], byte[]> producer, Condition condition) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.holds()) {
            assertTrue(System.nanoTime() < deadline, "the cleaner did not get there within " + TIMEOUT
                    + "; checkpoint " + cleanerCheckpoint() + ", active segment " + activeSegmentBaseOffset());
            producer.send(new ProducerRecord<>(TOPIC, 0, bytes(POKE_KEY), bytes("poke"))).get();
            Thread.sleep(100); // the poke interval, not a wait for an event: the condition is polled above
        }
        return cleanerCheckpoint().orElse(-1);
    }

    private OptionalLong cleanerCheckpoint() throws Exception {
        return LogDirFiles.cleanerCheckpoint(dataDir, TOPIC, 0);
    }

    private long activeSegmentBaseOffset() throws Exception {
        return LogDirFiles.activeSegmentBaseOffset(dataDir, TOPIC, 0);
    }

    private static String key(int k) {
        return "key-" + k;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
