package io.tributary.broker.clients.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The outside of the word-count application: writes lines to its input topic, reads its output
 * topic, and looks at the topics it created through the Admin client. Used by one test thread.
 */
final class WordCountFixture {

    private final String bootstrapServers;
    private final Admin admin;
    private final Duration timeout;

    WordCountFixture(String bootstrapServers, Admin admin, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.admin = admin;
        this.timeout = timeout;
    }

    /** Writes each line, unkeyed, and returns once all are acknowledged by the broker. */
    void produceLines(String... lines) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (var producer = new KafkaProducer<String, String>(config)) {
            for (String line : lines) {
                producer.send(new ProducerRecord<>(WordCountApp.INPUT_TOPIC, line)).get();
            }
        }
    }

    /**
     * Reads the output topic from its beginning until the latest count of every word is the
     * expected one, and no other word has a count; fails with the counts last seen at the deadline.
     */
    void awaitCounts(Map<String, Long> expected) {
        Map<String, Long> latest = new HashMap<>();
        try (var consumer = new KafkaConsumer<String, Long>(consumerConfig())) {
            List<TopicPartition> partitions = consumer.partitionsFor(WordCountApp.OUTPUT_TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!latest.equals(expected)) {
                if (System.nanoTime() > deadline) {
                    assertEquals(expected, latest, "word counts on " + WordCountApp.OUTPUT_TOPIC + " within " + timeout);
                }
                for (ConsumerRecord<String, Long> record : consumer.poll(Duration.ofMillis(100))) {
                    latest.put(record.key(), record.value());
                }
            }
        }
    }

    /** The value of one config of a topic, as DescribeConfigs reports it. */
    void assertTopicConfig(String topic, String name, String expected) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(Set.of(resource)).all().get().get(resource);
        assertEquals(expected, config.get(name) == null ? null : config.get(name).value(), topic + " " + name);
    }

    int partitionCount(String topic) throws Exception {
        return admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions().size();
    }

    /** The names of all topics, internal ones included. */
    Set<String> topicNames() throws Exception {
        return admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
                .names().get().stream().collect(Collectors.toSet());
    }

    private Map<String, Object> consumerConfig() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, LongDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    }
}
