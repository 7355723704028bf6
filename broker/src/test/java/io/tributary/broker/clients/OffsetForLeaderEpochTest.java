package io.tributary.broker.clients;

import static io.tributary.broker.clients.RecordsTestSupport.createTopic;
import static io.tributary.broker.clients.RecordsTestSupport.poll;
import static io.tributary.broker.clients.RecordsTestSupport.produce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.broker.Tributary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.LogTruncationException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderPartition;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderTopic;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderTopicCollection;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData.EpochEndOffset;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.OffsetsForLeaderEpochRequest;
import org.apache.kafka.common.requests.OffsetsForLeaderEpochResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OffsetForLeaderEpoch at the wire level (requests and responses are Kafka's own classes) at every
 * version the 4.3.1 client knows, and the Java consumer's position validation that relies on it.
 */
class OffsetForLeaderEpochTest {

    private static final String TOPIC = "epochs";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    private static final int RECORDS = 3;

    @TempDir
    Path dataDir;
    private Tributary broker;
    private Admin admin;
    private int leaderEpoch;

    @BeforeEach
    void start() throws Exception {
        broker = Tributary.builder().dataDir(dataDir).start();
        admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()));
        createTopic(admin, TOPIC, 1, Map.of());
        produce(broker, TP, RECORDS);
        leaderEpoch = admin.listOffsets(Map.of(TP, OffsetSpec.latest())).partitionResult(TP).get().leaderEpoch().orElseThrow();
    }

    @AfterEach
    void stop() {
        admin.close();
        broker.close();
    }

    private EpochEndOffset ask(String topic, int currentLeaderEpoch, int requestedEpoch, short version) throws Exception {
        OffsetForLeaderTopicCollection topics = new OffsetForLeaderTopicCollection();
        topics.add(new OffsetForLeaderTopic().setTopic(topic).setPartitions(List.of(new OffsetForLeaderPartition()
                .setPartition(0).setCurrentLeaderEpoch(currentLeaderEpoch).setLeaderEpoch(requestedEpoch))));
        try (RawKafkaConnection connection = RawKafkaConnection.open(broker.bootstrapServers(), Duration.ofSeconds(30))) {
            // Kafka's builders start at v3; v2 has no replica_id and goes out with the field's default.
            OffsetForLeaderEpochRequestData data = new OffsetForLeaderEpochRequestData().setTopics(topics);
            if (version >= 3) {
                data.setReplicaId(OffsetsForLeaderEpochRequest.CONSUMER_REPLICA_ID);
            }
            OffsetsForLeaderEpochResponse response = connection.roundTrip(new OffsetsForLeaderEpochRequest(data, version));
            return response.data().topics().iterator().next().partitions().get(0);
        }
    }

    private static short[] versions() {
        ApiKeys key = ApiKeys.OFFSET_FOR_LEADER_EPOCH;
        short[] versions = new short[key.latestVersion() - key.oldestVersion() + 1];
        for (int i = 0; i < versions.length; i++) {
            versions[i] = (short) (key.oldestVersion() + i);
        }
        return versions;
    }

    @Test
    void theCurrentEpochEndsAtTheLogEndOffsetAtEveryVersion() throws Exception {
        for (short version : versions()) {
            EpochEndOffset found = ask(TOPIC, leaderEpoch, leaderEpoch, version);
            assertEquals(Errors.NONE.code(), found.errorCode(), "v" + version);
            assertEquals(RECORDS, found.endOffset(), "v" + version);
            assertEquals(leaderEpoch, found.leaderEpoch(), "v" + version);
        }
    }

    @Test
    void anEpochNewerThanAnyKnownIsUndefined() throws Exception {
        EpochEndOffset found = ask(TOPIC, -1, leaderEpoch + 1, ApiKeys.OFFSET_FOR_LEADER_EPOCH.latestVersion());
        assertEquals(Errors.NONE.code(), found.errorCode());
        assertEquals(OffsetsForLeaderEpochResponse.UNDEFINED_EPOCH, found.leaderEpoch());
        assertEquals(OffsetsForLeaderEpochResponse.UNDEFINED_EPOCH_OFFSET, found.endOffset());
    }

    @Test
    void aCurrentLeaderEpochAheadOfTheBrokersIsUnknownLeaderEpoch() throws Exception {
        EpochEndOffset found = ask(TOPIC, leaderEpoch + 1, leaderEpoch, ApiKeys.OFFSET_FOR_LEADER_EPOCH.latestVersion());
        assertEquals(Errors.UNKNOWN_LEADER_EPOCH.code(), found.errorCode());
        assertEquals(-1, found.endOffset());
    }

    @Test
    void anUnknownPartitionIsUnknownTopicOrPartition() throws Exception {
        EpochEndOffset found = ask("no-such-topic", -1, 0, ApiKeys.OFFSET_FOR_LEADER_EPOCH.latestVersion());
        assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION.code(), found.errorCode());
    }

    private KafkaConsumer<byte[], byte[]> consumerWithoutResetPolicy() {
        Map<String, Object> config = ClientConfigs.consumer(broker.bootstrapServers());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config);
        consumer.assign(List.of(TP));
        return consumer;
    }

    @Test
    void theConsumerValidatesAPositionWithItsEpochAndReadsOn() throws Exception {
        try (KafkaConsumer<byte[], byte[]> consumer = consumerWithoutResetPolicy()) {
            consumer.seek(TP, new OffsetAndMetadata(1, Optional.of(leaderEpoch), ""));
            List<ConsumerRecord<byte[], byte[]>> records = poll(consumer, RECORDS - 1);
            assertEquals(List.of(1L, 2L), records.stream().map(ConsumerRecord::offset).toList());
        }
    }

    @Test
    void theConsumerDetectsAPositionPastTheEndOfItsEpochAsTruncation() throws Exception {
        try (KafkaConsumer<byte[], byte[]> consumer = consumerWithoutResetPolicy()) {
            consumer.seek(TP, new OffsetAndMetadata(RECORDS + 5, Optional.of(leaderEpoch), ""));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            LogTruncationException truncation = null;
            while (truncation == null) {
                assertTrue(System.nanoTime() < deadline, "no LogTruncationException");
                try {
                    consumer.poll(Duration.ofMillis(100));
                } catch (LogTruncationException e) {
                    truncation = e;
                }
            }
            assertEquals(Map.of(TP, new OffsetAndMetadata(RECORDS, Optional.of(leaderEpoch), "")), truncation.divergentOffsets());
        }
    }
}
