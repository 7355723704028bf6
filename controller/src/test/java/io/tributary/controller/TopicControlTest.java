package io.tributary.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.controller.Controller.Result;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.MetadataProvenance;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.protocol.ApiMessage;
import io.tributary.protocol.Errors;
import io.tributary.protocol.Uuid;
import io.tributary.protocol.message.CreatePartitionsRequestData;
import io.tributary.protocol.message.CreatePartitionsRequestData.CreatePartitionsAssignment;
import io.tributary.protocol.message.CreatePartitionsRequestData.CreatePartitionsTopic;
import io.tributary.protocol.message.CreatePartitionsResponseData;
import io.tributary.protocol.message.CreateTopicsRequestData;
import io.tributary.protocol.message.CreateTopicsRequestData.CreatableTopic;
import io.tributary.protocol.message.CreateTopicsRequestData.CreatableTopicConfig;
import io.tributary.protocol.message.CreateTopicsResponseData.CreatableTopicResult;
import io.tributary.protocol.message.DeleteTopicsRequestData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Topic operations against an image with one registered broker: Kafka's validation and error codes. */
class TopicControlTest {

    private final TopicControl control = new TopicControl(new ControllerConfig(1, 3, (short) 1, true,
            (configs, image) -> configs.containsKey("bogus") ? "Unknown topic config name: bogus" : null));

    private static MetadataImage apply(MetadataImage image, List<ApiMessage> records) {
        MetadataDelta delta = new MetadataDelta(image);
        records.forEach(delta::replay);
        return delta.apply(MetadataProvenance.EMPTY);
    }

    private static MetadataImage oneBroker() {
        return apply(MetadataImage.EMPTY, List.of(new RegisterBrokerRecord().setBrokerId(1).setIncarnationId(Uuid.randomUuid())));
    }

    private CreatableTopicResult create(MetadataImage image, CreatableTopic topic) {
        CreateTopicsRequestData request = new CreateTopicsRequestData();
        request.topics().add(topic);
        return control.createTopics(image, request).response().topics().get(0);
    }

    private static CreatableTopic topic(String name, int partitions, int replicationFactor) {
        return new CreatableTopic().setName(name).setNumPartitions(partitions).setReplicationFactor((short) replicationFactor);
    }

    @Test
    void aTopicWithDefaultsGetsTheConfiguredPartitionCountAndAnId() {
        CreateTopicsRequestData request = new CreateTopicsRequestData();
        request.topics().add(topic("orders", -1, -1));
        Result<?> result = control.createTopics(oneBroker(), request);
        CreatableTopicResult created = ((io.tributary.protocol.message.CreateTopicsResponseData) result.response()).topics().get(0);
        assertEquals(Errors.NONE.code(), created.errorCode());
        assertEquals(3, created.numPartitions());
        assertTrue(!created.topicId().equals(Uuid.ZERO_UUID));
        assertEquals(1 + 3, result.records().size(), "a TopicRecord and one PartitionRecord per partition");
    }

    @Test
    void validationFailuresCarryKafkasErrorCodes() {
        MetadataImage image = oneBroker();
        assertEquals(Errors.INVALID_TOPIC_EXCEPTION.code(), create(image, topic("bad/name", 1, 1)).errorCode());
        assertEquals(Errors.INVALID_PARTITIONS.code(), create(image, topic("t", 0, 1)).errorCode());
        assertEquals(Errors.INVALID_REPLICATION_FACTOR.code(), create(image, topic("t", 1, 0)).errorCode());
        assertEquals(Errors.INVALID_REPLICATION_FACTOR.code(), create(image, topic("t", 1, 3)).errorCode());
        CreatableTopic withConfig = topic("t", 1, 1);
        withConfig.configs().add(new CreatableTopicConfig().setName("bogus").setValue("1"));
        assertEquals(Errors.INVALID_CONFIG.code(), create(image, withConfig).errorCode());
    }

    @Test
    void anExistingOrCollidingNameIsRefused() {
        CreateTopicsRequestData request = new CreateTopicsRequestData();
        request.topics().add(topic("a.b", 1, 1));
        MetadataImage image = apply(oneBroker(), control.createTopics(oneBroker(), request).records());
        assertEquals(Errors.TOPIC_ALREADY_EXISTS.code(), create(image, topic("a.b", 1, 1)).errorCode());
        assertEquals(Errors.INVALID_TOPIC_EXCEPTION.code(), create(image, topic("a_b", 1, 1)).errorCode());
    }

    @Test
    void validateOnlyCommitsNothing() {
        CreateTopicsRequestData request = new CreateTopicsRequestData().setValidateOnly(true);
        request.topics().add(topic("orders", 2, 1));
        Result<?> result = control.createTopics(oneBroker(), request);
        assertTrue(result.records().isEmpty());
    }

    @Test
    void deletingAnUnknownTopicIsUnknownTopicOrPartition() {
        DeleteTopicsRequestData request = new DeleteTopicsRequestData();
        request.topicNames().add("missing");
        assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION.code(),
                control.deleteTopics(oneBroker(), request, (short) 5).response().responses().get(0).errorCode());
    }

    @Test
    void createPartitionsHonoursExplicitAssignmentsAndRefusesBadOnes() {
        CreateTopicsRequestData create = new CreateTopicsRequestData();
        create.topics().add(topic("orders", 1, 1));
        MetadataImage image = apply(oneBroker(), control.createTopics(oneBroker(), create).records());

        Result<CreatePartitionsResponseData> ok = control.createPartitions(image, grow(3, List.of(List.of(1), List.of(1))));
        assertEquals(Errors.NONE.code(), ok.response().results().get(0).errorCode());
        assertEquals(2, ok.records().size());

        assertEquals(Errors.INVALID_REPLICA_ASSIGNMENT.code(),
                control.createPartitions(image, grow(3, List.of(List.of(1)))).response().results().get(0).errorCode());
        assertEquals(Errors.INVALID_REPLICA_ASSIGNMENT.code(),
                control.createPartitions(image, grow(2, List.of(List.of(7)))).response().results().get(0).errorCode());
        assertEquals(Errors.INVALID_PARTITIONS.code(),
                control.createPartitions(image, grow(1, null)).response().results().get(0).errorCode());
    }

    private static CreatePartitionsRequestData grow(int count, List<List<Integer>> assignments) {
        CreatePartitionsTopic topic = new CreatePartitionsTopic().setName("orders").setCount(count);
        if (assignments == null) {
            topic.setAssignments(null);
        } else {
            List<CreatePartitionsAssignment> list = new ArrayList<>();
            assignments.forEach(a -> list.add(new CreatePartitionsAssignment().setBrokerIds(new ArrayList<>(a))));
            topic.setAssignments(list);
        }
        CreatePartitionsRequestData request = new CreatePartitionsRequestData();
        request.topics().add(topic);
        return request;
    }
}
