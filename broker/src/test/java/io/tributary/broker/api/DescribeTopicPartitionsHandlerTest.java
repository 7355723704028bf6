package io.tributary.broker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.protocol.Uuid;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.message.DescribeTopicPartitionsRequestData;
import org.apache.kafka.common.message.DescribeTopicPartitionsRequestData.Cursor;
import org.apache.kafka.common.message.DescribeTopicPartitionsRequestData.TopicRequest;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponsePartition;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponseTopic;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeTopicPartitionsRequest;
import org.apache.kafka.common.requests.DescribeTopicPartitionsResponse;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DescribeTopicPartitions through Kafka's own request and response classes. The paging expectations
 * are what a Kafka 4.3.1 broker answered for the same topics (t-a with 3 partitions, t-b with 2, t-c
 * with 1), limits and cursors. A page is written as {@code topic[partitions]} entries and the next
 * cursor, e.g. {@code t-a[0,1] -> t-a:2}.
 */
class DescribeTopicPartitionsHandlerTest {

    private final MetadataImage image = TestImage.create().broker(1)
            .topic("t-b", 2, 1).topic("t-a", 3, 1).topic("t-c", 1, 1).build();

    @Test
    void everyTopicIsDescribedInNameOrder() {
        assertEquals("t-a[0,1,2] t-b[0,1] t-c[0] -> none", page(all(2000)));
    }

    @Test
    void partitionsAreDescribedAsRegistered() {
        MetadataImage replicated = TestImage.create().broker(1).broker(2).broker(3)
                .topic("t", 0).partition("t", 0, List.of(2, 1, 3), List.of(2, 3), 2, 7, List.of()).build();

        DescribeTopicPartitionsResponseTopic topic = describe(replicated, all(2000)).topics().find("t");

        assertEquals(Errors.NONE.code(), topic.errorCode());
        assertEquals(TestImage.topicId("t").toString(), topic.topicId().toString());
        DescribeTopicPartitionsResponsePartition partition = topic.partitions().get(0);
        assertEquals(Errors.NONE.code(), partition.errorCode());
        assertEquals(2, partition.leaderId());
        assertEquals(7, partition.leaderEpoch());
        assertEquals(List.of(2, 1, 3), partition.replicaNodes());
        assertEquals(List.of(2, 3), partition.isrNodes());
        assertEquals(List.of(), partition.offlineReplicas());
        // Without eligible leader replicas Kafka sends empty lists, not null.
        assertEquals(List.of(), partition.eligibleLeaderReplicas());
        assertEquals(List.of(), partition.lastKnownElr());
    }

    @Test
    void everyTopicOperationIsAuthorizedAsWithoutAnAuthorizer() {
        Set<Byte> topicOperations = EnumSet.of(AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE, AclOperation.DELETE,
                AclOperation.ALTER, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS)
                .stream().map(AclOperation::code).collect(Collectors.toSet());

        DescribeTopicPartitionsResponseData response = describe(image, request(2000, null, "t-a", "nope"));

        // 3576 is what Kafka 4.3.1 answered, for the unknown topic too.
        assertEquals(3576, Utils.to32BitField(topicOperations));
        response.topics().forEach(t -> assertEquals(3576, t.topicAuthorizedOperations(), t.name()));
    }

    @Test
    void internalTopicIsMarkedInternal() {
        MetadataImage withOffsets = TestImage.create().broker(1).topic("__consumer_offsets", 1, 1).build();

        assertEquals(true, describe(withOffsets, all(10)).topics().find("__consumer_offsets").isInternal());
    }

    @Test
    void requestedTopicsAreDescribedOnceEachInNameOrder() {
        assertEquals("t-a[0,1,2] t-c[0] -> none", page(request(2000, null, "t-c", "t-a", "t-a")));
    }

    @Test
    void unknownAndIllegalTopicsAreErrorsWithTheZeroId() {
        DescribeTopicPartitionsResponseData response = describe(image, request(10, null, "t-c", "t-a", "nope", "t-a", "Bad/Name"));

        assertEquals("Bad/Name:17 nope:3 t-a[0,1,2] t-c[0] -> none", page(response));
        for (String name : List.of("Bad/Name", "nope")) {
            DescribeTopicPartitionsResponseTopic topic = response.topics().find(name);
            assertEquals(org.apache.kafka.common.Uuid.ZERO_UUID, topic.topicId());
            assertEquals(List.of(), topic.partitions());
        }
    }

    @Test
    void unknownInternalTopicIsStillMarkedInternal() {
        assertEquals(true, describe(image, request(10, null, "__transaction_state")).topics().find("__transaction_state").isInternal());
    }

    @Test
    void limitReachedInsideATopicPointsAtItsNextPartition() {
        assertEquals("t-a[0,1] -> t-a:2", page(all(2)));
    }

    @Test
    void limitReachedAtTheEndOfATopicPointsAtTheNextTopic() {
        assertEquals("t-a[0,1,2] -> t-b:0", page(all(3)));
    }

    @Test
    void limitSpanningTopicsStopsInTheLastOne() {
        assertEquals("t-a[0,1,2] t-b[0] -> t-b:1", page(all(4)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -5})
    void limitBelowOneMeansOne(int limit) {
        assertEquals("t-a[0] -> t-a:1", page(all(limit)));
    }

    @Test
    void brokerLimitCapsTheRequestedLimit() {
        DescribeTopicPartitionsHandler handler = new DescribeTopicPartitionsHandler(() -> image, 2);

        DescribeTopicPartitionsResponse response = KafkaWire.roundTrip(handler, build(all(2000)));

        assertEquals("t-a[0,1] -> t-a:2", page(response.data()));
    }

    @Test
    void cursorResumesAtItsPartition() {
        assertEquals("t-a[2] t-b[0] -> t-b:1", page(request(2, new Cursor().setTopicName("t-a").setPartitionIndex(2))));
    }

    @Test
    void cursorPastTheLastPartitionReturnsItsTopicWithoutPartitions() {
        assertEquals("t-a[] t-b[0,1] -> t-c:0", page(request(2, new Cursor().setTopicName("t-a").setPartitionIndex(7))));
    }

    @Test
    void cursorAfterEveryTopicReturnsNothing() {
        assertEquals("-> none", page(request(2, new Cursor().setTopicName("zzz").setPartitionIndex(0))));
    }

    @Test
    void cursorAppliesToTheRequestedTopicsToo() {
        assertEquals("t-a[1,2] t-c[0] -> none", page(request(10, new Cursor().setTopicName("t-a").setPartitionIndex(1), "t-c", "t-a", "aa")));
    }

    @Test
    void unknownTopicsUseNoneOfTheLimit() {
        assertEquals("nope:3 t-a[0,1,2] -> t-c:0", page(request(3, null, "t-c", "t-a", "nope")));
        assertEquals("nope:3 t-a[0,1,2] t-c[0] -> none", page(request(4, null, "t-c", "t-a", "nope")));
    }

    @Test
    void cursorTopicMissingFromTheRequestedTopicsFailsTheRequestAsKafkaDoes() {
        DescribeTopicPartitionsRequestData request = request(10, new Cursor().setTopicName("t-b").setPartitionIndex(0), "t-c", "t-a", "t-c");

        assertEquals(kafkaErrorResponse(request), describe(image, request));
    }

    @Test
    void negativeCursorPartitionFailsTheRequestAsKafkaDoes() {
        DescribeTopicPartitionsRequestData named = request(10, new Cursor().setTopicName("t-a").setPartitionIndex(-1), "t-a");
        DescribeTopicPartitionsRequestData everything = request(10, new Cursor().setTopicName("t-a").setPartitionIndex(-1));

        assertEquals(kafkaErrorResponse(named), describe(image, named));
        assertEquals(kafkaErrorResponse(everything), describe(image, everything));
    }

    @Test
    void leaderWithoutTheRequestListenerIsUnknownAndOfflineReplicasAreListed() {
        MetadataImage cluster = TestImage.create()
                .broker(1)
                .broker(2, true, List.of(TestImage.LISTENER), List.of())
                .broker(3, false, List.of("INTERNAL"), List.of())
                .topic("t", 0)
                .partition("t", 0, List.of(2, 1), List.of(1), 2, 0, List.of())
                .partition("t", 1, List.of(3, 1), List.of(1), 3, 0, List.of())
                .partition("t", 2, List.of(4, 1), List.of(1), 4, 0, List.of())
                .build();

        List<DescribeTopicPartitionsResponsePartition> partitions = describe(cluster, all(10)).topics().find("t").partitions();

        // A fenced leader is still named (Kafka only checks its listener); one not on the listener or not registered is not.
        assertEquals(List.of(2, -1, -1), partitions.stream().map(DescribeTopicPartitionsResponsePartition::leaderId).toList());
        assertEquals(List.of(List.of(2), List.of(3), List.of(4)),
                partitions.stream().map(DescribeTopicPartitionsResponsePartition::offlineReplicas).toList());
    }

    @Test
    void replicaInALostOrUnknownLogDirectoryIsOffline() {
        Uuid online = new Uuid(7, 7);
        Uuid unknown = new Uuid(8, 8);
        MetadataImage cluster = TestImage.create().broker(1, false, List.of(TestImage.LISTENER), List.of(online))
                .topic("t", 0)
                .partition("t", 0, List.of(1), List.of(1), 1, 0, List.of(online))
                .partition("t", 1, List.of(1), List.of(1), 1, 0, List.of(unknown))
                .partition("t", 2, List.of(1), List.of(1), 1, 0, List.of(new Uuid(0, 2)))
                .partition("t", 3, List.of(1), List.of(1), 1, 0, List.of(new Uuid(0, 1)))
                .partition("t", 4, List.of(1), List.of(1), 1, 0, List.of(Uuid.ZERO_UUID))
                .build();

        List<DescribeTopicPartitionsResponsePartition> partitions = describe(cluster, all(10)).topics().find("t").partitions();

        // online, not one of the broker's, LOST, UNASSIGNED, MIGRATING
        assertEquals(List.of(List.of(), List.of(1), List.of(1), List.of(), List.of()),
                partitions.stream().map(DescribeTopicPartitionsResponsePartition::offlineReplicas).toList());
    }

    @Test
    void requestsAreAnsweredOnTheListenerTheyCameIn() {
        DescribeTopicPartitionsHandler handler = new DescribeTopicPartitionsHandler(() -> image,
                DescribeTopicPartitionsHandler.DEFAULT_MAX_PARTITIONS_PER_RESPONSE);

        DescribeTopicPartitionsResponse response = KafkaWire.roundTrip(handler, build(request(10, null, "t-c")), "INTERNAL");

        DescribeTopicPartitionsResponsePartition partition = response.data().topics().find("t-c").partitions().get(0);
        assertEquals(-1, partition.leaderId());
        assertEquals(List.of(1), partition.offlineReplicas());
    }

    // ---- helpers

    private static DescribeTopicPartitionsRequestData all(int limit) {
        return request(limit, null);
    }

    private static DescribeTopicPartitionsRequestData request(int limit, Cursor cursor, String... topics) {
        DescribeTopicPartitionsRequestData request = new DescribeTopicPartitionsRequestData().setResponsePartitionLimit(limit).setCursor(cursor);
        for (String topic : topics) {
            request.topics().add(new TopicRequest().setName(topic));
        }
        return request;
    }

    private static DescribeTopicPartitionsRequest build(DescribeTopicPartitionsRequestData request) {
        return new DescribeTopicPartitionsRequest.Builder(request).build((short) 0);
    }

    private static DescribeTopicPartitionsResponseData describe(MetadataImage image, DescribeTopicPartitionsRequestData request) {
        DescribeTopicPartitionsHandler handler = new DescribeTopicPartitionsHandler(() -> image,
                DescribeTopicPartitionsHandler.DEFAULT_MAX_PARTITIONS_PER_RESPONSE);
        DescribeTopicPartitionsResponse response = KafkaWire.roundTrip(handler, build(request));
        return response.data();
    }

    private String page(DescribeTopicPartitionsRequestData request) {
        return page(describe(image, request));
    }

    /** {@code name[partitions]} per described topic, {@code name:error} per failed one, then the next cursor. */
    private static String page(DescribeTopicPartitionsResponseData response) {
        List<String> parts = new ArrayList<>();
        for (DescribeTopicPartitionsResponseTopic topic : response.topics()) {
            parts.add(topic.errorCode() != 0 ? topic.name() + ":" + topic.errorCode() : topic.name() + topic.partitions().stream()
                    .map(p -> String.valueOf(p.partitionIndex())).collect(Collectors.joining(",", "[", "]")));
        }
        DescribeTopicPartitionsResponseData.Cursor next = response.nextCursor();
        parts.add("-> " + (next == null ? "none" : next.topicName() + ":" + next.partitionIndex()));
        return String.join(" ", parts);
    }

    private static DescribeTopicPartitionsResponseData kafkaErrorResponse(DescribeTopicPartitionsRequestData request) {
        DescribeTopicPartitionsResponseData expected = ((DescribeTopicPartitionsResponse) build(request)
                .getErrorResponse(0, new InvalidRequestException("invalid cursor"))).data();
        assertNull(expected.nextCursor());
        return expected;
    }
}
