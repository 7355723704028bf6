package io.tributary.coordinator.group.classic;

import static io.tributary.coordinator.group.classic.ClassicGroupHarness.join;
import static io.tributary.coordinator.group.classic.ClassicGroupHarness.protocol;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.ManualTime;
import io.tributary.coordinator.runtime.CoordinatorException;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.JoinGroupResponseData;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ClassicGroupOffsetValidationTest {

    private final ClassicGroupHarness harness = new ClassicGroupHarness();

    private static void assertError(Errors expected, Executable check) {
        assertEquals(expected, assertThrows(CoordinatorException.class, check).error());
    }

    private void commit(String memberId, String instanceId, int generation) {
        harness.group().validateOffsetCommit(memberId, instanceId, generation, false, (short) 8);
    }

    @Test
    void emptyGroupAcceptsCommitsWithoutGeneration() {
        harness.manager.getOrCreateEmptyGroup(ClassicGroupHarness.GROUP);
        assertDoesNotThrow(() -> commit("", null, -1));
    }

    @Test
    void memberOfTheCurrentGenerationMayCommit() {
        String member = harness.formStableGroup(2).get(1).memberId();
        assertDoesNotThrow(() -> commit(member, null, 1));
    }

    @Test
    void commitFromUnknownMemberIsRefused() {
        harness.formStableGroup(1);
        assertError(Errors.UNKNOWN_MEMBER_ID, () -> commit("ghost", null, 1));
    }

    @Test
    void commitWithoutMembershipToGroupWithMembersIsUnknownMember() {
        harness.formStableGroup(1);
        assertError(Errors.UNKNOWN_MEMBER_ID, () -> commit("", null, -1));
    }

    @Test
    void transactionalCommitWithoutMembershipIsAccepted() {
        harness.formStableGroup(1);
        assertDoesNotThrow(() -> harness.group().validateOffsetCommit("", null, -1, true, (short) 3));
    }

    @Test
    void commitWithOldGenerationIsIllegal() {
        String member = harness.formStableGroup(1).get(0).memberId();
        assertError(Errors.ILLEGAL_GENERATION, () -> commit(member, null, 0));
    }

    @Test
    void commitWithAnotherMembersInstanceIdIsFenced() {
        harness.join(join().instance("i-1"));
        harness.advance(0);
        assertError(Errors.FENCED_INSTANCE_ID, () -> commit("impostor", "i-1", 1));
    }

    @Test
    void commitWhileCompletingRebalanceIsRebalanceInProgress() {
        String member = harness.formGroup(1).get(0).memberId();
        assertError(Errors.REBALANCE_IN_PROGRESS, () -> commit(member, null, 1));
    }

    @Test
    void deadGroupRefusesCommitsDeletionAndOffsetDeletion() {
        ClassicGroup dead = new ClassicGroup("gone", new ManualTime());
        dead.transitionTo(ClassicGroupState.DEAD);
        assertError(Errors.COORDINATOR_NOT_AVAILABLE, () -> dead.validateOffsetCommit("", null, -1, false, (short) 8));
        assertError(Errors.GROUP_ID_NOT_FOUND, dead::validateDeleteGroup);
        assertError(Errors.GROUP_ID_NOT_FOUND, dead::validateOffsetDelete);
    }

    @Test
    void groupWithMembersCannotBeDeleted() {
        harness.formStableGroup(1);
        assertError(Errors.NON_EMPTY_GROUP, harness.group()::validateDeleteGroup);
        harness.manager.getOrCreateEmptyGroup("empty");
        assertDoesNotThrow(harness.manager.classicGroup("empty")::validateDeleteGroup);
    }

    @Test
    void offsetsOfNonConsumerGroupWithMembersCannotBeDeleted() {
        harness.joinNew(join().protocolType("connect"));
        harness.advance(0);
        assertError(Errors.NON_EMPTY_GROUP, harness.group()::validateOffsetDelete);
    }

    @Test
    void consumerGroupIsSubscribedToItsMembersTopics() {
        harness.joinNew(join().client("a").protocols(protocol("range", ClassicGroupHarness.subscription("orders", "payments"))));
        harness.advance(0);
        assertDoesNotThrow(harness.group()::validateOffsetDelete);
        assertTrue(harness.group().isSubscribedTo("payments"));
        assertFalse(harness.group().isSubscribedTo("audit"));
    }

    @Test
    void malformedSubscriptionSubscribesToNothing() {
        harness.joinNew(join().protocols(protocol("range", new byte[] {0, 0, 0, 0, 0, 9, 0})));
        harness.advance(0);
        assertFalse(harness.group().isSubscribedTo("t"));
    }

    @Test
    void emptyGroupIsSubscribedToNothing() {
        List<JoinGroupResponseData> stable = harness.formStableGroup(1);
        harness.advance(ClassicGroupHarness.SESSION_TIMEOUT_MS);
        assertTrue(harness.group().isEmpty(), stable.get(0).memberId() + " expired");
        assertFalse(harness.group().isSubscribedTo("t"));
    }
}
