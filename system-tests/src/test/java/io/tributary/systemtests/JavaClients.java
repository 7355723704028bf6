package io.tributary.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The official Java client (kafka-clients, test scope) for setting up topics and reading them back. */
final class JavaClients {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private JavaClients() {
    }

    static void createTopic(String bootstrapServers, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(adminProps(bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The seed's setup: "a broker on localhost:9092 with a topic called orders" (one partition). */
    static void createOrdersTopic(String bootstrapServers) throws Exception {
        createTopic(bootstrapServers, "orders", 1);
    }

    static int clusterNodeId(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(adminProps(bootstrapServers))) {
            var nodes = admin.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (nodes.size() != 1) {
                throw new AssertionError("expected one node, DescribeCluster returned " + nodes);
            }
            return nodes.iterator().next().id();
        }
    }

    /**
     * {@code count} records of one partition from {@code offset} on, read without a consumer group
     * (assign and seek), as {@code key:value} lines; fails when fewer arrive within {@link #TIMEOUT}.
     */
    static List<String> readKeyedLines(String bootstrapServers, String topic, int partition, long offset, int count) {
        List<String> lines = new ArrayList<>();
        for (ConsumerRecord<String, String> record : read(bootstrapServers, topic, partition, offset, count)) {
            lines.add(record.key() + ":" + record.value());
        }
        return lines;
    }

    static List<ConsumerRecord<String, String>> read(String bootstrapServers, String topic, int partition, long offset, int count) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(props)) {
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            long deadlineNs = System.nanoTime() + TIMEOUT.toNanos();
            while (records.size() < count && System.nanoTime() < deadlineNs) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        if (records.size() < count) {
            throw new AssertionError("read " + records.size() + " of " + count + " records of " + topic + "-"
                    + partition + " from offset " + offset + " within " + TIMEOUT + ": " + records);
        }
        return records.subList(0, count);
    }

    private static Properties adminProps(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }
}
