package io.tributary.coordinator.group.consumer;

import static io.tributary.coordinator.group.consumer.ConsumerGroupTestContext.heartbeatRequest;
import static io.tributary.coordinator.group.consumer.ConsumerGroupTestContext.joinRequest;
import static io.tributary.coordinator.group.consumer.ConsumerGroupTestContext.partitions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tributary.coordinator.group.GroupConfig;
import io.tributary.protocol.Errors;
import io.tributary.protocol.Uuid;
import io.tributary.protocol.message.ConsumerGroupHeartbeatResponseData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests refused before they touch any state, and the epoch and member checks of a heartbeat. */
class ConsumerGroupHeartbeatValidationTest {

    private final ConsumerGroupTestContext context = new ConsumerGroupTestContext().topic("orders", 4);
    private final Uuid orders = context.topicId("orders");

    @Test
    void joinWithoutRebalanceTimeoutIsInvalid() {
        ConsumerGroupHeartbeatResponseData response = context.heartbeatFails(Errors.INVALID_REQUEST,
                joinRequest("a", "orders").setRebalanceTimeoutMs(-1));
        assertEquals("RebalanceTimeoutMs must be provided in first request.", response.errorMessage());
    }

    @Test
    void joinWithoutSubscriptionIsInvalid() {
        context.heartbeatFails(Errors.INVALID_REQUEST, joinRequest("a").setSubscribedTopicNames(null));
    }

    @Test
    void joinReportingOwnedPartitionsIsInvalid() {
        context.heartbeatFails(Errors.INVALID_REQUEST, joinRequest("a", "orders").setTopicPartitions(
                heartbeatRequest("a", 1, partitions(orders, 0)).topicPartitions()));
    }

    @Test
    void emptyMemberIdIsInvalidFromVersionOne() {
        context.heartbeatFails(Errors.INVALID_REQUEST, joinRequest("", "orders"));
    }

    @Test
    void versionZeroJoinGetsAMemberIdFromTheCoordinator() {
        ConsumerGroupHeartbeatResponseData response = context.heartbeat((short) 0, joinRequest("", "orders"));

        assertEquals(Errors.NONE.code(), response.errorCode());
        assertFalse(response.memberId().isEmpty());
        assertEquals(response.memberId(), context.group().members().firstKey());
    }

    @Test
    void epochBelowMinusTwoIsInvalid() {
        context.heartbeatFails(Errors.INVALID_REQUEST, heartbeatRequest("a", -3, PartitionAssignment.EMPTY));
    }

    @Test
    void unknownServerAssignorIsUnsupported() {
        context.heartbeatFails(Errors.UNSUPPORTED_ASSIGNOR, joinRequest("a", "orders").setServerAssignor("sticky"));
    }

    @Test
    void invalidRegexIsRejected() {
        context.heartbeatFails(Errors.INVALID_REGULAR_EXPRESSION, joinRequest("a").setSubscribedTopicRegex("logs-(["));
    }

    @Test
    void heartbeatToAMissingGroupIsGroupIdNotFound() {
        context.heartbeatFails(Errors.GROUP_ID_NOT_FOUND, heartbeatRequest("a", 1, PartitionAssignment.EMPTY));
    }

    @Test
    void heartbeatFromAnUnknownMemberIsUnknownMemberId() {
        context.heartbeatOk(joinRequest("a", "orders"));
        context.heartbeatFails(Errors.UNKNOWN_MEMBER_ID, heartbeatRequest("stranger", 1, PartitionAssignment.EMPTY));
    }

    @Test
    void epochAheadOfTheCoordinatorIsFenced() {
        context.heartbeatOk(joinRequest("a", "orders"));
        context.heartbeatFails(Errors.FENCED_MEMBER_EPOCH, heartbeatRequest("a", 5, partitions(orders, 0, 1, 2, 3)));
    }

    @Test
    void olderEpochIsFencedUnlessItIsThePreviousOneWithOwnedPartitions() {
        context.heartbeatOk(joinRequest("a", "orders"));
        context.topic("orders", 5);
        context.heartbeatOk(heartbeatRequest("a", 1, partitions(orders, 0, 1, 2, 3)));
        assertEquals(2, context.member("a").memberEpoch());

        ConsumerGroupHeartbeatResponseData lostResponse = context.heartbeatOk(heartbeatRequest("a", 1, partitions(orders, 0, 1, 2, 3)));
        assertEquals(2, lostResponse.memberEpoch());
        context.topic("orders", 6);
        context.heartbeatOk(heartbeatRequest("a", 2, partitions(orders, 0, 1, 2, 3, 4)));
        assertEquals(3, context.member("a").memberEpoch());
        context.heartbeatFails(Errors.FENCED_MEMBER_EPOCH, heartbeatRequest("a", 1, partitions(orders, 0)));
    }

    @Test
    void fullGroupRefusesANewMember() {
        GroupConfig defaults = GroupConfig.defaults();
        ConsumerGroupTestContext small = new ConsumerGroupTestContext(new GroupConfig(defaults.offsetsTopicNumPartitions(),
                defaults.offsetMetadataMaxBytes(), defaults.offsetsRetentionMs(), defaults.offsetsRetentionCheckIntervalMs(),
                defaults.classicMinSessionTimeoutMs(), defaults.classicMaxSessionTimeoutMs(), defaults.classicInitialRebalanceDelayMs(),
                defaults.classicMaxSize(), defaults.consumerSessionTimeoutMs(), defaults.consumerMinSessionTimeoutMs(),
                defaults.consumerMaxSessionTimeoutMs(), defaults.consumerHeartbeatIntervalMs(), 1, List.of("uniform", "range"), true))
                .topic("orders", 2);
        small.heartbeatOk(joinRequest("a", "orders"));

        small.heartbeatFails(Errors.GROUP_MAX_SIZE_REACHED, joinRequest("b", "orders"));
        small.heartbeatOk(joinRequest("a", "orders"));
    }
}
