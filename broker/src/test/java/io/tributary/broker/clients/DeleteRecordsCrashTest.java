package io.tributary.broker.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DeleteRecords that was answered survives SIGKILL of the broker right after it: the new log
 * start offset was made durable before the response, even though it lies inside a segment that
 * still holds the deleted records and no clean shutdown wrote the checkpoints.
 */
class DeleteRecordsCrashTest {

    private static final String TOPIC = "crash-deleted";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path workDir;
    private ForkedBroker broker;

    @AfterEach
    void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void theNewStartSurvivesAKillRightAfterTheResponse() throws Exception {
        broker = new ForkedBroker(workDir);
        broker.start(READY_TIMEOUT);
        try (Admin admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try (var producer = new KafkaProducer<byte[], byte[]>(ClientConfigs.producer(broker.bootstrapServers()))) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, 0, null, ("v" + i).getBytes(StandardCharsets.UTF_8))).get();
                }
            }
            long low = admin.deleteRecords(Map.of(TP, RecordsToDelete.beforeOffset(6))).lowWatermarks().get(TP).get().lowWatermark();
            assertEquals(6, low);
        }

        broker.kill();
        broker.start(READY_TIMEOUT);

        try (Admin admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()))) {
            assertEquals(6, admin.listOffsets(Map.of(TP, OffsetSpec.earliest())).partitionResult(TP).get().offset(), broker.log());
            assertEquals(6, admin.listOffsets(Map.of(TP, OffsetSpec.forTimestamp(0))).partitionResult(TP).get().offset());
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientConfigs.consumer(broker.bootstrapServers()))) {
            consumer.assign(List.of(TP));
            consumer.seek(TP, 0);
            assertEquals(List.of(6L, 7L, 8L, 9L), RecordsTestSupport.poll(consumer, 4).stream().map(r -> r.offset()).toList());
        }
    }
}
