package io.tributary.coordinator.group.classic;

import io.tributary.common.Time;
import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.record.GroupMetadataKey;
import io.tributary.coordinator.record.GroupMetadataValue;
import io.tributary.coordinator.runtime.CoordinatorException;
import io.tributary.coordinator.runtime.CoordinatorRecord;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.JoinGroupResponseData.JoinGroupResponseMember;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A group of the classic protocol (JoinGroup/SyncGroup), as Kafka's {@code ClassicGroup}: its
 * state, generation, selected protocol, leader and members, plus what exists only while it
 * rebalances (members that were told MEMBER_ID_REQUIRED and have not joined yet, members that have
 * not sent SyncGroup for the generation).
 *
 * <p>Durability: the group's record ({@link #toRecord}) is written when a generation's assignment
 * is stored, when a static member's id is replaced, and when the group becomes empty. Replaying it
 * ({@link #applyRecord}) rebuilds exactly that state; membership changes of a rebalance in progress
 * are not written, so a reloaded group is the last stored generation (Stable) or Empty.
 *
 * <p>Owned by the shard's thread.
 */
public final class ClassicGroup implements Group {

    /** Written at value version 3 (static members), as Kafka does. */
    static final short RECORD_VALUE_VERSION = 3;
    static final String CONSUMER_PROTOCOL_TYPE = "consumer";

    private final String groupId;
    private final Time time;
    private ClassicGroupState state = ClassicGroupState.EMPTY;
    private ClassicGroupState previousState = ClassicGroupState.EMPTY;
    private long currentStateTimestampMs;
    private int generationId;
    private String protocolType;
    private String protocolName;
    private String leaderId;
    private final Map<String, ClassicGroupMember> members = new LinkedHashMap<>();
    /** Group instance id to member id. */
    private final Map<String, String> staticMembers = new HashMap<>();
    /** Member ids handed out with MEMBER_ID_REQUIRED (KIP-394) whose JoinGroup has not come back yet. */
    private final Set<String> pendingMembers = new HashSet<>();
    /** Members of the current generation that have not sent SyncGroup yet. */
    private final Set<String> pendingSyncMembers = new HashSet<>();
    /** A member joined during the initial delayed rebalance: the delay is extended once more. */
    private boolean newMemberAdded;

    ClassicGroup(String groupId, Time time) {
        this.groupId = groupId;
        this.time = time;
        this.currentStateTimestampMs = time.milliseconds();
    }

    @Override
    public String groupId() {
        return groupId;
    }

    @Override
    public Type type() {
        return Type.CLASSIC;
    }

    public ClassicGroupState state() {
        return state;
    }

    ClassicGroupState previousState() {
        return previousState;
    }

    boolean isInState(ClassicGroupState candidate) {
        return state == candidate;
    }

    void transitionTo(ClassicGroupState next) {
        previousState = state;
        state = next;
        currentStateTimestampMs = time.milliseconds();
    }

    @Override
    public String stateName() {
        return state.stateName();
    }

    @Override
    public String protocolType() {
        return protocolType == null ? "" : protocolType;
    }

    public String protocolName() {
        return protocolName;
    }

    public int generationId() {
        return generationId;
    }

    public String leaderId() {
        return leaderId;
    }

    boolean isLeader(String memberId) {
        return memberId != null && memberId.equals(leaderId);
    }

    @Override
    public boolean isEmpty() {
        return state == ClassicGroupState.EMPTY;
    }

    public Collection<ClassicGroupMember> members() {
        return members.values();
    }

    public int size() {
        return members.size();
    }

    boolean hasMember(String memberId) {
        return members.containsKey(memberId);
    }

    ClassicGroupMember member(String memberId) {
        return members.get(memberId);
    }

    String staticMemberId(String groupInstanceId) {
        return groupInstanceId == null ? null : staticMembers.get(groupInstanceId);
    }

    boolean isPendingMember(String memberId) {
        return pendingMembers.contains(memberId);
    }

    void addPendingMember(String memberId) {
        pendingMembers.add(memberId);
    }

    boolean removePendingMember(String memberId) {
        return pendingMembers.remove(memberId);
    }

    Set<String> pendingSyncMembers() {
        return pendingSyncMembers;
    }

    boolean newMemberAdded() {
        return newMemberAdded;
    }

    void setNewMemberAdded(boolean newMemberAdded) {
        this.newMemberAdded = newMemberAdded;
    }

    /** Adds a member (the first one sets the group's protocol type and becomes leader). */
    void add(ClassicGroupMember member) {
        if (members.isEmpty()) {
            protocolType = member.protocolType();
        }
        members.put(member.memberId(), member);
        if (member.isStatic()) {
            staticMembers.put(member.groupInstanceId(), member.memberId());
        }
        pendingMembers.remove(member.memberId());
        if (leaderId == null) {
            leaderId = member.memberId();
        }
    }

    /** Removes a member or pending member; the leader passes to another member. Returns the removed member, if any. */
    ClassicGroupMember remove(String memberId) {
        ClassicGroupMember removed = members.remove(memberId);
        if (removed != null && removed.isStatic()) {
            staticMembers.remove(removed.groupInstanceId(), memberId);
        }
        pendingMembers.remove(memberId);
        pendingSyncMembers.remove(memberId);
        if (isLeader(memberId)) {
            leaderId = members.isEmpty() ? null : members.keySet().iterator().next();
        }
        return removed;
    }

    /** A static member takes a new member id, keeping everything else; the old member is returned. */
    ClassicGroupMember replaceStaticMember(String groupInstanceId, String oldMemberId, String newMemberId) {
        ClassicGroupMember old = members.remove(oldMemberId);
        if (old == null) {
            throw new IllegalStateException("group " + groupId + " has no member " + oldMemberId + " for instance " + groupInstanceId);
        }
        ClassicGroupMember replacement = old.withMemberId(newMemberId);
        members.put(newMemberId, replacement);
        staticMembers.put(groupInstanceId, newMemberId);
        if (pendingSyncMembers.remove(oldMemberId)) {
            pendingSyncMembers.add(newMemberId);
        }
        if (isLeader(oldMemberId)) {
            leaderId = newMemberId;
        }
        return old;
    }

    /**
     * Kafka's member check: a static member must be known under its instance id with this member
     * id (else FENCED_INSTANCE_ID), a dynamic one must be a member (else UNKNOWN_MEMBER_ID).
     */
    void validateMember(String memberId, String groupInstanceId) {
        if (groupInstanceId != null) {
            String existing = staticMembers.get(groupInstanceId);
            if (existing == null) {
                throw new CoordinatorException(Errors.UNKNOWN_MEMBER_ID,
                        "group " + groupId + " has no static member with instance id " + groupInstanceId);
            }
            if (!existing.equals(memberId)) {
                throw new CoordinatorException(Errors.FENCED_INSTANCE_ID, "instance id " + groupInstanceId + " of group " + groupId
                        + " belongs to member " + existing + ", not " + memberId);
            }
        } else if (!members.containsKey(memberId)) {
            throw new CoordinatorException(Errors.UNKNOWN_MEMBER_ID, "group " + groupId + " has no member " + memberId);
        }
    }

    /** Whether a member of this protocol type and protocols may join (INCONSISTENT_GROUP_PROTOCOL otherwise). */
    boolean supportsProtocols(String memberProtocolType, Set<String> memberProtocols) {
        if (state == ClassicGroupState.EMPTY) {
            return memberProtocolType != null && !memberProtocolType.isEmpty() && !memberProtocols.isEmpty();
        }
        if (protocolType == null || !protocolType.equals(memberProtocolType)) {
            return false;
        }
        for (String name : memberProtocols) {
            if (members.values().stream().allMatch(m -> m.protocols().containsKey(name))) {
                return true;
            }
        }
        return false;
    }

    /** The protocol every member supports that most members prefer (Kafka's vote). */
    String selectProtocol() {
        if (members.isEmpty()) {
            throw new IllegalStateException("group " + groupId + " has no members to select a protocol");
        }
        Set<String> candidates = new LinkedHashSet<>(members.values().iterator().next().protocols().keySet());
        members.values().forEach(m -> candidates.retainAll(m.protocols().keySet()));
        Map<String, Integer> votes = new LinkedHashMap<>();
        members.values().forEach(m -> votes.merge(m.vote(candidates), 1, Integer::sum));
        String selected = null;
        for (Map.Entry<String, Integer> vote : votes.entrySet()) {
            if (selected == null || vote.getValue() > votes.get(selected)) {
                selected = vote.getKey();
            }
        }
        return selected;
    }

    /** The longest rebalance timeout of the members: how long a rebalance waits for them. */
    int rebalanceTimeoutMs() {
        return members.values().stream().mapToInt(ClassicGroupMember::rebalanceTimeoutMs).max().orElse(0);
    }

    int numAwaitingJoin() {
        return (int) members.values().stream().filter(ClassicGroupMember::isAwaitingJoin).count();
    }

    /** Every member has sent its JoinGroup and no MEMBER_ID_REQUIRED member is still expected. */
    boolean hasAllMembersJoined() {
        return numAwaitingJoin() == members.size() && pendingMembers.isEmpty();
    }

    /**
     * Makes sure the leader is a member that rejoined, electing another if it did not. False when no
     * member rejoined at all.
     */
    boolean maybeElectNewJoinedLeader() {
        if (leaderId == null) {
            return false;
        }
        ClassicGroupMember leader = members.get(leaderId);
        if (leader != null && leader.isAwaitingJoin()) {
            return true;
        }
        for (ClassicGroupMember member : members.values()) {
            if (member.isAwaitingJoin()) {
                leaderId = member.memberId();
                return true;
            }
        }
        return false;
    }

    /** Starts the next generation: CompletingRebalance with a selected protocol, or Empty. */
    void initNextGeneration() {
        generationId++;
        if (members.isEmpty()) {
            protocolName = null;
            transitionTo(ClassicGroupState.EMPTY);
        } else {
            protocolName = selectProtocol();
            transitionTo(ClassicGroupState.COMPLETING_REBALANCE);
        }
        pendingSyncMembers.clear();
    }

    /** The member list a leader's JoinGroup response carries: each member's metadata for the selected protocol. */
    List<JoinGroupResponseMember> leaderMemberList() {
        List<JoinGroupResponseMember> list = new ArrayList<>();
        for (ClassicGroupMember member : members.values()) {
            list.add(new JoinGroupResponseMember().setMemberId(member.memberId()).setGroupInstanceId(member.groupInstanceId())
                    .setMetadata(member.metadata(protocolName)));
        }
        return list;
    }

    /** The group's record with {@code assignment} (member id to bytes; members not in it keep their own). */
    CoordinatorRecord toRecord(Map<String, byte[]> assignment) {
        GroupMetadataValue value = new GroupMetadataValue().setProtocolType(protocolType()).setGeneration(generationId)
                .setProtocol(protocolName).setLeader(leaderId).setCurrentStateTimestamp(currentStateTimestampMs);
        for (ClassicGroupMember member : members.values()) {
            value.members().add(new GroupMetadataValue.MemberMetadata().setMemberId(member.memberId())
                    .setGroupInstanceId(member.groupInstanceId()).setClientId(member.clientId()).setClientHost(member.clientHost())
                    .setRebalanceTimeout(member.rebalanceTimeoutMs()).setSessionTimeout(member.sessionTimeoutMs())
                    .setSubscription(member.metadata(protocolName))
                    .setAssignment(assignment.getOrDefault(member.memberId(), member.assignment())));
        }
        return CoordinatorRecord.record(new GroupMetadataKey().setGroup(groupId), value, RECORD_VALUE_VERSION);
    }

    /**
     * Makes the group's durable state the record's: generation, protocol, leader and members with
     * their assignments; Stable with members, Empty without. Members already present keep what
     * lives only in memory (their protocols, parked requests); members the record does not name
     * are dropped and returned. Replayed live, the record describes the state the operation that
     * wrote it left, so only the assignments and the state change.
     */
    List<ClassicGroupMember> applyRecord(GroupMetadataValue value) {
        generationId = value.generation();
        protocolType = value.protocolType() == null || value.protocolType().isEmpty() ? null : value.protocolType();
        protocolName = value.protocol();
        Map<String, ClassicGroupMember> previous = new LinkedHashMap<>(members);
        members.clear();
        staticMembers.clear();
        for (GroupMetadataValue.MemberMetadata recorded : value.members()) {
            ClassicGroupMember member = previous.remove(recorded.memberId());
            if (member == null) {
                Map<String, byte[]> protocols = new LinkedHashMap<>();
                if (protocolName != null) {
                    protocols.put(protocolName, recorded.subscription());
                }
                member = new ClassicGroupMember(recorded.memberId(), recorded.groupInstanceId(), recorded.clientId(),
                        recorded.clientHost(), recorded.rebalanceTimeout(), recorded.sessionTimeout(), protocolType(), protocols);
            }
            member.setAssignment(recorded.assignment());
            members.put(member.memberId(), member);
            if (member.isStatic()) {
                staticMembers.put(member.groupInstanceId(), member.memberId());
            }
        }
        leaderId = members.isEmpty() ? null : value.leader();
        pendingSyncMembers.retainAll(members.keySet());
        if (members.isEmpty()) {
            transitionTo(ClassicGroupState.EMPTY);
        } else if (state != ClassicGroupState.STABLE && state != ClassicGroupState.PREPARING_REBALANCE) {
            transitionTo(ClassicGroupState.STABLE);
        }
        if (value.currentStateTimestamp() >= 0) {
            currentStateTimestampMs = value.currentStateTimestamp();
        }
        return new ArrayList<>(previous.values());
    }

    // ---- Group: the offset, list and delete paths' view ----

    /** Kafka's ClassicGroup.validateOffsetCommit. */
    @Override
    public void validateOffsetCommit(String memberId, String groupInstanceId, int generationId, boolean transactional, short apiVersion) {
        if (state == ClassicGroupState.DEAD) {
            throw new CoordinatorException(Errors.COORDINATOR_NOT_AVAILABLE, "group " + groupId + " is dead");
        }
        if (generationId < 0 && state == ClassicGroupState.EMPTY) {
            return;
        }
        boolean hasMemberId = memberId != null && !memberId.isEmpty();
        if (generationId >= 0 || hasMemberId || groupInstanceId != null) {
            validateMember(memberId, groupInstanceId);
            if (generationId != this.generationId) {
                throw new CoordinatorException(Errors.ILLEGAL_GENERATION,
                        "generation " + generationId + " is not group " + groupId + "'s generation " + this.generationId);
            }
        } else if (!transactional && state != ClassicGroupState.EMPTY) {
            throw new CoordinatorException(Errors.UNKNOWN_MEMBER_ID, "group " + groupId + " has members; a commit must name one");
        }
        if (!transactional && state == ClassicGroupState.COMPLETING_REBALANCE) {
            throw new CoordinatorException(Errors.REBALANCE_IN_PROGRESS, "group " + groupId + " is completing a rebalance");
        }
    }

    @Override
    public void validateOffsetFetch(String memberId, int memberEpoch) {
    }

    @Override
    public void validateDeleteGroup() {
        switch (state) {
            case DEAD -> throw new CoordinatorException(Errors.GROUP_ID_NOT_FOUND, "group " + groupId + " is dead");
            case EMPTY -> {
            }
            default -> throw new CoordinatorException(Errors.NON_EMPTY_GROUP, "group " + groupId + " has members");
        }
    }

    @Override
    public void validateOffsetDelete() {
        switch (state) {
            case DEAD -> throw new CoordinatorException(Errors.GROUP_ID_NOT_FOUND, "group " + groupId + " is dead");
            case EMPTY -> {
            }
            default -> {
                if (!CONSUMER_PROTOCOL_TYPE.equals(protocolType)) {
                    throw new CoordinatorException(Errors.NON_EMPTY_GROUP,
                            "group " + groupId + " has members of protocol type " + protocolType() + ", not consumer");
                }
            }
        }
    }

    @Override
    public List<CoordinatorRecord> deletionRecords() {
        return List.of(CoordinatorRecord.tombstone(new GroupMetadataKey().setGroup(groupId)));
    }

    /**
     * Whether a member's consumer subscription (the selected protocol's metadata) names
     * {@code topic}. Like Kafka, only groups of protocol type {@code consumer} with a generation
     * are looked at (the subscriptions of the last generation hold while it rebalances); metadata
     * that does not parse counts as no subscription.
     */
    @Override
    public boolean isSubscribedTo(String topic) {
        if (!CONSUMER_PROTOCOL_TYPE.equals(protocolType) || protocolName == null
                || state == ClassicGroupState.EMPTY || state == ClassicGroupState.DEAD) {
            return false;
        }
        for (ClassicGroupMember member : members.values()) {
            if (subscribedTopics(member.metadata(protocolName)).contains(topic)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The topics of a ConsumerProtocolSubscription (any version: int16 version, then an array of
     * strings, int32 count and int16-length UTF-8 each; the fields after it are not needed).
     */
    static Set<String> subscribedTopics(byte[] subscription) {
        Set<String> topics = new HashSet<>();
        try {
            ByteBuffer buffer = ByteBuffer.wrap(subscription);
            buffer.getShort();
            int count = buffer.getInt();
            for (int i = 0; i < count; i++) {
                short length = buffer.getShort();
                if (length < 0) {
                    return Set.of();
                }
                byte[] name = new byte[length];
                buffer.get(name);
                topics.add(new String(name, StandardCharsets.UTF_8));
            }
            return topics;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return Set.of();
        }
    }
}
