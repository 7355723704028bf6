package io.tributary.broker.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.broker.Tributary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention seen through Kafka's Java clients: segments past {@code retention.ms} or beyond
 * {@code retention.bytes} go, the earliest offset moves up, and consumers start there.
 */
class RetentionTest {

    private static final String TOPIC = "expiring";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    private static final int OLD_RECORDS = 10;

    @TempDir
    Path dataDir;

    @Test
    void expiredSegmentsAreDeletedAndConsumersStartAtTheNewEarliestOffset() throws Exception {
        try (Tributary broker = Tributary.builder().dataDir(dataDir).config("log.retention.check.interval.ms", "100").start();
             Admin admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()))) {
            // A segment per batch, and a retention the old records are well past and the new one is within.
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1).configs(Map.of(
                    "retention.ms", "600000", "internal.segment.bytes", "100")))).all().get();
            long now = System.currentTimeMillis();
            try (var producer = new KafkaProducer<byte[], byte[]>(ClientConfigs.producer(broker.bootstrapServers()))) {
                for (int i = 0; i < OLD_RECORDS; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, 0, now - Duration.ofHours(1).toMillis(), null, bytes("old" + i))).get();
                }
                producer.send(new ProducerRecord<>(TOPIC, 0, now, null, bytes("fresh"))).get();
            }

            awaitEarliestOffset(admin, OLD_RECORDS);

            assertEquals(List.of("fresh"), consumeFromEarliest(broker, 1));
        }
    }

    @Test
    void aTopicWithRetentionMsOfFiveSecondsLosesItsOldSegments() throws Exception {
        try (Tributary broker = Tributary.builder().dataDir(dataDir).config("log.retention.check.interval.ms", "100").start();
             Admin admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1).configs(Map.of(
                    "retention.ms", "5000", "internal.segment.bytes", "100")))).all().get();
            long producedAt = System.currentTimeMillis();
            try (var producer = new KafkaProducer<byte[], byte[]>(ClientConfigs.producer(broker.bootstrapServers()))) {
                for (int i = 0; i < OLD_RECORDS; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, 0, null, bytes("record" + i))).get();
                }
            }
            assertEquals(0, admin.listOffsets(Map.of(TP, OffsetSpec.earliest())).partitionResult(TP).get().offset(),
                    "nothing has expired yet");

            awaitEarliestOffset(admin, OLD_RECORDS);

            assertTrue(System.currentTimeMillis() - producedAt >= 5000, "segments went before retention.ms had passed");
            assertEquals(OLD_RECORDS, admin.listOffsets(Map.of(TP, OffsetSpec.latest())).partitionResult(TP).get().offset());
        }
    }

    @Test
    void retentionBytesBoundsThePartitionsSize() throws Exception {
        try (Tributary broker = Tributary.builder().dataDir(dataDir).config("log.retention.check.interval.ms", "100").start();
             Admin admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1).configs(Map.of(
                    "internal.segment.bytes", "1000")))).all().get();
            try (var producer = new KafkaProducer<byte[], byte[]>(ClientConfigs.producer(broker.bootstrapServers()))) {
                for (int i = 0; i < 200; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, 0, null, bytes("value-" + i + "-".repeat(40)))).get();
                }
            }
            long before = partitionSize(admin);
            assertTrue(before > 5000, "the partition holds " + before + " bytes");

            // Set at run time, with the same call kafka-configs makes.
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, TOPIC), List.of(
                    new AlterConfigOp(new ConfigEntry("retention.bytes", "3000"), AlterConfigOp.OpType.SET)))).all().get();

            // As in Kafka, the oldest segment goes only while the log exceeds retention.bytes by at least
            // its size, so the partition ends below retention.bytes plus one segment (1000 bytes).
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long size;
            while ((size = partitionSize(admin)) >= 3000 + 1000) {
                assertTrue(System.nanoTime() < deadline, "the partition still holds " + size + " bytes");
            }
            assertTrue(size >= 3000, "more was deleted than retention.bytes asks: " + size + " bytes left");
            long earliest = admin.listOffsets(Map.of(TP, OffsetSpec.earliest())).partitionResult(TP).get().offset();
            assertTrue(earliest > 0 && earliest < 200, "earliest offset " + earliest);
        }
    }

    /** The partition's bytes on disk as DescribeLogDirs reports them. */
    private static long partitionSize(Admin admin) throws Exception {
        int nodeId = admin.describeCluster().nodes().get().iterator().next().id();
        return admin.describeLogDirs(List.of(nodeId)).allDescriptions().get().get(nodeId).values().stream()
                .map(dir -> dir.replicaInfos().get(TP))
                .filter(Objects::nonNull)
                .mapToLong(ReplicaInfo::size)
                .sum();
    }

    private static void awaitEarliestOffset(Admin admin, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long earliest;
        do {
            assertTrue(System.nanoTime() < deadline, "the earliest offset did not reach " + expected);
            earliest = admin.listOffsets(Map.of(TP, OffsetSpec.earliest())).partitionResult(TP).get().offset();
        } while (earliest < expected);
        assertEquals(expected, earliest);
    }

    private static List<String> consumeFromEarliest(Tributary broker, int count) {
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<byte[], byte[]>(ClientConfigs.consumer(broker.bootstrapServers()))) {
            consumer.assign(List.of(TP));
            assertEquals(OLD_RECORDS, consumer.position(TP), "auto.offset.reset=earliest starts at the log start offset");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(new String(record.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
