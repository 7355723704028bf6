package io.tributary.coordinator.group.classic;

import static io.tributary.coordinator.group.classic.ClassicGroupHarness.GROUP;
import static io.tributary.coordinator.group.classic.ClassicGroupHarness.assignmentOf;
import static io.tributary.coordinator.group.classic.ClassicGroupHarness.error;
import static io.tributary.coordinator.group.classic.ClassicGroupHarness.join;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.coordinator.record.GroupMetadataValue;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.JoinGroupResponseData;
import io.tributary.protocol.message.SyncGroupRequestData;
import io.tributary.protocol.message.SyncGroupRequestData.SyncGroupRequestAssignment;
import io.tributary.protocol.message.SyncGroupResponseData;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ClassicGroupSyncTest {

    private final ClassicGroupHarness harness = new ClassicGroupHarness();

    private static SyncGroupRequestAssignment assign(String memberId) {
        return new SyncGroupRequestAssignment().setMemberId(memberId).setAssignment(assignmentOf(memberId));
    }

    @Test
    void syncOfMissingGroupIsUnknownMember() {
        assertEquals(Errors.UNKNOWN_MEMBER_ID, error(harness.sync("ghost", 1, List.of()).join()));
    }

    @Test
    void syncOfUnknownMemberIsRefused() {
        harness.formGroup(1);
        assertEquals(Errors.UNKNOWN_MEMBER_ID, error(harness.sync("ghost", 1, List.of()).join()));
    }

    @Test
    void syncWithOtherGenerationIsIllegal() {
        String member = harness.formGroup(1).get(0).memberId();
        assertEquals(Errors.ILLEGAL_GENERATION, error(harness.sync(member, 7, List.of()).join()));
    }

    @Test
    void syncNamingAnotherProtocolIsInconsistent() {
        String member = harness.formGroup(1).get(0).memberId();
        SyncGroupRequestData request = new SyncGroupRequestData().setGroupId(GROUP).setMemberId(member).setGenerationId(1)
                .setProtocolType("consumer").setProtocolName("roundrobin");
        assertEquals(Errors.INCONSISTENT_GROUP_PROTOCOL, error(harness.sync(request, (short) 5).join()));
    }

    @Test
    void syncWithoutProtocolBeforeV5IsAccepted() {
        String member = harness.formGroup(1).get(0).memberId();
        SyncGroupRequestData request = new SyncGroupRequestData().setGroupId(GROUP).setMemberId(member).setGenerationId(1)
                .setAssignments(List.of(assign(member)));
        assertEquals(Errors.NONE, error(harness.sync(request, (short) 3).join()));
    }

    @Test
    void syncWhilePreparingRebalanceIsRebalanceInProgress() {
        List<JoinGroupResponseData> stable = harness.formStableGroup(2);
        harness.join(join().member(stable.get(0).memberId()));
        assertEquals(Errors.REBALANCE_IN_PROGRESS, error(harness.sync(stable.get(1).memberId(), 1, List.of()).join()));
    }

    @Test
    void followerSyncIsParkedUntilTheLeadersAssignmentIsCommitted() {
        List<JoinGroupResponseData> joined = harness.formGroup(3);
        String leader = joined.get(0).memberId();
        CompletableFuture<SyncGroupResponseData> follower = harness.sync(joined.get(1).memberId(), 1, List.of());
        assertFalse(follower.isDone());
        harness.holdCommits();
        CompletableFuture<SyncGroupResponseData> leaderSync =
                harness.sync(leader, 1, joined.stream().map(r -> assign(r.memberId())).toList());
        assertFalse(follower.isDone(), "the record is written but not committed");
        assertFalse(leaderSync.isDone());
        harness.releaseCommits();
        assertArrayEquals(assignmentOf(joined.get(1).memberId()), follower.join().assignment());
        assertArrayEquals(assignmentOf(leader), leaderSync.join().assignment());
        assertEquals("range", follower.join().protocolName());
        assertEquals(ClassicGroupState.STABLE, harness.group().state());
    }

    @Test
    void followerSyncingAfterTheLeaderGetsItsAssignment() {
        List<JoinGroupResponseData> joined = harness.formStableGroup(3);
        SyncGroupResponseData again = harness.sync(joined.get(2).memberId(), 1, List.of()).join();
        assertArrayEquals(assignmentOf(joined.get(2).memberId()), again.assignment());
    }

    @Test
    void leaderSyncWritesTheGroupRecordWithEveryMembersSubscriptionAndAssignment() {
        List<JoinGroupResponseData> joined = harness.formStableGroup(3);
        GroupMetadataValue value = (GroupMetadataValue) harness.log.get(harness.log.size() - 1).value();
        assertEquals(1, value.generation());
        assertEquals("range", value.protocol());
        assertEquals(joined.get(0).memberId(), value.leader());
        assertEquals(3, value.members().size());
        assertArrayEquals(ClassicGroupHarness.subscription("t"), value.members().get(1).subscription());
        assertArrayEquals(assignmentOf(joined.get(1).memberId()), value.members().get(1).assignment());
    }

    @Test
    void membersLeftOutOfTheLeadersAssignmentGetEmptyBytes() {
        List<JoinGroupResponseData> joined = harness.formGroup(2);
        CompletableFuture<SyncGroupResponseData> follower = harness.sync(joined.get(1).memberId(), 1, List.of());
        harness.sync(joined.get(0).memberId(), 1, List.of(assign(joined.get(0).memberId())));
        assertEquals(0, follower.join().assignment().length);
    }

    @Test
    void failedWriteOfTheAssignmentAnswersNotCoordinator() {
        List<JoinGroupResponseData> joined = harness.formGroup(2);
        CompletableFuture<SyncGroupResponseData> follower = harness.sync(joined.get(1).memberId(), 1, List.of());
        harness.holdCommits();
        harness.sync(joined.get(0).memberId(), 1, joined.stream().map(r -> assign(r.memberId())).toList());
        harness.failCommits();
        assertEquals(Errors.NOT_COORDINATOR, error(follower.join()));
    }

    @Test
    void restartSeesTheStableGenerationWithItsAssignments() {
        List<JoinGroupResponseData> joined = harness.formStableGroup(3);
        ClassicGroup reloaded = harness.restarted().group();
        ClassicGroup live = harness.group();
        assertEquals(ClassicGroupState.STABLE, reloaded.state());
        assertEquals(live.generationId(), reloaded.generationId());
        assertEquals(live.protocolName(), reloaded.protocolName());
        assertEquals(live.leaderId(), reloaded.leaderId());
        assertEquals(live.members().stream().map(ClassicGroupMember::memberId).toList(),
                reloaded.members().stream().map(ClassicGroupMember::memberId).toList());
        assertArrayEquals(assignmentOf(joined.get(2).memberId()), reloaded.member(joined.get(2).memberId()).assignment());
    }

    @Test
    void membersThatNeverSyncAreRemovedAfterTheRebalanceTimeout() {
        List<JoinGroupResponseData> joined = harness.formGroup(2);
        harness.sync(joined.get(0).memberId(), 1, joined.stream().map(r -> assign(r.memberId())).toList());
        harness.heartbeat(joined.get(0).memberId(), 1);
        harness.advance(ClassicGroupHarness.REBALANCE_TIMEOUT_MS);
        assertFalse(harness.group().hasMember(joined.get(1).memberId()));
        assertTrue(harness.group().generationId() >= 2, "the group rebalanced without it");
    }

    @Test
    void cooperativeRejoinRightAfterSyncStartsTheNextGeneration() {
        List<JoinGroupResponseData> joined = harness.formStableGroup(2);
        // A cooperative member that revoked partitions rejoins at once: the leader too, which rebalances.
        CompletableFuture<JoinGroupResponseData> follower = harness.join(join().member(joined.get(1).memberId())
                .protocols(ClassicGroupHarness.protocol("range", ClassicGroupHarness.subscription("t", "owned"))));
        CompletableFuture<JoinGroupResponseData> leader = harness.join(join().member(joined.get(0).memberId()));
        assertEquals(2, follower.join().generationId());
        assertEquals(2, leader.join().generationId());
        CompletableFuture<SyncGroupResponseData> followerSync = harness.sync(joined.get(1).memberId(), 2, List.of());
        harness.sync(joined.get(0).memberId(), 2, joined.stream().map(r -> assign(r.memberId())).toList());
        assertEquals(Errors.NONE, error(followerSync.join()));
        assertEquals(Errors.ILLEGAL_GENERATION, harness.heartbeat(joined.get(1).memberId(), 1), "the old generation is gone");
    }
}
