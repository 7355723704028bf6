package io.tributary.coordinator.group.classic;

import static io.tributary.coordinator.group.classic.ClassicGroupHarness.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.coordinator.record.GroupMetadataValue;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.JoinGroupResponseData;
import io.tributary.protocol.message.LeaveGroupRequestData;
import io.tributary.protocol.message.LeaveGroupRequestData.MemberIdentity;
import io.tributary.protocol.message.LeaveGroupResponseData;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ClassicGroupLeaveTest {

    private final ClassicGroupHarness harness = new ClassicGroupHarness();

    private static MemberIdentity member(String memberId, String instanceId) {
        return new MemberIdentity().setMemberId(memberId).setGroupInstanceId(instanceId);
    }

    @Test
    void leaveOfMissingGroupIsUnknownMember() {
        LeaveGroupResponseData response = harness.leave((short) 3, new LeaveGroupRequestData().setMembers(List.of(member("m", null))));
        assertEquals(Errors.UNKNOWN_MEMBER_ID.code(), response.errorCode());
    }

    @Test
    void singleMemberLeaveBeforeV3AnswersAtTopLevel() {
        List<JoinGroupResponseData> stable = harness.formStableGroup(2);
        LeaveGroupResponseData left = harness.leave((short) 2, new LeaveGroupRequestData().setMemberId(stable.get(1).memberId()));
        assertEquals(Errors.NONE.code(), left.errorCode());
        assertTrue(left.members().isEmpty());
        LeaveGroupResponseData unknown = harness.leave((short) 0, new LeaveGroupRequestData().setMemberId("ghost"));
        assertEquals(Errors.UNKNOWN_MEMBER_ID.code(), unknown.errorCode());
    }

    @Test
    void leaveTriggersRebalanceForTheOthers() {
        List<JoinGroupResponseData> stable = harness.formStableGroup(2);
        harness.leave((short) 1, new LeaveGroupRequestData().setMemberId(stable.get(1).memberId()));
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, harness.group().state());
        CompletableFuture<JoinGroupResponseData> rejoined = harness.join(join().member(stable.get(0).memberId()));
        assertEquals(2, rejoined.join().generationId());
        assertEquals(1, rejoined.join().members().size());
    }

    @Test
    void batchedLeaveAnswersEachMember() {
        List<JoinGroupResponseData> stable = harness.formStableGroup(3);
        harness.join(join().instance("static-1"));
        harness.join(join().member(stable.get(0).memberId()));
        harness.join(join().member(stable.get(1).memberId()));
        harness.join(join().member(stable.get(2).memberId()));
        String staticId = harness.group().staticMemberId("static-1");
        LeaveGroupResponseData response = harness.leave((short) 5, new LeaveGroupRequestData().setMembers(List.of(
                member(stable.get(0).memberId(), null),
                member("ghost", null),
                member("", "static-1"),
                member("wrong-id", "static-unknown"),
                member(stable.get(1).memberId(), "not-its-instance"))));
        assertEquals(Errors.NONE.code(), response.errorCode());
        assertEquals(List.of(Errors.NONE, Errors.UNKNOWN_MEMBER_ID, Errors.NONE, Errors.UNKNOWN_MEMBER_ID, Errors.UNKNOWN_MEMBER_ID),
                response.members().stream().map(m -> Errors.forCode(m.errorCode())).toList());
        assertFalse(harness.group().hasMember(stable.get(0).memberId()));
        assertFalse(harness.group().hasMember(staticId));
    }

    @Test
    void leaveNamingAnotherMembersInstanceIdIsFenced() {
        harness.join(join().instance("i-1"));
        harness.advance(0);
        LeaveGroupResponseData response = harness.leave((short) 3,
                new LeaveGroupRequestData().setMembers(List.of(member("impostor", "i-1"))));
        assertEquals(Errors.FENCED_INSTANCE_ID.code(), response.members().get(0).errorCode());
    }

    @Test
    void pendingMemberMayLeave() {
        String pending = harness.join(join()).join().memberId();
        LeaveGroupResponseData response = harness.leave((short) 3, new LeaveGroupRequestData().setMembers(List.of(member(pending, null))));
        assertEquals(Errors.NONE.code(), response.members().get(0).errorCode());
        assertFalse(harness.group().isPendingMember(pending));
    }

    @Test
    void lastMemberLeavingWritesTheGroupEmpty() {
        List<JoinGroupResponseData> stable = harness.formStableGroup(1);
        harness.leave((short) 3, new LeaveGroupRequestData().setMembers(List.of(member(stable.get(0).memberId(), null))));
        assertEquals(ClassicGroupState.EMPTY, harness.group().state());
        assertEquals(2, harness.group().generationId());
        GroupMetadataValue value = (GroupMetadataValue) harness.log.get(harness.log.size() - 1).value();
        assertTrue(value.members().isEmpty());
        assertEquals(2, value.generation());
        ClassicGroup reloaded = harness.restarted().group();
        assertEquals(ClassicGroupState.EMPTY, reloaded.state());
        assertEquals("consumer", reloaded.protocolType());
    }
}
