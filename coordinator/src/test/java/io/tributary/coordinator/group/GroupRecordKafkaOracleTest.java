package io.tributary.coordinator.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tributary.coordinator.record.ConsumerGroupCurrentMemberAssignmentKey;
import io.tributary.coordinator.record.ConsumerGroupCurrentMemberAssignmentValue;
import io.tributary.coordinator.record.ConsumerGroupMemberMetadataKey;
import io.tributary.coordinator.record.ConsumerGroupMemberMetadataValue;
import io.tributary.coordinator.record.ConsumerGroupMetadataKey;
import io.tributary.coordinator.record.ConsumerGroupMetadataValue;
import io.tributary.coordinator.record.GroupMetadataKey;
import io.tributary.coordinator.record.GroupMetadataValue;
import io.tributary.coordinator.record.OffsetCommitKey;
import io.tributary.coordinator.record.OffsetCommitValue;
import io.tributary.coordinator.runtime.CoordinatorRecord;
import io.tributary.protocol.Uuid;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our {@code __consumer_offsets} records are Kafka's: Kafka 4.3.1's own GroupCoordinatorRecordSerde
 * reads every record Tributary writes and writes back the same bytes, and we read Kafka's bytes
 * back to the same record. So Kafka's tools (and a Kafka broker) can read our topic.
 */
class GroupRecordKafkaOracleTest {

    private final GroupCoordinatorRecordSerde ours = new GroupCoordinatorRecordSerde();
    private final org.apache.kafka.coordinator.group.GroupCoordinatorRecordSerde kafka =
            new org.apache.kafka.coordinator.group.GroupCoordinatorRecordSerde();

    static Stream<CoordinatorRecord> records() {
        Uuid topicId = Uuid.randomUuid();
        OffsetCommitKey offsetKey = new OffsetCommitKey().setGroup("payments").setTopic("orders").setPartition(7);
        GroupMetadataKey groupKey = new GroupMetadataKey().setGroup("payments");
        GroupMetadataValue group = new GroupMetadataValue().setProtocolType("consumer").setGeneration(12).setProtocol("range")
                .setLeader("c-1").setCurrentStateTimestamp(1_700_000_000_000L).setMembers(List.of(
                        new GroupMetadataValue.MemberMetadata().setMemberId("c-1").setGroupInstanceId("instance-1").setClientId("client")
                                .setClientHost("/127.0.0.1").setRebalanceTimeout(300_000).setSessionTimeout(45_000)
                                .setSubscription(new byte[] {0, 3, 0, 0, 0, 1}).setAssignment(new byte[] {0, 3, 9}),
                        new GroupMetadataValue.MemberMetadata().setMemberId("c-2").setGroupInstanceId(null).setClientId("client")
                                .setClientHost("/10.0.0.2").setRebalanceTimeout(1000).setSessionTimeout(6000)
                                .setSubscription(new byte[0]).setAssignment(new byte[0])));
        ConsumerGroupCurrentMemberAssignmentValue assignment = new ConsumerGroupCurrentMemberAssignmentValue().setMemberEpoch(5)
                .setPreviousMemberEpoch(4).setState((byte) 1).setAssignedPartitions(List.of(
                        new ConsumerGroupCurrentMemberAssignmentValue.TopicPartitions().setTopicId(topicId).setPartitions(List.of(0, 2, 4))))
                .setPartitionsPendingRevocation(List.of(
                        new ConsumerGroupCurrentMemberAssignmentValue.TopicPartitions().setTopicId(topicId).setPartitions(List.of(1))));
        return Stream.of(
                CoordinatorRecord.record(offsetKey, new OffsetCommitValue().setOffset(42).setLeaderEpoch(3).setMetadata("m")
                        .setCommitTimestamp(1_700_000_000_123L), (short) 3),
                CoordinatorRecord.record(offsetKey, new OffsetCommitValue().setOffset(42).setMetadata("")
                        .setCommitTimestamp(1_700_000_000_123L).setExpireTimestamp(1_700_000_100_000L), (short) 1),
                CoordinatorRecord.tombstone(offsetKey),
                CoordinatorRecord.record(groupKey, group, (short) 3),
                CoordinatorRecord.record(groupKey, new GroupMetadataValue().setProtocolType("consumer").setGeneration(13)
                        .setProtocol(null).setLeader(null).setCurrentStateTimestamp(5L), (short) 3),
                CoordinatorRecord.tombstone(groupKey),
                CoordinatorRecord.record(new ConsumerGroupMetadataKey().setGroupId("kip848"),
                        new ConsumerGroupMetadataValue().setEpoch(9).setMetadataHash(-77L).setCreationTimeMs(1_700_000_000_000L), (short) 0),
                CoordinatorRecord.record(new ConsumerGroupMemberMetadataKey().setGroupId("kip848").setMemberId("m-1"),
                        new ConsumerGroupMemberMetadataValue().setInstanceId("i-1").setRackId("rack-a").setClientId("c")
                                .setClientHost("/127.0.0.1").setSubscribedTopicNames(List.of("orders", "payments"))
                                .setSubscribedTopicRegex(null).setRebalanceTimeoutMs(30_000).setServerAssignor("uniform"), (short) 0),
                CoordinatorRecord.tombstone(new ConsumerGroupMemberMetadataKey().setGroupId("kip848").setMemberId("m-1")),
                CoordinatorRecord.record(new ConsumerGroupCurrentMemberAssignmentKey().setGroupId("kip848").setMemberId("m-1"),
                        assignment, (short) 0));
    }

    @ParameterizedTest
    @MethodSource("records")
    void kafkaReadsOurRecordAndWritesTheSameBytes(CoordinatorRecord record) {
        ByteBuffer key = ours.serializeKey(record);
        ByteBuffer value = ours.serializeValue(record);

        org.apache.kafka.coordinator.common.runtime.CoordinatorRecord read = kafka.deserialize(key.duplicate(),
                value == null ? null : value.duplicate());

        assertArrayEquals(bytes(key), kafka.serializeKey(read));
        if (value == null) {
            assertNull(read.value());
        } else {
            assertArrayEquals(bytes(value), kafka.serializeValue(read));
        }
    }

    @ParameterizedTest
    @MethodSource("records")
    void weReadKafkasBytesBackToTheSameRecord(CoordinatorRecord record) {
        org.apache.kafka.coordinator.common.runtime.CoordinatorRecord kafkaRecord = kafka.deserialize(ours.serializeKey(record),
                ours.serializeValue(record));
        byte[] kafkaValue = kafkaRecord.value() == null ? null : kafka.serializeValue(kafkaRecord);

        CoordinatorRecord read = ours.deserialize(ByteBuffer.wrap(kafka.serializeKey(kafkaRecord)),
                kafkaValue == null ? null : ByteBuffer.wrap(kafkaValue));

        assertEquals(record, read);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
