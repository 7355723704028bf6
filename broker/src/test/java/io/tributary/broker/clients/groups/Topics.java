package io.tributary.broker.clients.groups;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Topics and records for group tests. Record values name their place, {@code "<partition>:<n>"}
 * for the n-th record a test wrote to that partition, so a failure shows which record was missed
 * or read twice.
 */
final class Topics {

    private Topics() {
    }

    static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    static void create(Admin admin, String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }

    static List<TopicPartition> partitions(String topic, int count) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        return partitions;
    }

    /** Writes {@code perPartition} records to each of the topic's first {@code partitions} partitions, acks=all. */
    static void produce(String bootstrapServers, String topic, int partitions, int perPartition) throws Exception {
        produce(bootstrapServers, topic, partitions, perPartition, null);
    }

    /** As {@link #produce(String, String, int, int)}, every record with the given timestamp. */
    static void produce(String bootstrapServers, String topic, int partitions, int perPartition, Long timestampMs)
            throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(bootstrapServers))) {
            List<Future<?>> sends = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                for (int n = 0; n < perPartition; n++) {
                    sends.add(producer.send(new ProducerRecord<>(topic, p, timestampMs, null, p + ":" + n)));
                }
            }
            for (Future<?> send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
        }
    }

    static Map<String, Object> producerConfig(String bootstrapServers) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.ACKS_CONFIG, "all");
    }
}
