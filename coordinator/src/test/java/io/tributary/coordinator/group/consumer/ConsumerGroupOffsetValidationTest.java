package io.tributary.coordinator.group.consumer;

import static io.tributary.coordinator.group.consumer.ConsumerGroupTestContext.heartbeatRequest;
import static io.tributary.coordinator.group.consumer.ConsumerGroupTestContext.joinRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.coordinator.runtime.CoordinatorException;
import io.tributary.protocol.Errors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** What the offset and delete paths ask of a consumer group. */
class ConsumerGroupOffsetValidationTest {

    private final ConsumerGroupTestContext context = new ConsumerGroupTestContext().topic("orders", 2);

    private ConsumerGroup groupWithMemberAtEpochOne() {
        context.heartbeatOk(joinRequest("a", "orders"));
        return context.group();
    }

    private static void assertError(Errors error, Executable check) {
        assertEquals(error, assertThrows(CoordinatorException.class, check).error());
    }

    @Test
    void adminCommitToAnEmptyGroupIsAccepted() {
        ConsumerGroup group = groupWithMemberAtEpochOne();
        context.heartbeatOk(heartbeatRequest("a", -1, PartitionAssignment.EMPTY));

        group.validateOffsetCommit("", null, -1, false, (short) 8);
    }

    @Test
    void commitFromTheMemberAtItsEpochIsAccepted() {
        groupWithMemberAtEpochOne().validateOffsetCommit("a", null, 1, false, (short) 9);
    }

    @Test
    void commitFromAnUnknownMemberIsUnknownMemberId() {
        assertError(Errors.UNKNOWN_MEMBER_ID, () -> groupWithMemberAtEpochOne().validateOffsetCommit("x", null, 1, false, (short) 9));
    }

    @Test
    void commitBelowVersionNineIsUnsupportedForAConsumerMember() {
        assertError(Errors.UNSUPPORTED_VERSION, () -> groupWithMemberAtEpochOne().validateOffsetCommit("a", null, 1, false, (short) 8));
    }

    @Test
    void transactionalCommitBelowVersionNineIsAccepted() {
        groupWithMemberAtEpochOne().validateOffsetCommit("a", null, 1, true, (short) 3);
    }

    @Test
    void commitWithANewerEpochIsFencedAndWithAnOlderOneIsStale() {
        ConsumerGroup group = groupWithMemberAtEpochOne();
        context.topic("orders", 3);
        context.heartbeatOk(heartbeatRequest("a", 1, ConsumerGroupTestContext.partitions(context.topicId("orders"), 0, 1)));

        assertError(Errors.FENCED_MEMBER_EPOCH, () -> group.validateOffsetCommit("a", null, 3, false, (short) 9));
        assertError(Errors.STALE_MEMBER_EPOCH, () -> group.validateOffsetCommit("a", null, 1, false, (short) 9));
    }

    @Test
    void fetchChecksMemberAndEpoch() {
        ConsumerGroup group = groupWithMemberAtEpochOne();

        group.validateOffsetFetch(null, -1);
        group.validateOffsetFetch("a", 1);
        assertError(Errors.UNKNOWN_MEMBER_ID, () -> group.validateOffsetFetch("x", 1));
        assertError(Errors.STALE_MEMBER_EPOCH, () -> group.validateOffsetFetch("a", 0));
    }

    @Test
    void groupWithMembersCannotBeDeleted() {
        assertError(Errors.NON_EMPTY_GROUP, () -> groupWithMemberAtEpochOne().validateDeleteGroup());
    }

    @Test
    void subscribedTopicIsReportedForOffsetDelete() {
        ConsumerGroup group = groupWithMemberAtEpochOne();

        group.validateOffsetDelete();
        assertTrue(group.isSubscribedTo("orders"));
        assertFalse(group.isSubscribedTo("payments"));
    }
}
