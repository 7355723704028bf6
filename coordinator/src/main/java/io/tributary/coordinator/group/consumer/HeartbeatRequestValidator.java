package io.tributary.coordinator.group.consumer;

import io.tributary.coordinator.runtime.CoordinatorException;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.ConsumerGroupHeartbeatRequestData;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a ConsumerGroupHeartbeat before it touches any state, with Kafka's rules and messages:
 * from version 1 the client generates its member id, so it is required on every request; in
 * version 0 the coordinator generates it on the first (epoch 0) request.
 */
final class HeartbeatRequestValidator {

    /** The first version in which the client generates its member id (KIP-1082). */
    static final short CONSUMER_GENERATED_MEMBER_ID_REQUIRED_VERSION = 1;

    private HeartbeatRequestValidator() {
    }

    /**
     * @throws CoordinatorException INVALID_REQUEST, INVALID_REGULAR_EXPRESSION or UNSUPPORTED_ASSIGNOR
     */
    static void validate(ConsumerGroupHeartbeatRequestData request, short apiVersion, Set<String> assignors) {
        int epoch = request.memberEpoch();
        if (apiVersion >= CONSUMER_GENERATED_MEMBER_ID_REQUIRED_VERSION || epoch > 0
                || epoch == ConsumerGroupMember.LEAVE_GROUP_MEMBER_EPOCH) {
            throwIfEmpty(request.memberId(), "MemberId can't be empty.");
        }
        throwIfEmpty(request.groupId(), "GroupId can't be empty.");
        throwIfEmpty(request.instanceId(), "InstanceId can't be empty.");
        throwIfEmpty(request.rackId(), "RackId can't be empty.");

        if (epoch == 0) {
            if (request.rebalanceTimeoutMs() == -1) {
                throw invalid("RebalanceTimeoutMs must be provided in first request.");
            }
            if (request.topicPartitions() == null || !request.topicPartitions().isEmpty()) {
                throw invalid("TopicPartitions must be empty when (re-)joining.");
            }
            if (request.subscribedTopicNames() == null && request.subscribedTopicRegex() == null) {
                throw invalid("Either SubscribedTopicNames or SubscribedTopicRegex must be non-null when (re-)joining.");
            }
        } else if (epoch == ConsumerGroupMember.LEAVE_GROUP_STATIC_MEMBER_EPOCH) {
            if (request.instanceId() == null) {
                throw invalid("InstanceId can't be null.");
            }
        } else if (epoch < ConsumerGroupMember.LEAVE_GROUP_STATIC_MEMBER_EPOCH) {
            throw invalid("MemberEpoch is invalid.");
        }

        if (request.subscribedTopicRegex() != null && !request.subscribedTopicRegex().isEmpty()) {
            try {
                SubscriptionResolver.compile(request.subscribedTopicRegex());
            } catch (PatternSyntaxException e) {
                throw new CoordinatorException(Errors.INVALID_REGULAR_EXPRESSION,
                        "SubscribedTopicRegex " + request.subscribedTopicRegex() + " is not a valid regular expression: " + e.getDescription());
            }
        }
        if (request.serverAssignor() != null && !assignors.contains(request.serverAssignor())) {
            throw new CoordinatorException(Errors.UNSUPPORTED_ASSIGNOR, "ServerAssignor " + request.serverAssignor()
                    + " is not supported. Supported assignors: " + String.join(", ", assignors) + ".");
        }
    }

    private static void throwIfEmpty(String value, String message) {
        if (value != null && value.isEmpty()) {
            throw invalid(message);
        }
    }

    private static CoordinatorException invalid(String message) {
        return new CoordinatorException(Errors.INVALID_REQUEST, message);
    }
}
