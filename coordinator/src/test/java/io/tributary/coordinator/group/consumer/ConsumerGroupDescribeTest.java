package io.tributary.coordinator.group.consumer;

import static io.tributary.coordinator.group.consumer.ConsumerGroupTestContext.GROUP;
import static io.tributary.coordinator.group.consumer.ConsumerGroupTestContext.joinRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.protocol.Errors;
import io.tributary.protocol.message.ConsumerGroupDescribeResponseData.DescribedGroup;
import io.tributary.protocol.message.ConsumerGroupDescribeResponseData.Member;
import io.tributary.protocol.message.ConsumerGroupDescribeResponseData.TopicPartitions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ConsumerGroupDescribe. */
class ConsumerGroupDescribeTest {

    private final ConsumerGroupTestContext context = new ConsumerGroupTestContext().topic("orders", 2);

    @Test
    void missingGroupIsNotFound() {
        DescribedGroup described = context.manager.describeGroup("nope");

        assertEquals(Errors.GROUP_ID_NOT_FOUND.code(), described.errorCode());
        assertEquals("nope", described.groupId());
    }

    @Test
    void classicGroupIsNotAConsumerGroup() {
        context.groups.put(new FakeClassicGroup("classic", false));

        DescribedGroup described = context.manager.describeGroup("classic");

        assertEquals(Errors.GROUP_ID_NOT_FOUND.code(), described.errorCode());
        assertEquals("Group classic is not a consumer group.", described.errorMessage());
    }

    @Test
    void describesEpochsStateAssignorAndMembersWithTopicNames() {
        context.heartbeatOk(joinRequest("a", "orders").setInstanceId("i-a").setRackId("rack-1"));

        DescribedGroup described = context.manager.describeGroup(GROUP);

        assertEquals(Errors.NONE.code(), described.errorCode());
        assertEquals("Stable", described.groupState());
        assertEquals(1, described.groupEpoch());
        assertEquals(1, described.assignmentEpoch());
        assertEquals("uniform", described.assignorName());
        Member member = described.members().get(0);
        assertEquals("a", member.memberId());
        assertEquals("i-a", member.instanceId());
        assertEquals("rack-1", member.rackId());
        assertEquals(1, member.memberEpoch());
        assertEquals("client", member.clientId());
        assertEquals("/127.0.0.1", member.clientHost());
        assertEquals(List.of("orders"), member.subscribedTopicNames());
        assertEquals((byte) 1, member.memberType());
        TopicPartitions owned = member.assignment().topicPartitions().get(0);
        assertEquals(context.topicId("orders"), owned.topicId());
        assertEquals("orders", owned.topicName());
        assertEquals(List.of(0, 1), owned.partitions());
        assertEquals(member.assignment(), member.targetAssignment());
    }

    @Test
    void groupWaitingForAReleaseIsReconciling() {
        context.heartbeatOk(joinRequest("a", "orders"));
        context.heartbeatOk(joinRequest("b", "orders"));

        assertEquals("Reconciling", context.manager.describeGroup(GROUP).groupState());
    }
}
