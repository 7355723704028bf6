package io.tributary.broker.clients;

import static io.tributary.broker.clients.RecordsTestSupport.SEGMENT_PER_RECORD;
import static io.tributary.broker.clients.RecordsTestSupport.createTopic;
import static io.tributary.broker.clients.RecordsTestSupport.poll;
import static io.tributary.broker.clients.RecordsTestSupport.produce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.broker.Tributary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DeleteRecords through the Java Admin client: the low watermark it answers, what consumers see
 * afterwards (earliest offset, reads below it, each {@code auto.offset.reset}), Kafka's errors, and
 * the new start surviving a restart.
 */
class DeleteRecordsTest {

    private static final String TOPIC = "deletable";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    private static final int RECORDS = 10;

    @TempDir
    Path dataDir;
    private Tributary broker;
    private Admin admin;

    @BeforeEach
    void start() throws Exception {
        broker = Tributary.builder().dataDir(dataDir).start();
        admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()));
        createTopic(admin, TOPIC, 1, SEGMENT_PER_RECORD);
        produce(broker, TP, RECORDS);
    }

    @AfterEach
    void stop() {
        admin.close();
        broker.close();
    }

    private long deleteBefore(long offset) throws Exception {
        return admin.deleteRecords(Map.of(TP, RecordsToDelete.beforeOffset(offset))).lowWatermarks().get(TP).get().lowWatermark();
    }

    private long earliest() throws Exception {
        return admin.listOffsets(Map.of(TP, OffsetSpec.earliest())).partitionResult(TP).get().offset();
    }

    private KafkaConsumer<byte[], byte[]> consumer(String autoOffsetReset) {
        Map<String, Object> config = ClientConfigs.consumer(broker.bootstrapServers());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, autoOffsetReset);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config);
        consumer.assign(List.of(TP));
        return consumer;
    }

    @Test
    void theLowWatermarkIsTheNewEarliestOffset() throws Exception {
        assertEquals(4, deleteBefore(4));
        assertEquals(4, earliest());
    }

    @Test
    void minusOneDeletesUpToTheHighWatermark() throws Exception {
        assertEquals(RECORDS, deleteBefore(-1));
        assertEquals(RECORDS, earliest());
        assertEquals(RECORDS, admin.listOffsets(Map.of(TP, OffsetSpec.latest())).partitionResult(TP).get().offset());
    }

    @Test
    void anOffsetPastTheHighWatermarkIsOutOfRange() throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> deleteBefore(RECORDS + 1));
        assertInstanceOf(org.apache.kafka.common.errors.OffsetOutOfRangeException.class, e.getCause());
        assertEquals(0, earliest());
    }

    @Test
    void aCompactedTopicRefusesWithPolicyViolation() throws Exception {
        TopicPartition compacted = new TopicPartition("compacted", 0);
        createTopic(admin, compacted.topic(), 1, Map.of("cleanup.policy", "compact"));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> admin.deleteRecords(Map.of(compacted, RecordsToDelete.beforeOffset(0))).lowWatermarks().get(compacted).get());
        assertInstanceOf(PolicyViolationException.class, e.getCause());
    }

    @Test
    void earliestResetLandsOnTheNewStart() throws Exception {
        deleteBefore(6);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer("earliest")) {
            consumer.seek(TP, 2);
            List<ConsumerRecord<byte[], byte[]>> records = poll(consumer, RECORDS - 6);
            assertEquals(List.of(6L, 7L, 8L, 9L), records.stream().map(ConsumerRecord::offset).toList());
        }
    }

    @Test
    void latestResetLandsOnTheHighWatermark() throws Exception {
        deleteBefore(6);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer("latest")) {
            consumer.seek(TP, 2);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(TP) != RECORDS) {
                assertTrue(consumer.poll(Duration.ofMillis(100)).isEmpty(), "records below the start were returned");
                assertTrue(System.nanoTime() < deadline, "position stayed at " + consumer.position(TP));
            }
        }
    }

    @Test
    void withoutAResetPolicyThePollFailsWithOffsetOutOfRange() throws Exception {
        deleteBefore(6);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer("none")) {
            consumer.seek(TP, 2);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            OffsetOutOfRangeException failure = null;
            while (failure == null) {
                assertTrue(System.nanoTime() < deadline, "no OffsetOutOfRangeException");
                try {
                    assertTrue(consumer.poll(Duration.ofMillis(100)).isEmpty(), "records below the start were returned");
                } catch (OffsetOutOfRangeException e) {
                    failure = e;
                }
            }
            assertEquals(Map.of(TP, 2L), failure.offsetOutOfRangePartitions());
        }
    }

    @Test
    void theNewStartSurvivesARestart() throws Exception {
        deleteBefore(5);
        admin.close();
        broker.close();

        broker = Tributary.builder().dataDir(dataDir).start();
        admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()));

        assertEquals(5, earliest());
        try (KafkaConsumer<byte[], byte[]> consumer = consumer("earliest")) {
            consumer.seek(TP, 0);
            assertEquals(5, poll(consumer, 1).get(0).offset());
        }
    }
}
