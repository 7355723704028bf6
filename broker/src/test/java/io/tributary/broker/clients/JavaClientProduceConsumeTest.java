package io.tributary.broker.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.broker.Tributary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official Java client (kafka-clients 4.3.1) against an embedded node: the seed's producer. */
class JavaClientProduceConsumeTest {

    @TempDir
    Path dataDir;
    private Tributary broker;

    @BeforeEach
    void start() {
        broker = Tributary.builder().dataDir(dataDir).start();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    private Properties producerProps() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    private Properties consumerProps() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    @Test
    void theSeedsOrdersAreProducedWithAcksAllAndReadBack() throws Exception {
        List<RecordMetadata> sent = new ArrayList<>();
        try (var producer = new KafkaProducer<String, String>(producerProps())) {
            for (int i = 1; i <= 3; i++) {
                var record = new ProducerRecord<>("orders", "customer-" + i, "{\"orderId\":" + i + ",\"amount\":" + (i * 10) + "}");
                sent.add(producer.send(record).get());
            }
        }
        assertEquals(List.of(0L, 1L, 2L), sent.stream().map(RecordMetadata::offset).toList());
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(consumerProps())) {
            TopicPartition partition = new TopicPartition("orders", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < 3 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
        }
        assertEquals(3, received.size());
        for (int i = 1; i <= 3; i++) {
            ConsumerRecord<String, String> r = received.get(i - 1);
            assertEquals("customer-" + i, r.key());
            assertEquals("{\"orderId\":" + i + ",\"amount\":" + (i * 10) + "}", r.value());
            assertEquals(i - 1, r.offset());
        }
        assertTrue(received.get(0).timestamp() > 0);
    }
}
