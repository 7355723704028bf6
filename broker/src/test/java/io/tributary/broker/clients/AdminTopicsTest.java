package io.tributary.broker.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tributary.broker.Tributary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topic operations of Kafka's Java {@link Admin} client, the ones {@code kafka-topics.sh} is
 * built on: create, list, describe, add partitions, delete.
 */
class AdminTopicsTest {

    private static final int NODE_ID = 1;

    @TempDir
    Path dataDir;
    private Tributary broker;
    private Admin admin;

    @BeforeEach
    void start() {
        broker = Tributary.builder().dataDir(dataDir).start();
        admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()));
    }

    @AfterEach
    void stop() {
        admin.close();
        broker.close();
    }

    @Test
    void aNewNodeListsNoTopicNotEvenInternalOnes() throws Exception {
        Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(30, TimeUnit.SECONDS);

        assertEquals(Set.of(), names);
    }

    @Test
    void createdTopicsAreListed() throws Exception {
        create("orders", 3);
        create("payments", 1);

        assertEquals(Set.of("orders", "payments"), admin.listTopics().names().get(30, TimeUnit.SECONDS));
    }

    @Test
    void describeShowsEveryPartitionLedByThisNode() throws Exception {
        create("orders", 3);

        TopicDescription orders = describe("orders");

        assertEquals("orders", orders.name());
        assertNotEquals(Uuid.ZERO_UUID, orders.topicId());
        assertEquals(List.of(0, 1, 2), orders.partitions().stream().map(TopicPartitionInfo::partition).toList());
        for (TopicPartitionInfo p : orders.partitions()) {
            assertEquals(NODE_ID, p.leader().id(), "leader of partition " + p.partition());
            assertEquals(List.of(NODE_ID), p.replicas().stream().map(n -> n.id()).toList(), "replicas of partition " + p.partition());
            assertEquals(List.of(NODE_ID), p.isr().stream().map(n -> n.id()).toList(), "ISR of partition " + p.partition());
        }
    }

    @Test
    void creatingAnExistingTopicFailsWithTopicExists() throws Exception {
        create("orders", 3);

        var e = assertThrows(ExecutionException.class, () -> create("orders", 3));

        assertInstanceOf(TopicExistsException.class, e.getCause());
    }

    @Test
    void addedPartitionsAreDescribedAndAcceptRecords() throws Exception {
        create("orders", 3);

        admin.createPartitions(Map.of("orders", NewPartitions.increaseTo(5))).all().get(30, TimeUnit.SECONDS);

        assertEquals(5, describe("orders").partitions().size());
        RecordMetadata written;
        try (var producer = new KafkaProducer<byte[], byte[]>(ClientConfigs.producer(broker.bootstrapServers()))) {
            written = producer.send(new ProducerRecord<>("orders", 4, null, "in-new-partition".getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
        }
        assertEquals(4, written.partition());
        List<ConsumerRecord<byte[], byte[]>> read = LogReader.readAll(broker.bootstrapServers(),
                List.of(new TopicPartition("orders", 4)), Duration.ofSeconds(30));
        assertEquals(List.of("in-new-partition"), read.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList());
    }

    @Test
    void thePartitionCountCannotShrink() throws Exception {
        create("orders", 3);

        var e = assertThrows(ExecutionException.class,
                () -> admin.createPartitions(Map.of("orders", NewPartitions.increaseTo(2))).all().get(30, TimeUnit.SECONDS));

        assertInstanceOf(InvalidPartitionsException.class, e.getCause());
        assertEquals(3, describe("orders").partitions().size());
    }

    @Test
    void aDeletedTopicIsNoLongerListedNorDescribed() throws Exception {
        create("orders", 3);
        create("payments", 1);

        admin.deleteTopics(List.of("orders")).all().get(30, TimeUnit.SECONDS);

        assertEquals(Set.of("payments"), admin.listTopics().names().get(30, TimeUnit.SECONDS));
        var e = assertThrows(ExecutionException.class, () -> describe("orders"));
        assertInstanceOf(UnknownTopicOrPartitionException.class, e.getCause());
    }

    private void create(String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }

    private TopicDescription describe(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
    }
}
