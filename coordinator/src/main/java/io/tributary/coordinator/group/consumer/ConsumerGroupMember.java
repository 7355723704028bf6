package io.tributary.coordinator.group.consumer;

import io.tributary.coordinator.record.ConsumerGroupCurrentMemberAssignmentKey;
import io.tributary.coordinator.record.ConsumerGroupCurrentMemberAssignmentValue;
import io.tributary.coordinator.record.ConsumerGroupMemberMetadataKey;
import io.tributary.coordinator.record.ConsumerGroupMemberMetadataValue;
import io.tributary.coordinator.runtime.CoordinatorRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One member of a consumer group, immutable. Its metadata (subscription, client, timeouts) is
 * persisted as a {@code ConsumerGroupMemberMetadata} record (type 5), its reconciliation state
 * (epochs, state, owned and revoking partitions) as a {@code ConsumerGroupCurrentMemberAssignment}
 * record (type 8).
 *
 * @param memberId                    the member id
 * @param instanceId                  the static instance id, or null for a dynamic member
 * @param rackId                      the rack, or null
 * @param clientId                    the client id of its last heartbeat
 * @param clientHost                  the client host of its last heartbeat
 * @param subscribedTopicNames        the topics it subscribes to by name (sorted)
 * @param subscribedTopicRegex        the regular expression it subscribes with, or null
 * @param rebalanceTimeoutMs          how long it may take to revoke partitions
 * @param serverAssignor              the assignor it asks for, or null
 * @param memberEpoch                 its epoch; {@code -2} after a static member left temporarily
 * @param previousMemberEpoch         its epoch before the last change (a lost response is tolerated)
 * @param state                       its reconciliation state
 * @param assignedPartitions          the partitions it owns
 * @param partitionsPendingRevocation the partitions it must give up (still owned until it reports so)
 */
public record ConsumerGroupMember(
        String memberId,
        String instanceId,
        String rackId,
        String clientId,
        String clientHost,
        Set<String> subscribedTopicNames,
        String subscribedTopicRegex,
        int rebalanceTimeoutMs,
        String serverAssignor,
        int memberEpoch,
        int previousMemberEpoch,
        MemberState state,
        PartitionAssignment assignedPartitions,
        PartitionAssignment partitionsPendingRevocation) {

    /** The epoch of a static member that left and may come back within its session timeout. */
    public static final int LEAVE_GROUP_STATIC_MEMBER_EPOCH = -2;
    public static final int LEAVE_GROUP_MEMBER_EPOCH = -1;

    public ConsumerGroupMember {
        Objects.requireNonNull(memberId, "memberId");
        subscribedTopicNames = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(subscribedTopicNames));
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(assignedPartitions, "assignedPartitions");
        Objects.requireNonNull(partitionsPendingRevocation, "partitionsPendingRevocation");
    }

    /** A member that has not joined yet: epoch 0, nothing owned. */
    public static ConsumerGroupMember newMember(String memberId) {
        return new ConsumerGroupMember(memberId, null, null, "", "", Set.of(), null, -1, null,
                0, 0, MemberState.STABLE, PartitionAssignment.EMPTY, PartitionAssignment.EMPTY);
    }

    public ConsumerGroupMember withMetadata(String newInstanceId, String newRackId, String newClientId, String newClientHost,
                                            Set<String> newTopicNames, String newTopicRegex, int newRebalanceTimeoutMs,
                                            String newServerAssignor) {
        return new ConsumerGroupMember(memberId, newInstanceId, newRackId, newClientId, newClientHost, newTopicNames,
                newTopicRegex, newRebalanceTimeoutMs, newServerAssignor, memberEpoch, previousMemberEpoch, state,
                assignedPartitions, partitionsPendingRevocation);
    }

    /** The reconciliation state replaced; the previous epoch becomes the current one (Kafka's rule). */
    public ConsumerGroupMember withAssignment(int newEpoch, MemberState newState, PartitionAssignment assigned,
                                              PartitionAssignment pendingRevocation) {
        return withAssignmentState(newEpoch, memberEpoch, newState, assigned, pendingRevocation);
    }

    /** The reconciliation state as read from a record. */
    public ConsumerGroupMember withAssignmentState(int newEpoch, int newPreviousEpoch, MemberState newState,
                                                   PartitionAssignment assigned, PartitionAssignment pendingRevocation) {
        return new ConsumerGroupMember(memberId, instanceId, rackId, clientId, clientHost, subscribedTopicNames,
                subscribedTopicRegex, rebalanceTimeoutMs, serverAssignor, newEpoch, newPreviousEpoch, newState,
                assigned, pendingRevocation);
    }

    /** The same member under another id: a static member replacing its earlier incarnation. */
    public ConsumerGroupMember withMemberId(String newMemberId) {
        return new ConsumerGroupMember(newMemberId, instanceId, rackId, clientId, clientHost, subscribedTopicNames,
                subscribedTopicRegex, rebalanceTimeoutMs, serverAssignor, memberEpoch, previousMemberEpoch, state,
                assignedPartitions, partitionsPendingRevocation);
    }

    public boolean isStatic() {
        return instanceId != null;
    }

    public boolean hasRegex() {
        return subscribedTopicRegex != null && !subscribedTopicRegex.isEmpty();
    }

    /** Whether the metadata persisted in the type 5 record differs. */
    public boolean metadataDiffers(ConsumerGroupMember other) {
        return !Objects.equals(instanceId, other.instanceId) || !Objects.equals(rackId, other.rackId)
                || !Objects.equals(clientId, other.clientId) || !Objects.equals(clientHost, other.clientHost)
                || !subscribedTopicNames.equals(other.subscribedTopicNames)
                || !Objects.equals(subscribedTopicRegex, other.subscribedTopicRegex)
                || rebalanceTimeoutMs != other.rebalanceTimeoutMs || !Objects.equals(serverAssignor, other.serverAssignor);
    }

    /** Whether the reconciliation state persisted in the type 8 record differs. */
    public boolean assignmentDiffers(ConsumerGroupMember other) {
        return memberEpoch != other.memberEpoch || previousMemberEpoch != other.previousMemberEpoch || state != other.state
                || !assignedPartitions.equals(other.assignedPartitions)
                || !partitionsPendingRevocation.equals(other.partitionsPendingRevocation);
    }

    public boolean subscriptionDiffers(ConsumerGroupMember other) {
        return !subscribedTopicNames.equals(other.subscribedTopicNames)
                || !Objects.equals(subscribedTopicRegex, other.subscribedTopicRegex);
    }

    public CoordinatorRecord metadataRecord(String groupId) {
        return CoordinatorRecord.record(metadataKey(groupId), new ConsumerGroupMemberMetadataValue()
                .setInstanceId(instanceId)
                .setRackId(rackId)
                .setClientId(clientId)
                .setClientHost(clientHost)
                .setSubscribedTopicNames(new ArrayList<>(subscribedTopicNames))
                .setSubscribedTopicRegex(subscribedTopicRegex)
                .setRebalanceTimeoutMs(rebalanceTimeoutMs)
                .setServerAssignor(serverAssignor), (short) 0);
    }

    public CoordinatorRecord assignmentRecord(String groupId) {
        return CoordinatorRecord.record(assignmentKey(groupId), new ConsumerGroupCurrentMemberAssignmentValue()
                .setMemberEpoch(memberEpoch)
                .setPreviousMemberEpoch(previousMemberEpoch)
                .setState(state.value())
                .setAssignedPartitions(assignedPartitions.toRecord())
                .setPartitionsPendingRevocation(partitionsPendingRevocation.toRecord()), (short) 0);
    }

    /** Tombstones removing the member: its assignment first, then its metadata (replay frees its partitions first). */
    public List<CoordinatorRecord> tombstones(String groupId) {
        return List.of(CoordinatorRecord.tombstone(assignmentKey(groupId)), CoordinatorRecord.tombstone(metadataKey(groupId)));
    }

    ConsumerGroupMember applyMetadata(ConsumerGroupMemberMetadataValue value) {
        String regex = value.subscribedTopicRegex();
        return withMetadata(value.instanceId(), value.rackId(), value.clientId(), value.clientHost(),
                Set.copyOf(value.subscribedTopicNames()), regex == null || regex.isEmpty() ? null : regex,
                value.rebalanceTimeoutMs(), value.serverAssignor());
    }

    ConsumerGroupMember applyAssignment(ConsumerGroupCurrentMemberAssignmentValue value) {
        return withAssignmentState(value.memberEpoch(), value.previousMemberEpoch(), MemberState.fromValue(value.state()),
                PartitionAssignment.fromRecord(value.assignedPartitions()),
                PartitionAssignment.fromRecord(value.partitionsPendingRevocation()));
    }

    private ConsumerGroupMemberMetadataKey metadataKey(String groupId) {
        return new ConsumerGroupMemberMetadataKey().setGroupId(groupId).setMemberId(memberId);
    }

    private ConsumerGroupCurrentMemberAssignmentKey assignmentKey(String groupId) {
        return new ConsumerGroupCurrentMemberAssignmentKey().setGroupId(groupId).setMemberId(memberId);
    }
}
