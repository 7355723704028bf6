package io.tributary.coordinator.group.classic;

import static io.tributary.coordinator.group.classic.ClassicGroupHarness.error;
import static io.tributary.coordinator.group.classic.ClassicGroupHarness.join;
import static io.tributary.coordinator.group.classic.ClassicGroupHarness.protocol;
import static io.tributary.coordinator.group.classic.ClassicGroupHarness.subscription;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.coordinator.group.GroupConfig;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.JoinGroupResponseData;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ClassicGroupJoinTest {

    private final ClassicGroupHarness harness = new ClassicGroupHarness();

    @Test
    void sessionTimeoutBelowMinimumIsInvalid() {
        JoinGroupResponseData response = harness.join(join().sessionTimeout(5999)).join();
        assertEquals(Errors.INVALID_SESSION_TIMEOUT, error(response));
        assertNull(harness.group());
    }

    @Test
    void sessionTimeoutAboveMaximumIsInvalid() {
        assertEquals(Errors.INVALID_SESSION_TIMEOUT, error(harness.join(join().sessionTimeout(1_800_001)).join()));
    }

    @Test
    void unknownMemberIdFromV4IsToldItsMemberIdFirst() {
        JoinGroupResponseData response = harness.join(join().client("app")).join();
        assertEquals(Errors.MEMBER_ID_REQUIRED, error(response));
        assertTrue(response.memberId().startsWith("app-"), response.memberId());
        assertTrue(harness.group().isPendingMember(response.memberId()));
        assertEquals(0, harness.group().size());
    }

    @Test
    void pendingMemberThatNeverRejoinsIsDroppedAfterItsSessionTimeout() {
        String memberId = harness.join(join()).join().memberId();
        harness.advance(ClassicGroupHarness.SESSION_TIMEOUT_MS);
        assertFalse(harness.group().isPendingMember(memberId));
    }

    @Test
    void joinBeforeV4IsAdmittedWithoutTheMemberIdRoundTrip() {
        CompletableFuture<JoinGroupResponseData> response = harness.join(join().version(3));
        harness.advance(0);
        assertEquals(Errors.NONE, error(response.join()));
        assertEquals(1, response.join().generationId());
    }

    @Test
    void knownMemberIdOfMissingGroupIsUnknown() {
        assertEquals(Errors.UNKNOWN_MEMBER_ID, error(harness.join(join().member("ghost")).join()));
        assertNull(harness.group());
    }

    @Test
    void emptyProtocolTypeOfFirstMemberIsInconsistent() {
        assertEquals(Errors.INCONSISTENT_GROUP_PROTOCOL, error(harness.join(join().protocolType("")).join()));
        assertNull(harness.group(), "a group nobody could join is not kept");
    }

    @Test
    void otherProtocolTypeThanTheGroupsIsInconsistent() {
        harness.formGroup(1);
        assertEquals(Errors.INCONSISTENT_GROUP_PROTOCOL, error(harness.join(join().protocolType("connect")).join()));
    }

    @Test
    void protocolsSharedWithNoMemberAreInconsistent() {
        harness.formGroup(1);
        JoinGroupResponseData response = harness.join(join().protocols(protocol("roundrobin", subscription("t")))).join();
        assertEquals(Errors.INCONSISTENT_GROUP_PROTOCOL, error(response));
    }

    @Test
    void joinBeyondGroupMaxSizeIsRefused() {
        ClassicGroupHarness small = new ClassicGroupHarness(new GroupConfig(50, 4096, 1000, 1000, 6000, 1_800_000, 0, 2,
                45_000, 45_000, 60_000, 5000, Integer.MAX_VALUE, List.of("uniform"), true));
        small.formStableGroup(2);
        JoinGroupResponseData response = small.join(join().client("third")).join();
        assertEquals(Errors.GROUP_MAX_SIZE_REACHED, error(response));
        assertEquals(2, small.group().size());
    }

    @Test
    void threeMembersJoinOneGenerationAndOnlyTheLeaderGetsTheMemberList() {
        List<JoinGroupResponseData> joined = harness.formGroup(3);
        String leader = joined.get(0).memberId();
        for (JoinGroupResponseData response : joined) {
            assertEquals(Errors.NONE, error(response));
            assertEquals(1, response.generationId());
            assertEquals("range", response.protocolName());
            assertEquals("consumer", response.protocolType());
            assertEquals(leader, response.leader());
        }
        assertEquals(List.of(joined.get(0).memberId(), joined.get(1).memberId(), joined.get(2).memberId()),
                joined.get(0).members().stream().map(m -> m.memberId()).toList());
        assertTrue(joined.get(1).members().isEmpty());
        assertEquals(ClassicGroupState.COMPLETING_REBALANCE, harness.group().state());
    }

    @Test
    void protocolIsChosenByTheMembersVotes() {
        harness.joinNew(join().client("a").protocols(protocol("range", new byte[0]), protocol("sticky", new byte[0])));
        harness.joinNew(join().client("b").protocols(protocol("sticky", new byte[0]), protocol("range", new byte[0])));
        CompletableFuture<JoinGroupResponseData> third =
                harness.joinNew(join().client("c").protocols(protocol("sticky", new byte[0]), protocol("range", new byte[0])));
        harness.advance(0);
        assertEquals("sticky", third.join().protocolName());
    }

    @Test
    void initialRebalanceWaitsTheInitialDelay() {
        ClassicGroupHarness delayed = new ClassicGroupHarness(GroupConfig.defaults());
        CompletableFuture<JoinGroupResponseData> first = delayed.joinNew(join());
        delayed.advance(2999);
        assertFalse(first.isDone());
        delayed.advance(1);
        assertEquals(1, first.join().generationId());
    }

    @Test
    void initialDelayIsExtendedWhileMembersKeepJoining() {
        ClassicGroupHarness delayed = new ClassicGroupHarness(GroupConfig.defaults());
        CompletableFuture<JoinGroupResponseData> first = delayed.joinNew(join().client("a"));
        delayed.advance(2000);
        CompletableFuture<JoinGroupResponseData> second = delayed.joinNew(join().client("b"));
        delayed.advance(1000);
        assertFalse(first.isDone(), "a member joined during the delay: it is extended");
        delayed.advance(3000);
        assertTrue(first.isDone());
        assertEquals(2, second.join().members().size() + first.join().members().size());
    }

    @Test
    void initialDelayNeverExceedsTheRebalanceTimeout() {
        ClassicGroupHarness delayed = new ClassicGroupHarness(GroupConfig.defaults());
        CompletableFuture<JoinGroupResponseData> first = delayed.joinNew(join().client("a").rebalanceTimeout(5000));
        for (int i = 0; i < 3; i++) {
            delayed.advance(2000);
            delayed.joinNew(join().client("m" + i).rebalanceTimeout(5000));
        }
        assertTrue(first.isDone(), "the delay is capped at the rebalance timeout");
    }

    @Test
    void rebalanceCompletesWhenAllKnownMembersRejoin() {
        List<JoinGroupResponseData> stable = harness.formStableGroup(2);
        CompletableFuture<JoinGroupResponseData> newcomer = harness.joinNew(join().client("new"));
        assertFalse(newcomer.isDone());
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, harness.group().state());
        CompletableFuture<JoinGroupResponseData> a = harness.join(join().member(stable.get(0).memberId()));
        assertFalse(a.isDone());
        harness.join(join().member(stable.get(1).memberId()));
        assertEquals(2, newcomer.join().generationId());
        assertEquals(3, a.join().members().size());
    }

    @Test
    void membersThatDoNotRejoinBeforeTheRebalanceTimeoutAreRemoved() {
        List<JoinGroupResponseData> stable = harness.formStableGroup(2);
        String silent = stable.get(0).memberId();
        CompletableFuture<JoinGroupResponseData> rejoined =
                harness.join(join().member(stable.get(1).memberId()).protocols(protocol("range", subscription("t", "u"))));
        for (int i = 0; i < 3; i++) {
            harness.advance(9000);
            assertEquals(Errors.REBALANCE_IN_PROGRESS, harness.heartbeat(silent, 1), "alive, but not rejoining");
        }
        harness.advance(ClassicGroupHarness.REBALANCE_TIMEOUT_MS - 27_000);
        assertEquals(2, rejoined.join().generationId());
        assertEquals(stable.get(1).memberId(), rejoined.join().leader(), "the leader did not rejoin: another one is elected");
        assertFalse(harness.group().hasMember(silent));
    }

    @Test
    void followerRejoiningStableGroupWithSameMetadataGetsCurrentGenerationWithoutRebalance() {
        List<JoinGroupResponseData> stable = harness.formStableGroup(2);
        JoinGroupResponseData response = harness.join(join().member(stable.get(1).memberId())).join();
        assertEquals(Errors.NONE, error(response));
        assertEquals(1, response.generationId());
        assertEquals(ClassicGroupState.STABLE, harness.group().state());
    }

    @Test
    void leaderRejoiningStableGroupTriggersRebalance() {
        List<JoinGroupResponseData> stable = harness.formStableGroup(2);
        harness.join(join().member(stable.get(0).memberId()));
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, harness.group().state());
    }

    @Test
    void followerRejoiningWithChangedMetadataTriggersRebalance() {
        List<JoinGroupResponseData> stable = harness.formStableGroup(2);
        harness.join(join().member(stable.get(1).memberId()).protocols(protocol("range", subscription("t", "u"))));
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, harness.group().state());
    }

    @Test
    void memberRejoiningDuringCompletingRebalanceWithSameMetadataGetsTheSameGeneration() {
        List<JoinGroupResponseData> joined = harness.formGroup(2);
        JoinGroupResponseData again = harness.join(join().member(joined.get(0).memberId())).join();
        assertEquals(1, again.generationId());
        assertEquals(2, again.members().size(), "the leader gets the member list again");
        assertEquals(ClassicGroupState.COMPLETING_REBALANCE, harness.group().state());
    }

    @Test
    void protocolNameIsEmptyNotNullBeforeV7() {
        JoinGroupResponseData response = harness.join(join().version(6).member("ghost")).join();
        assertEquals("", response.protocolName());
    }
}
