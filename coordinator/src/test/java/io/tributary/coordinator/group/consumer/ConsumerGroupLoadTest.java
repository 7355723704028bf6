package io.tributary.coordinator.group.consumer;

import static io.tributary.coordinator.group.consumer.ConsumerGroupTestContext.heartbeatRequest;
import static io.tributary.coordinator.group.consumer.ConsumerGroupTestContext.joinRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.record.GroupMetadataKey;
import io.tributary.coordinator.runtime.CoordinatorRecord;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.ConsumerGroupHeartbeatResponseData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replaying the written records rebuilds the same groups; deletion and classic group conversion. */
class ConsumerGroupLoadTest {

    private final ConsumerGroupTestContext context = new ConsumerGroupTestContext().topic("orders", 6);

    private List<SimulatedConsumer> stableGroupOfTwo() {
        List<SimulatedConsumer> consumers = List.of(new SimulatedConsumer(context, "a").join("orders"),
                new SimulatedConsumer(context, "b").join("orders"));
        for (int round = 0; round < 3; round++) {
            consumers.forEach(SimulatedConsumer::poll);
        }
        return consumers;
    }

    @Test
    void replayingTheLogRebuildsTheSameGroup() {
        stableGroupOfTwo();
        context.heartbeatOk(joinRequest("c", "orders").setInstanceId("i-c").setRackId("r1"));

        ConsumerGroupTestContext reloaded = context.reloaded();

        assertEquals(context.group().groupEpoch(), reloaded.group().groupEpoch());
        assertEquals(context.group().metadataHash(), reloaded.group().metadataHash());
        assertEquals(context.group().creationTimeMs(), reloaded.group().creationTimeMs());
        assertEquals(context.group().members(), reloaded.group().members());
        assertEquals("c", reloaded.group().staticMember("i-c").memberId());
    }

    @Test
    void stableGroupKeepsItsEpochAfterALoad() {
        List<SimulatedConsumer> consumers = stableGroupOfTwo();
        int epoch = context.group().groupEpoch();
        ConsumerGroupTestContext reloaded = context.reloaded();

        SimulatedConsumer a = consumers.get(0);
        ConsumerGroupHeartbeatResponseData response = reloaded.heartbeatOk(heartbeatRequest("a", a.epoch, a.owned));

        assertEquals(epoch, response.memberEpoch());
        assertEquals(epoch, reloaded.group().groupEpoch());
        assertFalse(reloaded.group().isTargetStale());
        assertEquals("Stable", reloaded.group().stateName());
    }

    @Test
    void groupLoadedMidRebalanceMovesToANewEpochAndConverges() {
        context.heartbeatOk(joinRequest("a", "orders"));
        context.heartbeatOk(joinRequest("b", "orders"));
        int epoch = context.group().groupEpoch();
        ConsumerGroupTestContext reloaded = context.reloaded();
        assertTrue(reloaded.group().isTargetStale());

        SimulatedConsumer a = new SimulatedConsumer(reloaded, "a");
        a.epoch = 1;
        a.owned = ConsumerGroupTestContext.partitions(reloaded.topicId("orders"), 0, 1, 2, 3, 4, 5);
        SimulatedConsumer b = new SimulatedConsumer(reloaded, "b");
        b.epoch = epoch;
        for (int round = 0; round < 4; round++) {
            a.poll();
            b.poll();
            assertFalse(a.owned.intersects(b.owned));
        }

        assertEquals(epoch + 1, reloaded.group().groupEpoch());
        assertEquals("Stable", reloaded.group().stateName());
        assertEquals(3, a.owned.size());
        assertEquals(3, b.owned.size());
    }

    @Test
    void loadStartsSessionTimersOfLoadedMembers() {
        stableGroupOfTwo();
        ConsumerGroupTestContext reloaded = context.reloaded();

        assertTrue(reloaded.timer.isScheduled(ConsumerGroupManager.sessionTimerKey(ConsumerGroupTestContext.GROUP, "a")));
        reloaded.advance(reloaded.config.consumerSessionTimeoutMs());

        assertTrue(reloaded.group().isEmpty());
    }

    @Test
    void deletionRecordsRemoveAnEmptiedGroup() {
        stableGroupOfTwo();
        context.heartbeatOk(heartbeatRequest("a", -1, PartitionAssignment.EMPTY));
        context.heartbeatOk(heartbeatRequest("b", -1, PartitionAssignment.EMPTY));
        context.group().validateDeleteGroup();

        context.write(io.tributary.coordinator.runtime.CoordinatorResult.records(context.group().deletionRecords()));

        assertTrue(context.groups.get(ConsumerGroupTestContext.GROUP).isEmpty());
        assertTrue(context.reloaded().groups.get(ConsumerGroupTestContext.GROUP).isEmpty());
    }

    @Test
    void joinConvertsAnEmptyClassicGroup() {
        context.groups.put(new FakeClassicGroup(ConsumerGroupTestContext.GROUP, true));

        context.heartbeatOk(joinRequest("a", "orders"));

        assertEquals(Group.Type.CONSUMER, context.groups.get(ConsumerGroupTestContext.GROUP).orElseThrow().type());
        CoordinatorRecord first = context.log.get(0);
        assertTrue(first.isTombstone());
        assertEquals(ConsumerGroupTestContext.GROUP, ((GroupMetadataKey) first.key()).group());
    }

    @Test
    void classicGroupWithMembersIsNotFound() {
        context.groups.put(new FakeClassicGroup(ConsumerGroupTestContext.GROUP, false));

        context.heartbeatFails(Errors.GROUP_ID_NOT_FOUND, joinRequest("a", "orders"));
        assertEquals(Group.Type.CLASSIC, context.groups.get(ConsumerGroupTestContext.GROUP).orElseThrow().type());
    }

    @Test
    void leaveOfTheLastMemberLeavesAnEmptyGroup() {
        context.heartbeatOk(joinRequest("a", "orders"));
        context.heartbeatOk(heartbeatRequest("a", -1, PartitionAssignment.EMPTY));

        assertNull(context.member("a"));
        assertEquals("Empty", context.group().stateName());
        assertEquals(2, context.group().groupEpoch());
    }
}
