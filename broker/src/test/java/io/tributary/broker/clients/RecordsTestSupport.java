package io.tributary.broker.clients;

import io.tributary.broker.Tributary;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/** Set-up shared by the record deletion and offset lookup tests: topics, timestamped records, reads. */
final class RecordsTestSupport {

    /** A segment per produced record: a tiny {@code segment.bytes} (the broker's internal minimum override). */
    static final Map<String, String> SEGMENT_PER_RECORD = Map.of("internal.segment.bytes", "100");

    private RecordsTestSupport() {
    }

    static void createTopic(Admin admin, String topic, int partitions, Map<String, String> configs) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs))).all().get();
    }

    /** Sends one record per timestamp to {@code tp}, value "v" + its index, one request each (so one batch each). */
    static void produce(Tributary broker, TopicPartition tp, long... timestamps) throws Exception {
        try (var producer = new KafkaProducer<byte[], byte[]>(ClientConfigs.producer(broker.bootstrapServers()))) {
            for (int i = 0; i < timestamps.length; i++) {
                producer.send(new ProducerRecord<>(tp.topic(), tp.partition(), timestamps[i], null, bytes("v" + i))).get();
            }
        }
    }

    /** Sends {@code count} records with the current time. */
    static void produce(Tributary broker, TopicPartition tp, int count) throws Exception {
        long[] timestamps = new long[count];
        Arrays.fill(timestamps, System.currentTimeMillis());
        produce(broker, tp, timestamps);
    }

    /** Polls {@code consumer} until it has returned {@code count} records or 30 s pass. */
    static List<ConsumerRecord<byte[], byte[]>> poll(KafkaConsumer<byte[], byte[]> consumer, int count) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (records.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        }
        return records;
    }

    static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
