package io.tributary.coordinator.group.classic;

import static io.tributary.coordinator.group.classic.ClassicGroupHarness.SESSION_TIMEOUT_MS;
import static io.tributary.coordinator.group.classic.ClassicGroupHarness.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.coordinator.record.GroupMetadataValue;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.JoinGroupResponseData;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ClassicGroupHeartbeatTest {

    private final ClassicGroupHarness harness = new ClassicGroupHarness();

    @Test
    void heartbeatToMissingGroupIsUnknownMember() {
        assertEquals(Errors.UNKNOWN_MEMBER_ID, harness.heartbeat("ghost", 1));
    }

    @Test
    void heartbeatOfUnknownMemberIsRefused() {
        harness.formStableGroup(1);
        assertEquals(Errors.UNKNOWN_MEMBER_ID, harness.heartbeat("ghost", 1));
    }

    @Test
    void heartbeatWithOtherGenerationIsIllegal() {
        String member = harness.formStableGroup(1).get(0).memberId();
        assertEquals(Errors.ILLEGAL_GENERATION, harness.heartbeat(member, 0));
    }

    @Test
    void heartbeatWhilePreparingRebalanceAsksToRejoin() {
        List<JoinGroupResponseData> stable = harness.formStableGroup(2);
        harness.join(join().member(stable.get(0).memberId()));
        assertEquals(Errors.REBALANCE_IN_PROGRESS, harness.heartbeat(stable.get(1).memberId(), 1));
    }

    @Test
    void heartbeatWhileCompletingRebalanceIsAccepted() {
        String member = harness.formGroup(2).get(1).memberId();
        assertEquals(ClassicGroupState.COMPLETING_REBALANCE, harness.group().state());
        assertEquals(Errors.NONE, harness.heartbeat(member, 1));
    }

    @Test
    void heartbeatWithAnotherMembersInstanceIdIsFenced() {
        CompletableFuture<JoinGroupResponseData> joined = harness.join(join().instance("i-1"));
        harness.advance(0);
        JoinGroupResponseData response = joined.join();
        assertEquals(Errors.FENCED_INSTANCE_ID, harness.heartbeat("impostor", "i-1", 1));
        assertEquals(Errors.NONE, harness.heartbeat(response.memberId(), "i-1", 1));
    }

    @Test
    void heartbeatsKeepTheSessionAlive() {
        List<JoinGroupResponseData> stable = harness.formStableGroup(2);
        for (int i = 0; i < 5; i++) {
            harness.advance(SESSION_TIMEOUT_MS - 1);
            stable.forEach(r -> assertEquals(Errors.NONE, harness.heartbeat(r.memberId(), 1)));
        }
        assertEquals(ClassicGroupState.STABLE, harness.group().state());
    }

    @Test
    void expiredSessionRemovesTheMemberAndRebalances() {
        List<JoinGroupResponseData> stable = harness.formStableGroup(2);
        harness.advance(SESSION_TIMEOUT_MS - 1);
        assertEquals(Errors.NONE, harness.heartbeat(stable.get(0).memberId(), 1));
        harness.advance(1);
        assertFalse(harness.group().hasMember(stable.get(1).memberId()));
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, harness.group().state());
    }

    @Test
    void lastMemberExpiringEmptiesTheGroupDurably() {
        harness.formStableGroup(1);
        harness.advance(SESSION_TIMEOUT_MS);
        assertEquals(ClassicGroupState.EMPTY, harness.group().state());
        GroupMetadataValue last = (GroupMetadataValue) harness.log.get(harness.log.size() - 1).value();
        assertTrue(last.members().isEmpty());
        assertEquals(ClassicGroupState.EMPTY, harness.restarted().group().state());
    }

    @Test
    void loadedMembersThatNeverHeartbeatExpire() {
        List<JoinGroupResponseData> stable = harness.formStableGroup(2);
        ClassicGroupHarness reloaded = harness.restarted();
        reloaded.advance(SESSION_TIMEOUT_MS - 1);
        assertEquals(Errors.NONE, reloaded.heartbeat(stable.get(0).memberId(), 1));
        reloaded.advance(1);
        assertFalse(reloaded.group().hasMember(stable.get(1).memberId()));
    }
}
