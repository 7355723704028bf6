package io.tributary.broker.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.broker.Tributary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Topics are metadata records in a persisted log: a restarted node keeps their ids, configs and data. */
class RestartTest {

    @TempDir
    Path dataDir;

    @Test
    void aRestartedNodeKeepsTopicIdsConfigsAndData() throws Exception {
        Uuid idBefore;
        try (Tributary broker = Tributary.builder().dataDir(dataDir).start(); Admin admin = admin(broker)) {
            admin.createTopics(List.of(new NewTopic("events", 2, (short) 1).configs(Map.of("retention.ms", "123456")))).all().get();
            idBefore = admin.describeTopics(List.of("events")).allTopicNames().get().get("events").topicId();
            try (var producer = new KafkaProducer<String, String>(producerProps(broker))) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("events", i % 2, "k" + i, "v" + i)).get();
                }
            }
        }
        long started = System.nanoTime();
        try (Tributary broker = Tributary.builder().dataDir(dataDir).start(); Admin admin = admin(broker)) {
            System.out.printf("restart to ready: %d ms%n", Duration.ofNanos(System.nanoTime() - started).toMillis());
            TopicDescription description = admin.describeTopics(List.of("events")).allTopicNames().get().get("events");
            assertEquals(idBefore, description.topicId());
            assertEquals(2, description.partitions().size());
            var configs = admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "events"))).all().get();
            assertEquals("123456", configs.values().iterator().next().get("retention.ms").value());
            assertEquals(10, readAll(broker, List.of(new TopicPartition("events", 0), new TopicPartition("events", 1))).size());
            try (var producer = new KafkaProducer<String, String>(producerProps(broker))) {
                assertEquals(5, producer.send(new ProducerRecord<>("events", 0, "k", "after")).get().offset());
            }
        }
    }

    private static Admin admin(Tributary broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static Properties producerProps(Tributary broker) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return props;
    }

    private static List<String> readAll(Tributary broker, List<TopicPartition> partitions) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(props)) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < 10 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }
}
