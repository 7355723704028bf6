package io.tributary.coordinator.group.consumer;

import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.group.GroupConfig;
import io.tributary.coordinator.group.GroupStore;
import io.tributary.coordinator.group.RequestInfo;
import io.tributary.coordinator.record.ConsumerGroupCurrentMemberAssignmentKey;
import io.tributary.coordinator.record.ConsumerGroupCurrentMemberAssignmentValue;
import io.tributary.coordinator.record.ConsumerGroupMemberMetadataKey;
import io.tributary.coordinator.record.ConsumerGroupMemberMetadataValue;
import io.tributary.coordinator.record.ConsumerGroupMetadataKey;
import io.tributary.coordinator.record.ConsumerGroupMetadataValue;
import io.tributary.coordinator.record.GroupMetadataKey;
import io.tributary.coordinator.runtime.CoordinatorException;
import io.tributary.coordinator.runtime.CoordinatorRecord;
import io.tributary.coordinator.runtime.CoordinatorResult;
import io.tributary.coordinator.runtime.ShardContext;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.protocol.Errors;
import io.tributary.protocol.Uuid;
import io.tributary.protocol.message.ConsumerGroupDescribeResponseData;
import io.tributary.protocol.message.ConsumerGroupHeartbeatRequestData;
import io.tributary.protocol.message.ConsumerGroupHeartbeatResponseData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KIP-848 consumer group protocol of one shard: ConsumerGroupHeartbeat (join, heartbeat,
 * leave), ConsumerGroupDescribe, member session and rebalance timeouts, and the replay of the
 * consumer group records (types 3, 5 and 8).
 *
 * <p>A heartbeat validates, then computes the member's next state and returns it as records;
 * nothing durable changes until the runtime replays them. The target assignment is the one soft
 * state it keeps (see {@link ConsumerGroup}); a group created by a heartbeat does not exist until
 * its records are replayed, so its first target waits in {@link #pendingTargets} meanwhile.
 *
 * <p>Owned by the shard's thread.
 */
public final class ConsumerGroupManager {

    private static final Logger log = LoggerFactory.getLogger(ConsumerGroupManager.class);

    static final String SESSION_TIMER_PREFIX = "consumer-session-";
    static final String REBALANCE_TIMER_PREFIX = "consumer-rebalance-";

    private record Target(int epoch, Map<String, PartitionAssignment> members) {
    }

    /** Who a heartbeat is from: an existing member, a new one, or a static member replacing its earlier incarnation. */
    private record Joining(ConsumerGroupMember member, boolean isNew, ConsumerGroupMember replaced) {
    }

    private final ShardContext context;
    private final GroupConfig config;
    private final GroupStore groups;
    private final Supplier<MetadataImage> metadata;
    private final Map<String, ConsumerGroupAssignor> assignors = new LinkedHashMap<>();
    private final Map<String, Target> pendingTargets = new HashMap<>();

    public ConsumerGroupManager(ShardContext context, GroupConfig config, GroupStore groups, Supplier<MetadataImage> metadata) {
        this.context = context;
        this.config = config;
        this.groups = groups;
        this.metadata = metadata;
        for (String name : config.consumerAssignors()) {
            switch (name) {
                case UniformAssignor.NAME -> assignors.put(name, new UniformAssignor());
                case RangeAssignor.NAME -> assignors.put(name, new RangeAssignor());
                default -> log.warn("group.consumer.assignors: unknown assignor {} ignored", name);
            }
        }
        if (assignors.isEmpty()) {
            assignors.put(UniformAssignor.NAME, new UniformAssignor());
        }
    }

    // --- ConsumerGroupHeartbeat ---------------------------------------------------------------

    public CoordinatorResult<ConsumerGroupHeartbeatResponseData> heartbeat(RequestInfo info, ConsumerGroupHeartbeatRequestData request) {
        try {
            HeartbeatRequestValidator.validate(request, info.apiVersion(), assignors.keySet());
            if (request.memberEpoch() < 0) {
                return leave(request);
            }
            return joinOrHeartbeat(info, request);
        } catch (CoordinatorException e) {
            return CoordinatorResult.response(new ConsumerGroupHeartbeatResponseData()
                    .setErrorCode(e.error().code()).setErrorMessage(e.getMessage()));
        }
    }

    private CoordinatorResult<ConsumerGroupHeartbeatResponseData> joinOrHeartbeat(RequestInfo info,
                                                                                   ConsumerGroupHeartbeatRequestData request) {
        MetadataImage image = metadata.get();
        List<CoordinatorRecord> records = new ArrayList<>();
        ConsumerGroup group = groupForHeartbeat(request, records);
        boolean newGroup = groups.get(group.groupId()).orElse(null) != group;
        throwIfGroupFull(group, request.memberId());
        String memberId = request.memberId().isEmpty() ? Uuid.randomUuid().toString() : request.memberId();
        PartitionAssignment owned = PartitionAssignment.fromRequest(request.topicPartitions());
        Joining joining = resolveMember(group, request, memberId, owned);
        ConsumerGroupMember member = joining.member();
        ConsumerGroupMember replaced = joining.replaced();
        ConsumerGroupMember updated = withRequestMetadata(member, request, info);

        SortedMap<String, ConsumerGroupMember> members = new TreeMap<>(group.members());
        if (replaced != null) {
            members.remove(replaced.memberId());
        }
        members.put(memberId, updated);

        boolean bump = (joining.isNew() && replaced == null) || updated.subscriptionDiffers(member);
        long metadataHash = SubscriptionResolver.metadataHash(members.values(), image);
        bump |= metadataHash != group.metadataHash();
        int groupEpoch = group.groupEpoch() + (bump ? 1 : 0);

        Target target;
        if (groupEpoch > group.assignmentEpoch() || group.isTargetStale()) {
            Map<String, PartitionAssignment> assignment = computeTarget(group, members, image);
            if (!bump && group.isTargetStale() && group.groupEpoch() == group.assignmentEpoch() && !group.membersOwn(assignment)) {
                // A stale target recomputed after a load differs from what members own: move to a new epoch.
                bump = true;
                groupEpoch++;
            }
            target = new Target(groupEpoch, assignment);
        } else {
            Map<String, PartitionAssignment> assignment = new HashMap<>(group.targetAssignment());
            if (replaced != null) {
                assignment.put(memberId, assignment.getOrDefault(replaced.memberId(), PartitionAssignment.EMPTY));
                if (!replaced.memberId().equals(memberId)) {
                    assignment.remove(replaced.memberId());
                }
            }
            target = new Target(group.assignmentEpoch(), assignment);
        }
        if (newGroup) {
            pendingTargets.put(group.groupId(), target);
        } else {
            group.setTargetAssignment(target.epoch(), target.members());
        }

        String replacedId = replaced == null ? null : replaced.memberId();
        ConsumerGroupMember reconciled = new CurrentAssignmentBuilder(updated)
                .withTargetAssignment(target.epoch(), target.members().getOrDefault(memberId, PartitionAssignment.EMPTY))
                .withSubscribedTopicIds(SubscriptionResolver.topicIds(updated, image))
                .withOwnedPartitions(owned)
                .withCurrentOwner((topicId, partition) -> {
                    String owner = group.owner(topicId, partition);
                    return owner != null && owner.equals(replacedId) ? memberId : owner;
                })
                .build();

        String groupId = group.groupId();
        if (replaced != null && !replaced.memberId().equals(memberId)) {
            records.addAll(replaced.tombstones(groupId));
            cancelTimers(groupId, replaced.memberId());
        }
        if (joining.isNew() || updated.metadataDiffers(member)) {
            records.add(updated.metadataRecord(groupId));
        }
        if (bump || newGroup) {
            long creationTimeMs = newGroup ? context.time().milliseconds() : group.creationTimeMs();
            records.add(group.metadataRecord(groupEpoch, metadataHash, creationTimeMs));
        }
        if (joining.isNew() || reconciled.assignmentDiffers(member)) {
            records.add(reconciled.assignmentRecord(groupId));
        }
        scheduleTimers(groupId, joining, reconciled);
        return CoordinatorResult.of(records, heartbeatResponse(request, member, reconciled, owned));
    }

    private ConsumerGroupHeartbeatResponseData heartbeatResponse(ConsumerGroupHeartbeatRequestData request, ConsumerGroupMember before,
                                                                 ConsumerGroupMember after, PartitionAssignment owned) {
        ConsumerGroupHeartbeatResponseData response = new ConsumerGroupHeartbeatResponseData()
                .setMemberId(after.memberId())
                .setMemberEpoch(after.memberEpoch())
                .setHeartbeatIntervalMs(config.consumerHeartbeatIntervalMs());
        boolean fullRequest = request.rebalanceTimeoutMs() != -1
                && (request.subscribedTopicNames() != null || request.subscribedTopicRegex() != null)
                && request.topicPartitions() != null;
        if (request.memberEpoch() == 0 || fullRequest
                || !after.assignedPartitions().equals(before.assignedPartitions())
                || (owned != null && !owned.equals(after.assignedPartitions()))) {
            List<ConsumerGroupHeartbeatResponseData.TopicPartitions> topics = new ArrayList<>();
            after.assignedPartitions().partitions().forEach((topicId, partitions) -> topics.add(
                    new ConsumerGroupHeartbeatResponseData.TopicPartitions().setTopicId(topicId).setPartitions(new ArrayList<>(partitions))));
            response.setAssignment(new ConsumerGroupHeartbeatResponseData.Assignment().setTopicPartitions(topics));
        }
        return response;
    }

    /** The consumer group of a heartbeat; a new one (not yet in the store) on a join, converting an empty classic group. */
    private ConsumerGroup groupForHeartbeat(ConsumerGroupHeartbeatRequestData request, List<CoordinatorRecord> records) {
        String groupId = request.groupId();
        boolean joining = request.memberEpoch() == 0;
        Optional<Group> existing = groups.get(groupId);
        if (existing.isEmpty()) {
            if (!joining) {
                throw new CoordinatorException(Errors.GROUP_ID_NOT_FOUND, "Consumer group " + groupId + " not found.");
            }
            return new ConsumerGroup(groupId);
        }
        Group group = existing.get();
        if (group.type() == Group.Type.CONSUMER) {
            return (ConsumerGroup) group;
        }
        if (joining && group.isEmpty()) {
            log.info("converting empty classic group {} to a consumer group", groupId);
            records.add(CoordinatorRecord.tombstone(new GroupMetadataKey().setGroup(groupId)));
            return new ConsumerGroup(groupId);
        }
        throw new CoordinatorException(Errors.GROUP_ID_NOT_FOUND, "Group " + groupId
                + " is a classic group with members; it cannot be used with the consumer group protocol.");
    }

    private void throwIfGroupFull(ConsumerGroup group, String memberId) {
        if (group.members().size() >= config.consumerMaxSize() && (memberId.isEmpty() || !group.hasMember(memberId))) {
            throw new CoordinatorException(Errors.GROUP_MAX_SIZE_REACHED, "The consumer group has reached its maximum capacity of "
                    + config.consumerMaxSize() + " members.");
        }
    }

    private Joining resolveMember(ConsumerGroup group, ConsumerGroupHeartbeatRequestData request, String memberId,
                                  PartitionAssignment owned) {
        int epoch = request.memberEpoch();
        String instanceId = request.instanceId();
        if (instanceId == null) {
            ConsumerGroupMember member = group.member(memberId);
            if (epoch == 0) {
                return member == null ? new Joining(ConsumerGroupMember.newMember(memberId), true, null) : new Joining(member, false, null);
            }
            if (member == null) {
                throw new CoordinatorException(Errors.UNKNOWN_MEMBER_ID, "Member " + memberId + " is not a member of group " + group.groupId() + ".");
            }
            throwIfEpochInvalid(member, epoch, owned);
            return new Joining(member, false, null);
        }
        ConsumerGroupMember staticMember = group.staticMember(instanceId);
        if (epoch == 0) {
            if (staticMember == null) {
                ConsumerGroupMember member = group.member(memberId);
                return member == null ? new Joining(ConsumerGroupMember.newMember(memberId), true, null) : new Joining(member, false, null);
            }
            if (staticMember.memberId().equals(memberId)) {
                return new Joining(staticMember, false, null);
            }
            if (staticMember.memberEpoch() != ConsumerGroupMember.LEAVE_GROUP_STATIC_MEMBER_EPOCH) {
                throw new CoordinatorException(Errors.UNRELEASED_INSTANCE_ID, "Static member " + memberId + " with instance id "
                        + instanceId + " cannot join the group because the instance id is owned by " + staticMember.memberId() + " member.");
            }
            ConsumerGroupMember successor = staticMember.withMemberId(memberId)
                    .withAssignmentState(0, 0, MemberState.STABLE, staticMember.assignedPartitions(), PartitionAssignment.EMPTY);
            return new Joining(successor, true, staticMember);
        }
        if (staticMember == null) {
            throw new CoordinatorException(Errors.UNKNOWN_MEMBER_ID, "Instance id " + instanceId + " is unknown.");
        }
        if (!staticMember.memberId().equals(memberId)) {
            throw new CoordinatorException(Errors.FENCED_INSTANCE_ID, "Static member " + memberId + " with instance id "
                    + instanceId + " was fenced by member " + staticMember.memberId() + ".");
        }
        throwIfEpochInvalid(staticMember, epoch, owned);
        return new Joining(staticMember, false, null);
    }

    /**
     * A member sending an older epoch is accepted only with its previous epoch and partitions it
     * still owns: the response that bumped its epoch may have been lost.
     */
    private static void throwIfEpochInvalid(ConsumerGroupMember member, int receivedEpoch, PartitionAssignment owned) {
        if (receivedEpoch > member.memberEpoch()) {
            throw new CoordinatorException(Errors.FENCED_MEMBER_EPOCH, "The consumer group member has a greater member epoch ("
                    + receivedEpoch + ") than the one known by the group coordinator (" + member.memberEpoch()
                    + "). The member must abandon all its partitions and rejoin.");
        }
        if (receivedEpoch < member.memberEpoch()
                && (receivedEpoch != member.previousMemberEpoch() || owned == null || !owned.isSubsetOf(member.assignedPartitions()))) {
            throw new CoordinatorException(Errors.FENCED_MEMBER_EPOCH, "The consumer group member has a smaller member epoch ("
                    + receivedEpoch + ") than the one known by the group coordinator (" + member.memberEpoch()
                    + "). The member must abandon all its partitions and rejoin.");
        }
    }

    /** The member with what the heartbeat says about it; fields the request leaves out keep their values. */
    private static ConsumerGroupMember withRequestMetadata(ConsumerGroupMember member, ConsumerGroupHeartbeatRequestData request,
                                                           RequestInfo info) {
        String regex = request.subscribedTopicRegex();
        return member.withMetadata(
                request.instanceId() != null ? request.instanceId() : member.instanceId(),
                request.rackId() != null ? request.rackId() : member.rackId(),
                info.clientId(),
                info.clientHost(),
                request.subscribedTopicNames() != null ? Set.copyOf(request.subscribedTopicNames()) : member.subscribedTopicNames(),
                regex != null ? (regex.isEmpty() ? null : regex) : member.subscribedTopicRegex(),
                request.rebalanceTimeoutMs() != -1 ? request.rebalanceTimeoutMs() : member.rebalanceTimeoutMs(),
                request.serverAssignor() != null ? request.serverAssignor() : member.serverAssignor());
    }

    private Map<String, PartitionAssignment> computeTarget(ConsumerGroup group, SortedMap<String, ConsumerGroupMember> members,
                                                           MetadataImage image) {
        SortedMap<String, ConsumerGroupAssignor.MemberSubscription> specs = new TreeMap<>();
        members.forEach((memberId, member) -> {
            // Stickiness is from target to target; a member without one (new, or after a load) offers what it owns.
            PartitionAssignment current = !group.isTargetStale() && group.targetAssignment().containsKey(memberId)
                    ? group.targetAssignment(memberId) : member.assignedPartitions();
            specs.put(memberId, new ConsumerGroupAssignor.MemberSubscription(SubscriptionResolver.topicIds(member, image), current));
        });
        ConsumerGroupAssignor.GroupSpec spec = new ConsumerGroupAssignor.GroupSpec(specs,
                SubscriptionResolver.partitionCounts(members.values(), image));
        return assignorFor(members.values()).assign(spec);
    }

    /** The assignor most members ask for (ties: by name); the first configured one when none asks. */
    private ConsumerGroupAssignor assignorFor(Iterable<ConsumerGroupMember> members) {
        Map<String, Integer> votes = new TreeMap<>();
        for (ConsumerGroupMember member : members) {
            if (member.serverAssignor() != null && assignors.containsKey(member.serverAssignor())) {
                votes.merge(member.serverAssignor(), 1, Integer::sum);
            }
        }
        String chosen = null;
        for (Map.Entry<String, Integer> vote : votes.entrySet()) {
            if (chosen == null || vote.getValue() > votes.get(chosen)) {
                chosen = vote.getKey();
            }
        }
        return chosen != null ? assignors.get(chosen) : assignors.values().iterator().next();
    }

    // --- leaving and fencing ------------------------------------------------------------------

    private CoordinatorResult<ConsumerGroupHeartbeatResponseData> leave(ConsumerGroupHeartbeatRequestData request) {
        ConsumerGroup group = groups.get(request.groupId(), ConsumerGroup.class).orElseThrow(() ->
                new CoordinatorException(Errors.GROUP_ID_NOT_FOUND, "Consumer group " + request.groupId() + " not found."));
        ConsumerGroupMember member;
        if (request.instanceId() == null) {
            member = group.member(request.memberId());
            if (member == null) {
                throw new CoordinatorException(Errors.UNKNOWN_MEMBER_ID, "Member " + request.memberId()
                        + " is not a member of group " + group.groupId() + ".");
            }
        } else {
            member = group.staticMember(request.instanceId());
            if (member == null) {
                throw new CoordinatorException(Errors.UNKNOWN_MEMBER_ID, "Instance id " + request.instanceId() + " is unknown.");
            }
            if (!member.memberId().equals(request.memberId())) {
                throw new CoordinatorException(Errors.FENCED_INSTANCE_ID, "Static member " + request.memberId() + " with instance id "
                        + request.instanceId() + " was fenced by member " + member.memberId() + ".");
            }
            if (request.memberEpoch() == ConsumerGroupMember.LEAVE_GROUP_STATIC_MEMBER_EPOCH) {
                // A static member leaving temporarily keeps its partitions until its session times out.
                ConsumerGroupMember left = member.withAssignmentState(ConsumerGroupMember.LEAVE_GROUP_STATIC_MEMBER_EPOCH,
                        member.previousMemberEpoch(), member.state(), member.assignedPartitions(), PartitionAssignment.EMPTY);
                context.timer().cancel(rebalanceTimerKey(group.groupId(), member.memberId()));
                return CoordinatorResult.of(List.of(left.assignmentRecord(group.groupId())),
                        leaveResponse(member, ConsumerGroupMember.LEAVE_GROUP_STATIC_MEMBER_EPOCH));
            }
        }
        return CoordinatorResult.of(fenceRecords(group, member), leaveResponse(member, ConsumerGroupMember.LEAVE_GROUP_MEMBER_EPOCH));
    }

    private ConsumerGroupHeartbeatResponseData leaveResponse(ConsumerGroupMember member, int epoch) {
        return new ConsumerGroupHeartbeatResponseData().setMemberId(member.memberId()).setMemberEpoch(epoch)
                .setHeartbeatIntervalMs(config.consumerHeartbeatIntervalMs());
    }

    /** Removes a member and bumps the group epoch, so the others get its partitions. */
    private List<CoordinatorRecord> fenceRecords(ConsumerGroup group, ConsumerGroupMember member) {
        List<ConsumerGroupMember> remaining = new ArrayList<>(group.members().values());
        remaining.removeIf(m -> m.memberId().equals(member.memberId()));
        long metadataHash = SubscriptionResolver.metadataHash(remaining, metadata.get());
        List<CoordinatorRecord> records = new ArrayList<>(member.tombstones(group.groupId()));
        records.add(group.metadataRecord(group.groupEpoch() + 1, metadataHash, group.creationTimeMs()));
        cancelTimers(group.groupId(), member.memberId());
        return records;
    }

    // --- timers -------------------------------------------------------------------------------

    private void scheduleTimers(String groupId, Joining joining, ConsumerGroupMember reconciled) {
        scheduleSessionTimeout(groupId, reconciled.memberId());
        ConsumerGroupMember before = joining.member();
        if (reconciled.state() == MemberState.UNREVOKED_PARTITIONS) {
            if (joining.isNew() || before.state() != MemberState.UNREVOKED_PARTITIONS) {
                scheduleRebalanceTimeout(groupId, reconciled.memberId(), reconciled.memberEpoch(), reconciled.rebalanceTimeoutMs());
            }
        } else {
            context.timer().cancel(rebalanceTimerKey(groupId, reconciled.memberId()));
        }
    }

    private void scheduleSessionTimeout(String groupId, String memberId) {
        context.timer().schedule(sessionTimerKey(groupId, memberId), config.consumerSessionTimeoutMs(), () -> {
            ConsumerGroup group = groups.get(groupId, ConsumerGroup.class).orElse(null);
            if (group == null || !group.hasMember(memberId)) {
                return CoordinatorResult.empty();
            }
            log.info("consumer group {}: member {} missed its session timeout; fencing it", groupId, memberId);
            return CoordinatorResult.records(fenceRecords(group, group.member(memberId)));
        });
    }

    /** A member that has not revoked its partitions within its rebalance timeout is fenced. */
    private void scheduleRebalanceTimeout(String groupId, String memberId, int memberEpoch, int rebalanceTimeoutMs) {
        context.timer().schedule(rebalanceTimerKey(groupId, memberId), Math.max(0, rebalanceTimeoutMs), () -> {
            ConsumerGroup group = groups.get(groupId, ConsumerGroup.class).orElse(null);
            ConsumerGroupMember member = group == null ? null : group.member(memberId);
            if (member == null || member.memberEpoch() != memberEpoch || member.state() != MemberState.UNREVOKED_PARTITIONS) {
                return CoordinatorResult.empty();
            }
            log.info("consumer group {}: member {} did not revoke its partitions within {} ms; fencing it", groupId, memberId,
                    rebalanceTimeoutMs);
            return CoordinatorResult.records(fenceRecords(group, member));
        });
    }

    private void cancelTimers(String groupId, String memberId) {
        context.timer().cancel(sessionTimerKey(groupId, memberId));
        context.timer().cancel(rebalanceTimerKey(groupId, memberId));
    }

    /** Timer keys carry the group id's length, so no group id and member id pair can collide with another. */
    static String sessionTimerKey(String groupId, String memberId) {
        return SESSION_TIMER_PREFIX + groupId.length() + ":" + groupId + ":" + memberId;
    }

    static String rebalanceTimerKey(String groupId, String memberId) {
        return REBALANCE_TIMER_PREFIX + groupId.length() + ":" + groupId + ":" + memberId;
    }

    // --- ConsumerGroupDescribe ----------------------------------------------------------------

    public ConsumerGroupDescribeResponseData.DescribedGroup describeGroup(String groupId) {
        Optional<Group> group = groups.get(groupId);
        if (group.isEmpty()) {
            return describeError(groupId, "Group " + groupId + " not found.");
        }
        if (!(group.get() instanceof ConsumerGroup consumerGroup)) {
            return describeError(groupId, "Group " + groupId + " is not a consumer group.");
        }
        return ConsumerGroupDescriber.describe(consumerGroup, assignorFor(consumerGroup.members().values()).name(), metadata.get());
    }

    private static ConsumerGroupDescribeResponseData.DescribedGroup describeError(String groupId, String message) {
        return new ConsumerGroupDescribeResponseData.DescribedGroup().setGroupId(groupId)
                .setErrorCode(Errors.GROUP_ID_NOT_FOUND.code()).setErrorMessage(message);
    }

    // --- replay and load ----------------------------------------------------------------------

    /** Replays a record of type 3 (group metadata), 5 (member metadata) or 8 (member assignment). */
    public void replay(CoordinatorRecord record) {
        if (record.key() instanceof ConsumerGroupMetadataKey key) {
            if (record.isTombstone()) {
                groups.get(key.groupId(), ConsumerGroup.class).ifPresent(group -> groups.remove(group.groupId()));
                pendingTargets.remove(key.groupId());
            } else {
                groupForReplay(key.groupId()).replayMetadata((ConsumerGroupMetadataValue) record.value());
            }
        } else if (record.key() instanceof ConsumerGroupMemberMetadataKey key) {
            if (record.isTombstone()) {
                groups.get(key.groupId(), ConsumerGroup.class).ifPresent(group -> group.removeMember(key.memberId()));
            } else {
                ConsumerGroup group = groupForReplay(key.groupId());
                group.updateMember(memberForReplay(group, key.memberId()).applyMetadata((ConsumerGroupMemberMetadataValue) record.value()));
            }
        } else if (record.key() instanceof ConsumerGroupCurrentMemberAssignmentKey key) {
            if (record.isTombstone()) {
                groups.get(key.groupId(), ConsumerGroup.class).ifPresent(group -> {
                    ConsumerGroupMember member = group.member(key.memberId());
                    if (member != null) {
                        group.updateMember(member.withAssignmentState(ConsumerGroupMember.LEAVE_GROUP_MEMBER_EPOCH,
                                ConsumerGroupMember.LEAVE_GROUP_MEMBER_EPOCH, MemberState.STABLE,
                                PartitionAssignment.EMPTY, PartitionAssignment.EMPTY));
                    }
                });
            } else {
                ConsumerGroup group = groupForReplay(key.groupId());
                group.updateMember(memberForReplay(group, key.memberId())
                        .applyAssignment((ConsumerGroupCurrentMemberAssignmentValue) record.value()));
            }
        } else {
            throw new IllegalArgumentException("not a consumer group record: type " + record.type());
        }
    }

    /** The group a record belongs to; created if missing, replacing a classic group of the same id (a conversion). */
    private ConsumerGroup groupForReplay(String groupId) {
        Optional<ConsumerGroup> existing = groups.get(groupId, ConsumerGroup.class);
        if (existing.isPresent()) {
            return existing.get();
        }
        ConsumerGroup group = new ConsumerGroup(groupId);
        Target target = pendingTargets.remove(groupId);
        if (target != null) {
            group.setTargetAssignment(target.epoch(), target.members());
        }
        groups.remove(groupId);
        groups.put(group);
        return group;
    }

    private static ConsumerGroupMember memberForReplay(ConsumerGroup group, String memberId) {
        ConsumerGroupMember member = group.member(memberId);
        return member != null ? member : ConsumerGroupMember.newMember(memberId);
    }

    /** Targets are not persisted: mark them stale, and start every loaded member's timers. */
    public void onLoaded() {
        pendingTargets.clear();
        for (Group group : groups.all()) {
            if (group instanceof ConsumerGroup consumerGroup) {
                consumerGroup.markTargetStale();
                for (ConsumerGroupMember member : consumerGroup.members().values()) {
                    scheduleSessionTimeout(consumerGroup.groupId(), member.memberId());
                    if (member.state() == MemberState.UNREVOKED_PARTITIONS) {
                        scheduleRebalanceTimeout(consumerGroup.groupId(), member.memberId(), member.memberEpoch(),
                                member.rebalanceTimeoutMs());
                    }
                }
            }
        }
    }

    /** Nothing waits on a consumer group operation beyond its write; the runtime drops the shard's timers. */
    public void onUnloaded() {
        pendingTargets.clear();
    }
}
