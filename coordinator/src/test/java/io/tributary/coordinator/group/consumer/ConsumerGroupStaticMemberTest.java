package io.tributary.coordinator.group.consumer;

import static io.tributary.coordinator.group.consumer.ConsumerGroupTestContext.heartbeatRequest;
import static io.tributary.coordinator.group.consumer.ConsumerGroupTestContext.joinRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tributary.protocol.Errors;
import io.tributary.protocol.message.ConsumerGroupHeartbeatResponseData;
import org.junit.jupiter.api.Test;

/** Static membership: an instance id keeps its partitions across a restart within the session timeout. */
class ConsumerGroupStaticMemberTest {

    private final ConsumerGroupTestContext context = new ConsumerGroupTestContext().topic("orders", 4);

    private PartitionAssignment joinStable(String memberId, String instanceId) {
        ConsumerGroupHeartbeatResponseData response = context.heartbeatOk(joinRequest(memberId, "orders").setInstanceId(instanceId));
        return ConsumerGroupTestContext.assignment(response);
    }

    @Test
    void staticMemberRejoiningAfterATemporaryLeaveKeepsItsPartitionsWithoutARebalance() {
        PartitionAssignment owned = joinStable("a1", "instance-a");
        int epoch = context.group().groupEpoch();

        ConsumerGroupHeartbeatResponseData left = context.heartbeatOk(heartbeatRequest("a1", -2, owned).setInstanceId("instance-a"));
        assertEquals(-2, left.memberEpoch());
        ConsumerGroupHeartbeatResponseData rejoined = context.heartbeatOk(joinRequest("a2", "orders").setInstanceId("instance-a"));

        assertEquals(owned, ConsumerGroupTestContext.assignment(rejoined));
        assertEquals(epoch, rejoined.memberEpoch());
        assertEquals(epoch, context.group().groupEpoch());
        assertNull(context.member("a1"));
        assertEquals("a2", context.group().staticMember("instance-a").memberId());
    }

    @Test
    void secondInstanceWithTheSameIdIsRefusedWhileTheFirstIsActive() {
        joinStable("a1", "instance-a");

        context.heartbeatFails(Errors.UNRELEASED_INSTANCE_ID, joinRequest("a2", "orders").setInstanceId("instance-a"));
    }

    @Test
    void replacedInstanceIsFenced() {
        PartitionAssignment owned = joinStable("a1", "instance-a");
        context.heartbeatOk(heartbeatRequest("a1", -2, owned).setInstanceId("instance-a"));
        context.heartbeatOk(joinRequest("a2", "orders").setInstanceId("instance-a"));

        context.heartbeatFails(Errors.UNKNOWN_MEMBER_ID, heartbeatRequest("a1", 1, owned).setInstanceId("instance-b"));
        context.heartbeatFails(Errors.FENCED_INSTANCE_ID, heartbeatRequest("a1", 1, owned).setInstanceId("instance-a"));
    }

    @Test
    void staticMemberThatLeftIsRemovedWhenItsSessionTimesOut() {
        PartitionAssignment owned = joinStable("a1", "instance-a");
        context.heartbeatOk(heartbeatRequest("a1", -2, owned).setInstanceId("instance-a"));

        context.advance(context.config.consumerSessionTimeoutMs());

        assertNull(context.group().staticMember("instance-a"));
        assertEquals(0, context.group().members().size());
        assertEquals("Empty", context.group().stateName());
    }
}
