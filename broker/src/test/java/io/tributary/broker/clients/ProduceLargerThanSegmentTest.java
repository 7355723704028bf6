package io.tributary.broker.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tributary.broker.Tributary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A produce whose records for a partition would not fit in one segment is refused with
 * RECORD_LIST_TOO_LARGE, as Kafka refuses it (a batch never spans segments), and nothing is
 * written; records that fit are appended as usual.
 */
class ProduceLargerThanSegmentTest {

    private static final String TOPIC = "small-segments";
    private static final int SEGMENT_BYTES = 1024;

    @TempDir
    Path dataDir;

    @Test
    void aBatchLargerThanTheSegmentIsRefusedWithRecordListTooLarge() throws Exception {
        try (Tributary broker = Tributary.builder().dataDir(dataDir).start();
             Admin admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1).configs(Map.of(
                    "internal.segment.bytes", Integer.toString(SEGMENT_BYTES))))).all().get();
            Map<String, Object> config = ClientConfigs.producer(broker.bootstrapServers());
            config.put(ProducerConfig.LINGER_MS_CONFIG, 60_000);
            try (var producer = new KafkaProducer<byte[], byte[]>(config)) {
                // Twenty records of 100 bytes, sent together in one batch of about 2 KiB.
                List<Future<RecordMetadata>> sends = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    sends.add(producer.send(new ProducerRecord<>(TOPIC, 0, null, new byte[100])));
                }
                producer.flush();
                for (Future<RecordMetadata> send : sends) {
                    ExecutionException failure = assertThrows(ExecutionException.class, send::get);
                    assertInstanceOf(RecordBatchTooLargeException.class, failure.getCause());
                }
                assertEquals(0, endOffset(admin), "nothing of the refused batch is written");

                producer.send(new ProducerRecord<>(TOPIC, 0, null, new byte[100]));
                producer.flush();
                assertEquals(1, endOffset(admin), "a batch that fits in a segment is appended");
            }
        }
    }

    private static long endOffset(Admin admin) throws Exception {
        TopicPartition tp = new TopicPartition(TOPIC, 0);
        return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset();
    }
}
