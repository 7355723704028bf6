package io.tributary.broker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.metadata.PartitionsPublisher;
import io.tributary.broker.partition.IsrState;
import io.tributary.broker.partition.Partitions;
import io.tributary.common.Time;
import io.tributary.metadata.image.ConfigResource;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.MetadataProvenance;
import io.tributary.metadata.record.ConfigRecord;
import io.tributary.metadata.record.PartitionChangeRecord;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.TopicRecord;
import io.tributary.protocol.ApiMessage;
import io.tributary.protocol.Uuid;
import io.tributary.records.RecordBatchBuilder;
import io.tributary.storage.LogConfig;
import io.tributary.storage.LogManager;
import io.tributary.storage.TopicPartition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData.BatchIndexAndErrorMessage;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Produce's answers to what a topic refuses, as Kafka's client parses them: NOT_ENOUGH_REPLICAS for
 * {@code acks=all} below the effective min ISR, and INVALID_RECORD / INVALID_TIMESTAMP with one
 * {@code record_errors} entry per refused record.
 */
class ProduceHandlerTest {

    private static final short VERSION = 12;
    private static final short ACKS_ALL = -1;
    private static final short ACKS_LEADER = 1;

    @TempDir
    Path dir;
    private LogManager logManager;
    private Partitions partitions;
    private ProduceHandler handler;

    @BeforeEach
    void hostPartitions() throws Exception {
        logManager = new LogManager(List.of(dir), LogConfig.defaults(), Time.SYSTEM, 1, 60_000, 60_000);
        logManager.startup();
        partitions = new Partitions(logManager);
        // A follower (2) that has dropped out of the ISR.
        host("lagging", LogConfig.defaults(), new IsrState(List.of(1, 2), List.of(1), 2));
        // Replication factor 1 with min.insync.replicas=2: Kafka 4's effective minimum is 1.
        host("single", LogConfig.defaults(), new IsrState(List.of(1), List.of(1), 2));
        host("compacted", LogConfig.builder().compactEnabled(true).deleteEnabled(false).build(), new IsrState(List.of(1), List.of(1), 1));
        host("recent", LogConfig.builder().timestampBeforeMaxMs(60_000).build(), new IsrState(List.of(1), List.of(1), 1));
        handler = new ProduceHandler(partitions, false);
    }

    @AfterEach
    void close() throws Exception {
        logManager.close();
    }

    @Test
    void acksAllBelowTheEffectiveMinIsrGetsNotEnoughReplicasAndWritesNothing() {
        PartitionProduceResponse response = produce("lagging", ACKS_ALL, keyed("k", "v"));
        assertEquals(Errors.NOT_ENOUGH_REPLICAS.code(), response.errorCode());
        assertNull(response.errorMessage(), "Kafka sends no message with NOT_ENOUGH_REPLICAS");
        assertEquals(-1, response.baseOffset());
        assertEquals(0, partitions.get("lagging", 0).logEndOffset());
    }

    @Test
    void acksOneIsAcceptedBelowTheMinIsr() {
        PartitionProduceResponse response = produce("lagging", ACKS_LEADER, keyed("k", "v"));
        assertEquals(Errors.NONE.code(), response.errorCode());
        assertEquals(1, partitions.get("lagging", 0).logEndOffset());
    }

    @Test
    void acksAllIsAcceptedOnceTheFollowerRejoinsTheIsr() {
        partitions.get("lagging", 0).updateIsrState(new IsrState(List.of(1, 2), List.of(1, 2), 2));
        assertEquals(Errors.NONE.code(), produce("lagging", ACKS_ALL, keyed("k", "v")).errorCode());
    }

    @Test
    void minInsyncReplicasAboveTheReplicationFactorNeedsOnlyEveryReplica() {
        assertEquals(Errors.NONE.code(), produce("single", ACKS_ALL, keyed("k", "v")).errorCode());
    }

    @Test
    void keylessRecordsInACompactedTopicAreListedInRecordErrors() {
        RecordBatchBuilder batch = new RecordBatchBuilder()
                .append(System.currentTimeMillis(), bytes("a"), bytes("1"))
                .append(System.currentTimeMillis(), null, bytes("2"));

        PartitionProduceResponse response = produce("compacted", ACKS_ALL, batch);

        String message = "Compacted topic cannot accept message without key in topic partition compacted-0";
        assertEquals(Errors.INVALID_RECORD.code(), response.errorCode());
        assertEquals("One or more records have been rejected due to 1 record errors in total, and only showing the first"
                + " three errors at most: [RecordError(batchIndex=1, message='" + message + "')]", response.errorMessage());
        assertEquals(List.of(new BatchIndexAndErrorMessage().setBatchIndex(1).setBatchIndexErrorMessage(message)),
                response.recordErrors());
        assertEquals(0, partitions.get("compacted", 0).logEndOffset());
    }

    @Test
    void anOldTimestampGetsInvalidTimestampWithTheRecordsError() {
        long old = System.currentTimeMillis() - 120_000;
        PartitionProduceResponse response = produce("recent", ACKS_ALL, new RecordBatchBuilder().append(old, bytes("k"), bytes("v")));
        assertEquals(Errors.INVALID_TIMESTAMP.code(), response.errorCode());
        assertEquals("One or more records have been rejected due to invalid timestamp", response.errorMessage());
        assertEquals(1, response.recordErrors().size());
        assertEquals(0, response.recordErrors().get(0).batchIndex());
        String recordMessage = response.recordErrors().get(0).batchIndexErrorMessage();
        assertEquals("Timestamp " + old + " of message with offset 0 is out of range. The timestamp should be within [",
                recordMessage.substring(0, recordMessage.indexOf('[') + 1));
    }

    /**
     * The replicas, ISR and {@code min.insync.replicas} come from the metadata image through the
     * broker's publisher, and changes to either reach the live partition.
     */
    @Test
    void theIsrAndMinInsyncReplicasFollowTheMetadataImage() {
        PartitionsPublisher publisher = new PartitionsPublisher(partitions, BrokerConfig.defaults());
        Uuid id = Uuid.randomUuid();
        MetadataImage image = publish(publisher, MetadataImage.EMPTY,
                new TopicRecord().setName("imaged").setTopicId(id),
                new PartitionRecord().setTopicId(id).setPartitionId(0).setReplicas(new ArrayList<>(List.of(1, 2)))
                        .setIsr(new ArrayList<>(List.of(1))).setLeader(1).setLeaderEpoch(0).setPartitionEpoch(0),
                topicConfig("imaged", "min.insync.replicas", "2"));
        assertEquals(Errors.NOT_ENOUGH_REPLICAS.code(), produce("imaged", ACKS_ALL, keyed("k", "v")).errorCode());

        image = publish(publisher, image, topicConfig("imaged", "min.insync.replicas", "1"));
        assertEquals(Errors.NONE.code(), produce("imaged", ACKS_ALL, keyed("k", "v")).errorCode());

        image = publish(publisher, image, topicConfig("imaged", "min.insync.replicas", "2"));
        assertEquals(Errors.NOT_ENOUGH_REPLICAS.code(), produce("imaged", ACKS_ALL, keyed("k", "v")).errorCode());

        publish(publisher, image, new PartitionChangeRecord().setTopicId(id).setPartitionId(0)
                .setIsr(new ArrayList<>(List.of(1, 2))));
        assertEquals(Errors.NONE.code(), produce("imaged", ACKS_ALL, keyed("k", "v")).errorCode());
        assertEquals(2, partitions.get("imaged", 0).logEndOffset());
    }

    private static MetadataImage publish(PartitionsPublisher publisher, MetadataImage image, ApiMessage... records) {
        MetadataDelta delta = new MetadataDelta(image);
        for (ApiMessage record : records) {
            delta.replay(record);
        }
        MetadataImage next = delta.apply(new MetadataProvenance(image.provenance().lastContainedOffset() + records.length, 0, 1_000L));
        publisher.onMetadataUpdate(delta, next);
        return next;
    }

    private static ConfigRecord topicConfig(String topic, String key, String value) {
        return new ConfigRecord().setResourceType(ConfigResource.Type.TOPIC.id()).setResourceName(topic).setName(key).setValue(value);
    }

    private void host(String topic, LogConfig config, IsrState isrState) {
        partitions.host(new TopicPartition(topic, 0), Uuid.randomUuid(), config, 0, isrState);
    }

    private PartitionProduceResponse produce(String topic, short acks, RecordBatchBuilder batch) {
        io.tributary.records.MemoryRecords ours = batch.build();
        ProduceRequestData data = new ProduceRequestData().setAcks(acks).setTimeoutMs(5_000);
        data.topicData().add(new ProduceRequestData.TopicProduceData().setName(topic).setPartitionData(List.of(
                new ProduceRequestData.PartitionProduceData().setIndex(0).setRecords(
                        org.apache.kafka.common.record.internal.MemoryRecords.readableRecords(ours.buffer())))));
        ProduceRequest request = new ProduceRequest.Builder(VERSION, VERSION, data).build(VERSION);
        ProduceResponse response = KafkaWire.roundTrip(handler, request);
        return response.data().responses().iterator().next().partitionResponses().get(0);
    }

    private static RecordBatchBuilder keyed(String key, String value) {
        return new RecordBatchBuilder().append(System.currentTimeMillis(), bytes(key), bytes(value));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
