package io.tributary.coordinator.group.consumer;

import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.record.ConsumerGroupMetadataKey;
import io.tributary.coordinator.record.ConsumerGroupMetadataValue;
import io.tributary.coordinator.runtime.CoordinatorException;
import io.tributary.coordinator.runtime.CoordinatorRecord;
import io.tributary.protocol.Errors;
import io.tributary.protocol.Uuid;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A KIP-848 consumer group: its epoch, members and who owns which partition.
 *
 * <p>Durable state (group epoch, metadata hash, members) changes only by replaying records through
 * {@link ConsumerGroupManager}. The target assignment is soft state: Tributary does not persist it
 * (Kafka's record types 6 and 7); after a load it is marked stale and recomputed by the next
 * heartbeat, which bumps the group epoch only if the recomputed target differs from what the
 * members own.
 *
 * <p>Owned by the shard's thread; not thread safe.
 */
public final class ConsumerGroup implements Group {

    public static final String PROTOCOL_TYPE = "consumer";

    private final String groupId;
    private int groupEpoch;
    private long metadataHash;
    private long creationTimeMs = -1;
    private final SortedMap<String, ConsumerGroupMember> members = new TreeMap<>();
    private final Map<String, String> staticMembers = new HashMap<>();
    private final Map<Uuid, Map<Integer, String>> partitionOwners = new HashMap<>();

    private int assignmentEpoch;
    private Map<String, PartitionAssignment> targetAssignment = Map.of();
    private boolean targetStale;

    public ConsumerGroup(String groupId) {
        this.groupId = groupId;
    }

    @Override
    public String groupId() {
        return groupId;
    }

    @Override
    public Type type() {
        return Type.CONSUMER;
    }

    public ConsumerGroupState state() {
        if (members.isEmpty()) {
            return ConsumerGroupState.EMPTY;
        }
        if (groupEpoch > assignmentEpoch) {
            return ConsumerGroupState.ASSIGNING;
        }
        for (ConsumerGroupMember member : members.values()) {
            if (member.memberEpoch() != assignmentEpoch || member.state() != MemberState.STABLE) {
                return ConsumerGroupState.RECONCILING;
            }
        }
        return ConsumerGroupState.STABLE;
    }

    @Override
    public String stateName() {
        return state().stateName();
    }

    @Override
    public String protocolType() {
        return PROTOCOL_TYPE;
    }

    @Override
    public boolean isEmpty() {
        return members.isEmpty();
    }

    public int groupEpoch() {
        return groupEpoch;
    }

    public long metadataHash() {
        return metadataHash;
    }

    public long creationTimeMs() {
        return creationTimeMs;
    }

    public SortedMap<String, ConsumerGroupMember> members() {
        return Collections.unmodifiableSortedMap(members);
    }

    public ConsumerGroupMember member(String memberId) {
        return members.get(memberId);
    }

    public boolean hasMember(String memberId) {
        return members.containsKey(memberId);
    }

    /** The member holding a static instance id, or null. */
    public ConsumerGroupMember staticMember(String instanceId) {
        String memberId = staticMembers.get(instanceId);
        return memberId == null ? null : members.get(memberId);
    }

    /** The member owning a partition (assigned or pending revocation), or null. */
    public String owner(Uuid topicId, int partition) {
        Map<Integer, String> owners = partitionOwners.get(topicId);
        return owners == null ? null : owners.get(partition);
    }

    public int assignmentEpoch() {
        return assignmentEpoch;
    }

    public Map<String, PartitionAssignment> targetAssignment() {
        return targetAssignment;
    }

    public PartitionAssignment targetAssignment(String memberId) {
        return targetAssignment.getOrDefault(memberId, PartitionAssignment.EMPTY);
    }

    /** Whether the target assignment was lost (after a load) and must be recomputed. */
    public boolean isTargetStale() {
        return targetStale;
    }

    /** Soft state: the target assignment computed by a heartbeat for {@code epoch}. */
    void setTargetAssignment(int epoch, Map<String, PartitionAssignment> target) {
        this.assignmentEpoch = epoch;
        this.targetAssignment = Map.copyOf(target);
        this.targetStale = false;
    }

    /**
     * After a load: the target is unknown. Until it is recomputed, describe what the members own
     * as their target, at the group epoch.
     */
    void markTargetStale() {
        Map<String, PartitionAssignment> owned = new HashMap<>();
        members.forEach((memberId, member) -> owned.put(memberId, member.assignedPartitions()));
        this.assignmentEpoch = groupEpoch;
        this.targetAssignment = Map.copyOf(owned);
        this.targetStale = true;
    }

    /** Whether every member owns exactly {@code target} at the group epoch, nothing left to reconcile. */
    boolean membersOwn(Map<String, PartitionAssignment> target) {
        for (ConsumerGroupMember member : members.values()) {
            if (member.memberEpoch() != groupEpoch || member.state() != MemberState.STABLE
                    || !member.assignedPartitions().equals(target.getOrDefault(member.memberId(), PartitionAssignment.EMPTY))) {
                return false;
            }
        }
        return true;
    }

    // --- replay -------------------------------------------------------------------------------

    void replayMetadata(ConsumerGroupMetadataValue value) {
        this.groupEpoch = value.epoch();
        this.metadataHash = value.metadataHash();
        this.creationTimeMs = value.creationTimeMs();
    }

    /** Adds or replaces a member, moving the partitions it owns to it. */
    void updateMember(ConsumerGroupMember member) {
        throwIfOwnedElsewhere(member, member.assignedPartitions());
        throwIfOwnedElsewhere(member, member.partitionsPendingRevocation());
        ConsumerGroupMember old = members.put(member.memberId(), member);
        if (old != null) {
            releasePartitions(old);
            if (old.isStatic() && old.memberId().equals(staticMembers.get(old.instanceId()))) {
                staticMembers.remove(old.instanceId());
            }
        }
        if (member.isStatic()) {
            staticMembers.put(member.instanceId(), member.memberId());
        }
        claimPartitions(member, member.assignedPartitions());
        claimPartitions(member, member.partitionsPendingRevocation());
    }

    void removeMember(String memberId) {
        ConsumerGroupMember old = members.remove(memberId);
        if (old == null) {
            return;
        }
        releasePartitions(old);
        if (old.isStatic() && memberId.equals(staticMembers.get(old.instanceId()))) {
            staticMembers.remove(old.instanceId());
        }
    }

    /** Reconciliation never gives a partition to two members; a record that would is refused before any change. */
    private void throwIfOwnedElsewhere(ConsumerGroupMember member, PartitionAssignment partitions) {
        partitions.partitions().forEach((topicId, ids) -> {
            for (int partition : ids) {
                String owner = owner(topicId, partition);
                if (owner != null && !owner.equals(member.memberId())) {
                    throw new IllegalStateException("group " + groupId + ": partition " + partition + " of topic " + topicId
                            + " is owned by " + owner + " and assigned to " + member.memberId());
                }
            }
        });
    }

    private void claimPartitions(ConsumerGroupMember member, PartitionAssignment partitions) {
        partitions.partitions().forEach((topicId, ids) -> {
            Map<Integer, String> owners = partitionOwners.computeIfAbsent(topicId, id -> new HashMap<>());
            ids.forEach(partition -> owners.put(partition, member.memberId()));
        });
    }

    private void releasePartitions(ConsumerGroupMember member) {
        for (PartitionAssignment partitions : List.of(member.assignedPartitions(), member.partitionsPendingRevocation())) {
            partitions.partitions().forEach((topicId, ids) -> {
                Map<Integer, String> owners = partitionOwners.get(topicId);
                if (owners == null) {
                    return;
                }
                ids.forEach(partition -> owners.remove(partition, member.memberId()));
                if (owners.isEmpty()) {
                    partitionOwners.remove(topicId);
                }
            });
        }
    }

    // --- records ------------------------------------------------------------------------------

    public CoordinatorRecord metadataRecord(int epoch, long hash, long creationMs) {
        return CoordinatorRecord.record(new ConsumerGroupMetadataKey().setGroupId(groupId),
                new ConsumerGroupMetadataValue().setEpoch(epoch).setMetadataHash(hash).setCreationTimeMs(creationMs), (short) 0);
    }

    @Override
    public List<CoordinatorRecord> deletionRecords() {
        List<CoordinatorRecord> records = new ArrayList<>();
        members.values().forEach(member -> records.addAll(member.tombstones(groupId)));
        records.add(CoordinatorRecord.tombstone(new ConsumerGroupMetadataKey().setGroupId(groupId)));
        return records;
    }

    // --- Group checks -------------------------------------------------------------------------

    @Override
    public void validateOffsetCommit(String memberId, String groupInstanceId, int memberEpoch, boolean transactional,
                                     short apiVersion) {
        // Epoch -1 comes from admin clients and consumers outside group management: fine while empty.
        if (memberEpoch < 0 && members.isEmpty()) {
            return;
        }
        ConsumerGroupMember member = requireMember(memberId);
        if (!transactional && apiVersion < 9) {
            throw new CoordinatorException(Errors.UNSUPPORTED_VERSION, "OffsetCommit version " + apiVersion
                    + " is not supported for member " + memberId + " of consumer group " + groupId + "; version 9 or later is required.");
        }
        validateMemberEpoch(member, memberEpoch);
    }

    @Override
    public void validateOffsetFetch(String memberId, int memberEpoch) {
        if (memberId == null && memberEpoch < 0) {
            return;
        }
        validateMemberEpoch(requireMember(memberId), memberEpoch);
    }

    private ConsumerGroupMember requireMember(String memberId) {
        ConsumerGroupMember member = memberId == null ? null : members.get(memberId);
        if (member == null) {
            throw new CoordinatorException(Errors.UNKNOWN_MEMBER_ID, "member " + memberId + " is not in consumer group " + groupId);
        }
        return member;
    }

    private void validateMemberEpoch(ConsumerGroupMember member, int receivedEpoch) {
        if (receivedEpoch > member.memberEpoch()) {
            throw new CoordinatorException(Errors.FENCED_MEMBER_EPOCH, "member " + member.memberId() + " of group " + groupId
                    + " sent epoch " + receivedEpoch + ", newer than its epoch " + member.memberEpoch());
        }
        if (receivedEpoch < member.memberEpoch()) {
            throw new CoordinatorException(Errors.STALE_MEMBER_EPOCH, "member " + member.memberId() + " of group " + groupId
                    + " sent epoch " + receivedEpoch + ", older than its epoch " + member.memberEpoch());
        }
    }

    @Override
    public void validateDeleteGroup() {
        if (!members.isEmpty()) {
            throw new CoordinatorException(Errors.NON_EMPTY_GROUP, "consumer group " + groupId + " has " + members.size() + " members");
        }
    }

    @Override
    public void validateOffsetDelete() {
        // Offsets of topics no member subscribes to may always be deleted (checked per topic).
    }

    @Override
    public boolean isSubscribedTo(String topic) {
        for (ConsumerGroupMember member : members.values()) {
            if (member.subscribedTopicNames().contains(topic)
                    || (member.hasRegex() && SubscriptionResolver.matches(member.subscribedTopicRegex(), topic))) {
                return true;
            }
        }
        return false;
    }
}
