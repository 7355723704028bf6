package io.tributary.coordinator.group.classic;

import static io.tributary.coordinator.group.classic.ClassicGroupHarness.assignmentOf;
import static io.tributary.coordinator.group.classic.ClassicGroupHarness.error;
import static io.tributary.coordinator.group.classic.ClassicGroupHarness.join;
import static io.tributary.coordinator.group.classic.ClassicGroupHarness.protocol;
import static io.tributary.coordinator.group.classic.ClassicGroupHarness.subscription;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.protocol.Errors;
import io.tributary.protocol.message.JoinGroupResponseData;
import io.tributary.protocol.message.SyncGroupRequestData.SyncGroupRequestAssignment;
import io.tributary.protocol.message.SyncGroupResponseData;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ClassicGroupStaticMemberTest {

    private final ClassicGroupHarness harness = new ClassicGroupHarness();

    /** Two static members, "leader" (joined first) and "follower", Stable at generation 1. */
    private List<JoinGroupResponseData> stableStaticGroup() {
        CompletableFuture<JoinGroupResponseData> leader = harness.join(join().instance("leader"));
        CompletableFuture<JoinGroupResponseData> follower = harness.join(join().instance("follower"));
        harness.advance(0);
        List<JoinGroupResponseData> joined = List.of(leader.join(), follower.join());
        harness.sync(joined.get(0).memberId(), 1, joined.stream().map(r -> new SyncGroupRequestAssignment()
                .setMemberId(r.memberId()).setAssignment(assignmentOf(r.memberId()))).toList());
        harness.sync(joined.get(1).memberId(), 1, List.of());
        assertEquals(ClassicGroupState.STABLE, harness.group().state());
        return joined;
    }

    @Test
    void staticMemberJoinsWithoutTheMemberIdRoundTrip() {
        CompletableFuture<JoinGroupResponseData> response = harness.join(join().instance("i-1"));
        harness.advance(0);
        assertEquals(Errors.NONE, error(response.join()));
        assertTrue(response.join().memberId().startsWith("i-1-"));
    }

    @Test
    void staticRejoinInStableGroupKeepsTheGenerationWithoutRebalance() {
        List<JoinGroupResponseData> joined = stableStaticGroup();
        JoinGroupResponseData rejoined = harness.join(join().instance("follower")).join();
        assertEquals(Errors.NONE, error(rejoined));
        assertNotEquals(joined.get(1).memberId(), rejoined.memberId());
        assertEquals(1, rejoined.generationId());
        assertEquals(ClassicGroupState.STABLE, harness.group().state());
        SyncGroupResponseData sync = harness.sync(rejoined.memberId(), 1, List.of()).join();
        assertArrayEquals(assignmentOf(joined.get(1).memberId()), sync.assignment(), "it keeps its assignment");
    }

    @Test
    void staticRejoinIsAnsweredOnlyOnceTheNewMemberIdIsCommitted() {
        stableStaticGroup();
        harness.holdCommits();
        CompletableFuture<JoinGroupResponseData> rejoined = harness.join(join().instance("follower"));
        assertFalse(rejoined.isDone());
        harness.releaseCommits();
        assertEquals(Errors.NONE, error(rejoined.join()));
    }

    @Test
    void restartAfterStaticRejoinKnowsTheNewMemberId() {
        stableStaticGroup();
        String newId = harness.join(join().instance("follower")).join().memberId();
        ClassicGroup reloaded = harness.restarted().group();
        assertEquals(newId, reloaded.staticMemberId("follower"));
        assertEquals(ClassicGroupState.STABLE, reloaded.state());
    }

    @Test
    void replacedStaticMemberIsFenced() {
        List<JoinGroupResponseData> joined = stableStaticGroup();
        harness.join(join().instance("follower"));
        assertEquals(Errors.FENCED_INSTANCE_ID, harness.heartbeat(joined.get(1).memberId(), "follower", 1));
        assertEquals(Errors.FENCED_INSTANCE_ID, error(harness.join(join().member(joined.get(1).memberId()).instance("follower")).join()));
    }

    @Test
    void replacedStaticMembersParkedJoinIsFenced() {
        List<JoinGroupResponseData> joined = stableStaticGroup();
        CompletableFuture<JoinGroupResponseData> parked = harness.join(join().member(joined.get(0).memberId()).instance("leader"));
        assertFalse(parked.isDone(), "the leader's rejoin starts a rebalance");
        harness.join(join().instance("leader"));
        assertEquals(Errors.FENCED_INSTANCE_ID, error(parked.join()));
    }

    @Test
    void staticLeaderRejoiningAtV9IsToldToSkipTheAssignment() {
        stableStaticGroup();
        JoinGroupResponseData rejoined = harness.join(join().instance("leader")).join();
        assertEquals(rejoined.memberId(), rejoined.leader());
        assertTrue(rejoined.skipAssignment());
        assertEquals(2, rejoined.members().size());
    }

    @Test
    void staticLeaderRejoiningBeforeV9IsNotToldItLeads() {
        List<JoinGroupResponseData> joined = stableStaticGroup();
        JoinGroupResponseData rejoined = harness.join(join().instance("leader").version(8)).join();
        assertEquals(joined.get(0).memberId(), rejoined.leader());
        assertFalse(rejoined.skipAssignment());
        assertTrue(rejoined.members().isEmpty());
    }

    @Test
    void staticRejoinThatChangesTheSelectedProtocolRebalances() {
        stableStaticGroup();
        harness.join(join().instance("leader").protocols(protocol("sticky", subscription("t")), protocol("range", subscription("t"))));
        assertEquals(ClassicGroupState.STABLE, harness.group().state(), "the follower does not support sticky yet");
        harness.join(join().instance("follower").protocols(protocol("sticky", subscription("t")), protocol("range", subscription("t"))));
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, harness.group().state());
    }

    @Test
    void staticMemberThatDoesNotRejoinStaysInTheNextGeneration() {
        List<JoinGroupResponseData> joined = stableStaticGroup();
        CompletableFuture<JoinGroupResponseData> leader = harness.join(join().member(joined.get(0).memberId()).instance("leader"));
        for (int i = 0; i < 3; i++) {
            harness.advance(9000);
            harness.heartbeat(joined.get(1).memberId(), "follower", 1);
        }
        harness.advance(ClassicGroupHarness.REBALANCE_TIMEOUT_MS - 27_000);
        assertEquals(2, leader.join().generationId());
        assertTrue(harness.group().hasMember(joined.get(1).memberId()), "static members are not removed for missing a rebalance");
    }
}
