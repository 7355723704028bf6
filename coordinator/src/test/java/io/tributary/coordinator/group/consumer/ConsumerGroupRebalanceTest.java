package io.tributary.coordinator.group.consumer;

import static io.tributary.coordinator.group.consumer.ConsumerGroupTestContext.heartbeatRequest;
import static io.tributary.coordinator.group.consumer.ConsumerGroupTestContext.joinRequest;
import static io.tributary.coordinator.group.consumer.ConsumerGroupTestContext.partitions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.protocol.Uuid;
import io.tributary.protocol.message.ConsumerGroupHeartbeatResponseData;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Members joining, leaving and timing out, and the group converging to its target assignment. */
class ConsumerGroupRebalanceTest {

    private final ConsumerGroupTestContext context = new ConsumerGroupTestContext().topic("orders", 6);
    private final Uuid orders = context.topicId("orders");

    @Test
    void firstMemberGetsEveryPartitionAtEpochOne() {
        ConsumerGroupHeartbeatResponseData response = context.heartbeatOk(joinRequest("a", "orders"));

        assertEquals(1, response.memberEpoch());
        assertEquals(5000, response.heartbeatIntervalMs());
        assertEquals(partitions(orders, 0, 1, 2, 3, 4, 5), ConsumerGroupTestContext.assignment(response));
        assertEquals("Stable", context.group().stateName());
    }

    @Test
    void threeMembersConvergeToBalancedAssignmentWithoutDoubleOwnership() {
        List<SimulatedConsumer> consumers = List.of(new SimulatedConsumer(context, "a"), new SimulatedConsumer(context, "b"),
                new SimulatedConsumer(context, "c"));
        for (SimulatedConsumer consumer : consumers) {
            consumer.join("orders");
            assertNoPartitionOwnedTwice(consumers);
        }
        for (int round = 0; round < 5; round++) {
            for (SimulatedConsumer consumer : consumers) {
                consumer.poll();
                assertNoPartitionOwnedTwice(consumers);
            }
        }

        assertEquals("Stable", context.group().stateName());
        for (SimulatedConsumer consumer : consumers) {
            assertEquals(2, consumer.owned.size(), consumer.memberId + " owns " + consumer.owned);
            assertEquals(context.group().groupEpoch(), consumer.epoch);
        }
    }

    @Test
    void joiningMemberGetsPartitionsOnlyAfterTheOwnerRevokes() {
        context.heartbeatOk(joinRequest("a", "orders"));
        ConsumerGroupHeartbeatResponseData joined = context.heartbeatOk(joinRequest("b", "orders"));
        assertTrue(ConsumerGroupTestContext.assignment(joined).isEmpty(), "a still owns everything");
        assertEquals(MemberState.UNRELEASED_PARTITIONS, context.member("b").state());

        ConsumerGroupHeartbeatResponseData revoke = context.heartbeatOk(heartbeatRequest("a", 1, partitions(orders, 0, 1, 2, 3, 4, 5)));
        assertEquals(1, revoke.memberEpoch(), "a keeps its epoch until it has revoked");
        PartitionAssignment kept = ConsumerGroupTestContext.assignment(revoke);
        assertEquals(3, kept.size());
        assertEquals(MemberState.UNREVOKED_PARTITIONS, context.member("a").state());

        ConsumerGroupHeartbeatResponseData stillWaiting = context.heartbeatOk(heartbeatRequest("b", 2, PartitionAssignment.EMPTY));
        assertNull(stillWaiting.assignment(), "nothing changed for b while a has not revoked");

        ConsumerGroupHeartbeatResponseData revoked = context.heartbeatOk(heartbeatRequest("a", 1, kept));
        assertEquals(2, revoked.memberEpoch());
        ConsumerGroupHeartbeatResponseData released = context.heartbeatOk(heartbeatRequest("b", 2, PartitionAssignment.EMPTY));
        PartitionAssignment taken = ConsumerGroupTestContext.assignment(released);
        assertEquals(3, taken.size());
        assertFalse(taken.intersects(kept));
        assertEquals("Stable", context.group().stateName());
    }

    @Test
    void leavingMemberPartitionsGoToTheOthers() {
        SimulatedConsumer a = new SimulatedConsumer(context, "a").join("orders");
        SimulatedConsumer b = new SimulatedConsumer(context, "b").join("orders");
        converge(List.of(a, b));
        int epoch = context.group().groupEpoch();

        b.leave();
        assertEquals(epoch + 1, context.group().groupEpoch());
        assertNull(context.member("b"));
        a.poll();

        assertEquals(partitions(orders, 0, 1, 2, 3, 4, 5), a.owned);
        assertEquals(epoch + 1, a.epoch);
    }

    @Test
    void missedSessionTimeoutFencesTheMemberAndBumpsTheEpoch() {
        SimulatedConsumer a = new SimulatedConsumer(context, "a").join("orders");
        new SimulatedConsumer(context, "b").join("orders");
        int epoch = context.group().groupEpoch();

        context.advance(30_000);
        a.poll();
        context.advance(20_000);

        assertNull(context.member("b"));
        assertNotNull(context.member("a"), "a heartbeat restarts the session timer");
        assertEquals(epoch + 1, context.group().groupEpoch());
    }

    @Test
    void memberThatDoesNotRevokeWithinRebalanceTimeoutIsFenced() {
        context.heartbeatOk(joinRequest("a", "orders"));
        context.heartbeatOk(joinRequest("b", "orders"));
        context.heartbeatOk(heartbeatRequest("a", 1, partitions(orders, 0, 1, 2, 3, 4, 5)));
        assertEquals(MemberState.UNREVOKED_PARTITIONS, context.member("a").state());

        for (int i = 0; i < 5; i++) {
            context.advance(5_000);
            context.heartbeatOk(heartbeatRequest("a", 1, partitions(orders, 0, 1, 2, 3, 4, 5)));
            context.heartbeatOk(heartbeatRequest("b", 2, PartitionAssignment.EMPTY));
        }
        assertNotNull(context.member("a"), "heartbeats alone do not extend the rebalance timeout");
        context.advance(5_000);

        assertNull(context.member("a"));
        context.heartbeatFails(io.tributary.protocol.Errors.UNKNOWN_MEMBER_ID, heartbeatRequest("a", 1, PartitionAssignment.EMPTY));
        ConsumerGroupHeartbeatResponseData b = context.heartbeatOk(heartbeatRequest("b", 2, PartitionAssignment.EMPTY));
        assertEquals(6, ConsumerGroupTestContext.assignment(b).size());
    }

    @Test
    void newTopicMatchingTheSubscriptionTriggersANewAssignment() {
        SimulatedConsumer a = new SimulatedConsumer(context, "a").join("orders", "payments");
        int epoch = context.group().groupEpoch();
        assertEquals(6, a.owned.size(), "payments does not exist yet");

        context.topic("payments", 2);
        a.poll();

        assertEquals(epoch + 1, a.epoch);
        assertEquals(8, a.owned.size());
    }

    @Test
    void partitionCountIncreaseTriggersANewAssignment() {
        SimulatedConsumer a = new SimulatedConsumer(context, "a").join("orders");

        context.topic("orders", 8);
        a.poll();

        assertEquals(2, a.epoch);
        assertEquals(partitions(orders, 0, 1, 2, 3, 4, 5, 6, 7), a.owned);
    }

    @Test
    void regexSubscriptionResolvesAgainstMetadataAndFollowsNewTopics() {
        context.topic("logs-1", 1).topic("logs-2", 1);
        ConsumerGroupHeartbeatResponseData joined = context.heartbeatOk(joinRequest("a").setSubscribedTopicNames(null)
                .setSubscribedTopicRegex("logs-.*"));
        assertEquals(Set.of(context.topicId("logs-1"), context.topicId("logs-2")),
                ConsumerGroupTestContext.assignment(joined).partitions().keySet());

        context.topic("logs-3", 1);
        ConsumerGroupHeartbeatResponseData next = context.heartbeatOk(heartbeatRequest("a", 1, ConsumerGroupTestContext.assignment(joined)));

        assertEquals(3, ConsumerGroupTestContext.assignment(next).size());
        assertTrue(context.group().isSubscribedTo("logs-9"));
        assertFalse(context.group().isSubscribedTo("orders"));
    }

    @Test
    void droppingATopicFromTheSubscriptionRevokesItsPartitions() {
        context.topic("payments", 2);
        SimulatedConsumer a = new SimulatedConsumer(context, "a").join("orders", "payments");

        ConsumerGroupHeartbeatResponseData response = context.heartbeatOk(heartbeatRequest("a", a.epoch, a.owned)
                .setSubscribedTopicNames(List.of("orders")));

        assertEquals(MemberState.UNREVOKED_PARTITIONS, context.member("a").state());
        assertEquals(partitions(orders, 0, 1, 2, 3, 4, 5), ConsumerGroupTestContext.assignment(response));
    }

    @Test
    void responseOmitsTheAssignmentWhenNothingChanged() {
        SimulatedConsumer a = new SimulatedConsumer(context, "a").join("orders");

        ConsumerGroupHeartbeatResponseData response = context.heartbeatOk(heartbeatRequest("a", a.epoch, a.owned));

        assertNull(response.assignment());
        assertEquals(a.epoch, response.memberEpoch());
    }

    @Test
    void rangeAssignorGivesContiguousRanges() {
        context.heartbeatOk(joinRequest("a", "orders").setServerAssignor("range"));
        context.heartbeatOk(joinRequest("b", "orders").setServerAssignor("range"));

        assertEquals("range", context.manager.describeGroup(ConsumerGroupTestContext.GROUP).assignorName());
        assertEquals(partitions(orders, 0, 1, 2), context.group().targetAssignment("a"));
        assertEquals(partitions(orders, 3, 4, 5), context.group().targetAssignment("b"));
    }

    private void converge(List<SimulatedConsumer> consumers) {
        for (int round = 0; round < 4; round++) {
            consumers.forEach(SimulatedConsumer::poll);
        }
    }

    /** Neither the coordinator nor the clients ever have a partition in two places. */
    private void assertNoPartitionOwnedTwice(List<SimulatedConsumer> consumers) {
        Set<String> seen = new HashSet<>();
        for (SimulatedConsumer consumer : consumers) {
            consumer.owned.partitions().forEach((topicId, ids) -> ids.forEach(p ->
                    assertTrue(seen.add(topicId + "-" + p), "partition " + p + " owned twice by clients")));
        }
        Set<String> coordinator = new HashSet<>();
        for (ConsumerGroupMember member : context.group().members().values()) {
            for (PartitionAssignment owned : List.of(member.assignedPartitions(), member.partitionsPendingRevocation())) {
                owned.partitions().forEach((topicId, ids) -> ids.forEach(p ->
                        assertTrue(coordinator.add(topicId + "-" + p), "partition " + p + " owned twice in the coordinator")));
            }
        }
    }
}
