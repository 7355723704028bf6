package io.tributary.coordinator.group.classic;

import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.group.GroupConfig;
import io.tributary.coordinator.group.GroupStore;
import io.tributary.coordinator.group.RequestInfo;
import io.tributary.coordinator.record.GroupMetadataKey;
import io.tributary.coordinator.record.GroupMetadataValue;
import io.tributary.coordinator.runtime.CoordinatorException;
import io.tributary.coordinator.runtime.CoordinatorResult;
import io.tributary.coordinator.runtime.CoordinatorTimer;
import io.tributary.coordinator.runtime.ShardContext;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.DescribeGroupsResponseData;
import io.tributary.protocol.message.DescribeGroupsResponseData.DescribedGroupMember;
import io.tributary.protocol.message.HeartbeatRequestData;
import io.tributary.protocol.message.HeartbeatResponseData;
import io.tributary.protocol.message.JoinGroupRequestData;
import io.tributary.protocol.message.JoinGroupResponseData;
import io.tributary.protocol.message.LeaveGroupRequestData;
import io.tributary.protocol.message.LeaveGroupRequestData.MemberIdentity;
import io.tributary.protocol.message.LeaveGroupResponseData;
import io.tributary.protocol.message.LeaveGroupResponseData.MemberResponse;
import io.tributary.protocol.message.SyncGroupRequestData;
import io.tributary.protocol.message.SyncGroupResponseData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classic group protocol (JoinGroup, SyncGroup, Heartbeat, LeaveGroup, DescribeGroups) of one
 * shard, with the semantics of Kafka's GroupMetadataManager for classic groups.
 *
 * <p>A rebalance: JoinGroup requests are parked on their members until every known member has
 * rejoined or the rebalance timeout expires (the first rebalance of an empty group waits
 * {@code group.initial.rebalance.delay.ms} more, extended while members keep arriving); then the
 * generation is bumped, a protocol is voted and every parked JoinGroup answered, the leader's with
 * the member list. SyncGroup requests are parked until the leader's arrives; its assignment is
 * written as the group's record and the parked requests are answered once that record is
 * committed.
 *
 * <p>State: membership during a rebalance, parked requests and session deadlines live in memory
 * and are changed by the operations directly, as in Kafka; what survives a restart is the group's
 * record, applied only by {@link #replay}. Timers (sessions, join and sync deadlines, the initial
 * delay) run as write operations on the shard's thread. Owned by the shard's thread.
 */
public final class ClassicGroupManager {

    private static final Logger log = LoggerFactory.getLogger(ClassicGroupManager.class);

    /** How long a new member's first JoinGroup may stay parked (Kafka's classic new-member join timeout). */
    static final int NEW_MEMBER_JOIN_TIMEOUT_MS = 5 * 60 * 1000;

    private final ShardContext context;
    private final GroupConfig config;
    private final GroupStore groups;

    public ClassicGroupManager(ShardContext context, GroupConfig config, GroupStore groups) {
        this.context = context;
        this.config = config;
        this.groups = groups;
    }

    private CoordinatorTimer timer() {
        return context.timer();
    }

    /** The classic group of that id, or null (absent, or a group of the other protocol). */
    ClassicGroup classicGroup(String groupId) {
        return groups.get(groupId, ClassicGroup.class).orElse(null);
    }

    // ---- JoinGroup ----

    public CoordinatorResult<Void> joinGroup(RequestInfo info, JoinGroupRequestData request, CompletableFuture<JoinGroupResponseData> response) {
        PendingWrite write = new PendingWrite();
        Join join = new Join(info, request, response);
        if (request.sessionTimeoutMs() < config.classicMinSessionTimeoutMs() || request.sessionTimeoutMs() > config.classicMaxSessionTimeoutMs()) {
            join.fail(Errors.INVALID_SESSION_TIMEOUT);
            return write.result(null);
        }
        Group existing = groups.get(request.groupId()).orElse(null);
        if (existing != null && !(existing instanceof ClassicGroup)) {
            join.fail(Errors.INCONSISTENT_GROUP_PROTOCOL);
            return write.result(null);
        }
        ClassicGroup group = (ClassicGroup) existing;
        boolean isNewGroup = group == null;
        if (isNewGroup) {
            if (!join.memberId().isEmpty()) {
                join.fail(Errors.UNKNOWN_MEMBER_ID);
                return write.result(null);
            }
            group = new ClassicGroup(request.groupId(), context.time());
            groups.put(group);
        }
        if (!acceptJoiningMember(group, join.memberId())) {
            removeMember(group, join.memberId());
            join.respond(JoinGroupResponses.error("", Errors.GROUP_MAX_SIZE_REACHED));
        } else if (join.memberId().isEmpty()) {
            joinNewMember(group, join, write);
        } else {
            joinExistingMember(group, join, write);
        }
        if (isNewGroup && group.isInState(ClassicGroupState.EMPTY) && group.size() == 0 && !group.isPendingMember(join.newMemberId)) {
            groups.remove(group.groupId());
        }
        return write.result(null);
    }

    /** One JoinGroup request as it is handled. */
    private static final class Join {
        final RequestInfo info;
        final JoinGroupRequestData request;
        final CompletableFuture<JoinGroupResponseData> response;
        final Map<String, byte[]> protocols;
        String newMemberId;

        Join(RequestInfo info, JoinGroupRequestData request, CompletableFuture<JoinGroupResponseData> response) {
            this.info = info;
            this.request = request;
            this.response = response;
            this.protocols = ClassicGroupMember.protocolsOf(request.protocols());
        }

        String memberId() {
            return request.memberId() == null ? "" : request.memberId();
        }

        /** v0 has no rebalance timeout: the session timeout serves as one. */
        int rebalanceTimeoutMs() {
            return request.rebalanceTimeoutMs() > 0 ? request.rebalanceTimeoutMs() : request.sessionTimeoutMs();
        }

        void respond(JoinGroupResponseData data) {
            response.complete(JoinGroupResponses.forVersion(data, info.apiVersion()));
        }

        void fail(Errors error) {
            respond(JoinGroupResponses.error(memberId(), error));
        }
    }

    /** Kafka's group.max.size check: a rebalance admits at most that many members. */
    private boolean acceptJoiningMember(ClassicGroup group, String memberId) {
        return switch (group.state()) {
            case EMPTY, DEAD -> true;
            case PREPARING_REBALANCE -> (group.hasMember(memberId) && group.member(memberId).isAwaitingJoin())
                    || group.numAwaitingJoin() < config.classicMaxSize();
            case COMPLETING_REBALANCE, STABLE -> group.hasMember(memberId) || group.size() < config.classicMaxSize();
        };
    }

    /**
     * Fails a join the group cannot take from any member, new or known: the group is dead,
     * or it shares no protocol with the member. Returns whether it failed the join.
     */
    private static boolean failedUnacceptableJoin(ClassicGroup group, Join join) {
        if (group.isInState(ClassicGroupState.DEAD)) {
            join.fail(Errors.COORDINATOR_NOT_AVAILABLE);
            return true;
        }
        if (!group.supportsProtocols(join.request.protocolType(), join.protocols.keySet())) {
            join.fail(Errors.INCONSISTENT_GROUP_PROTOCOL);
            return true;
        }
        return false;
    }

    private void joinNewMember(ClassicGroup group, Join join, PendingWrite write) {
        if (failedUnacceptableJoin(group, join)) {
            return;
        }
        String instanceId = join.request.groupInstanceId();
        String newMemberId = (instanceId != null ? instanceId : join.info.clientId()) + "-" + UUID.randomUUID();
        join.newMemberId = newMemberId;
        if (instanceId != null) {
            String existingMemberId = group.staticMemberId(instanceId);
            if (existingMemberId != null) {
                log.info("static member {} of group {} rejoins with an unknown member id: {} replaces {}", instanceId, group.groupId(),
                        newMemberId, existingMemberId);
                replaceStaticMember(group, join, existingMemberId, newMemberId, write);
            } else {
                addMemberAndRebalance(group, join, newMemberId, write);
            }
        } else if (join.info.apiVersion() >= 4) {
            // KIP-394: hand out the id first, so a member that gives up does not linger in the rebalance.
            group.addPendingMember(newMemberId);
            scheduleSessionExpiry(group, newMemberId, join.request.sessionTimeoutMs());
            join.respond(JoinGroupResponses.error(newMemberId, Errors.MEMBER_ID_REQUIRED));
        } else {
            addMemberAndRebalance(group, join, newMemberId, write);
        }
    }

    private void joinExistingMember(ClassicGroup group, Join join, PendingWrite write) {
        String memberId = join.memberId();
        if (failedUnacceptableJoin(group, join)) {
            return;
        }
        if (group.isPendingMember(memberId)) {
            addMemberAndRebalance(group, join, memberId, write);
            return;
        }
        try {
            group.validateMember(memberId, join.request.groupInstanceId());
        } catch (CoordinatorException e) {
            join.fail(e.error());
            return;
        }
        ClassicGroupMember member = group.member(memberId);
        switch (group.state()) {
            case PREPARING_REBALANCE -> updateMemberAndRebalance(group, member, join, write);
            case COMPLETING_REBALANCE -> {
                if (member.matches(join.protocols)) {
                    // It probably missed the JoinGroup response: the generation it joined is still current.
                    join.respond(currentGeneration(group, memberId, group.isLeader(memberId)));
                } else {
                    updateMemberAndRebalance(group, member, join, write);
                }
            }
            case STABLE -> {
                // The leader's rejoin always rebalances: it is how a leader reacts to metadata changes.
                if (group.isLeader(memberId) || !member.matches(join.protocols)) {
                    updateMemberAndRebalance(group, member, join, write);
                } else {
                    join.respond(currentGeneration(group, memberId, false));
                }
            }
            default -> join.fail(Errors.UNKNOWN_MEMBER_ID);
        }
    }

    private static JoinGroupResponseData currentGeneration(ClassicGroup group, String memberId, boolean withMembers) {
        return new JoinGroupResponseData().setMemberId(memberId).setGenerationId(group.generationId())
                .setProtocolType(group.protocolType()).setProtocolName(group.protocolName()).setLeader(group.leaderId())
                .setMembers(withMembers ? group.leaderMemberList() : new ArrayList<>());
    }

    private void addMemberAndRebalance(ClassicGroup group, Join join, String memberId, PendingWrite write) {
        ClassicGroupMember member = new ClassicGroupMember(memberId, join.request.groupInstanceId(), join.info.clientId(),
                join.info.clientHost(), join.rebalanceTimeoutMs(), join.request.sessionTimeoutMs(), join.request.protocolType(),
                join.protocols);
        member.setNew(true);
        if (group.isInState(ClassicGroupState.PREPARING_REBALANCE) && group.previousState() == ClassicGroupState.EMPTY) {
            group.setNewMemberAdded(true);
        }
        group.add(member);
        member.parkJoin(join.response, join.info.apiVersion());
        // A parked new member cannot heartbeat; if it went away, it would hold the rebalance forever.
        scheduleSessionExpiry(group, memberId, NEW_MEMBER_JOIN_TIMEOUT_MS);
        maybePrepareRebalanceOrCompleteJoin(group, write);
    }

    private void updateMemberAndRebalance(ClassicGroup group, ClassicGroupMember member, Join join, PendingWrite write) {
        member.completeJoin(JoinGroupResponses.error(member.memberId(), Errors.REBALANCE_IN_PROGRESS));
        member.update(join.protocols, join.rebalanceTimeoutMs(), join.request.sessionTimeoutMs());
        member.parkJoin(join.response, join.info.apiVersion());
        maybePrepareRebalanceOrCompleteJoin(group, write);
    }

    /**
     * A static member came back under a new member id: it takes the old member's place (the old
     * id's parked requests are fenced). In a Stable group whose protocol would not change, the new
     * id is written and the member answered with the current generation, without a rebalance.
     */
    private void replaceStaticMember(ClassicGroup group, Join join, String oldMemberId, String newMemberId, PendingWrite write) {
        String previousLeader = group.leaderId();
        ClassicGroupMember old = group.replaceStaticMember(join.request.groupInstanceId(), oldMemberId, newMemberId);
        old.completeJoin(JoinGroupResponses.error(oldMemberId, Errors.FENCED_INSTANCE_ID));
        old.completeSync(syncError(Errors.FENCED_INSTANCE_ID));
        timer().cancel(sessionKey(group.groupId(), oldMemberId));
        ClassicGroupMember member = group.member(newMemberId);
        member.update(join.protocols, join.rebalanceTimeoutMs(), join.request.sessionTimeoutMs());
        member.parkJoin(join.response, join.info.apiVersion());
        scheduleSessionExpiry(group, newMemberId, member.sessionTimeoutMs());
        switch (group.state()) {
            case STABLE -> {
                if (!Objects.equals(group.protocolName(), group.selectProtocol())) {
                    maybePrepareRebalanceOrCompleteJoin(group, write);
                    return;
                }
                write.add(group.toRecord(Map.of()));
                boolean skipAssignment = join.info.apiVersion() >= 9;
                write.afterCommit(failure -> {
                    if (failure != null) {
                        member.completeJoin(JoinGroupResponses.error(newMemberId, Errors.NOT_COORDINATOR));
                    } else if (skipAssignment) {
                        boolean leader = group.isLeader(newMemberId);
                        member.completeJoin(currentGeneration(group, newMemberId, leader).setSkipAssignment(leader));
                    } else {
                        // Older clients are not told they lead: they would compute an assignment nobody asked for.
                        member.completeJoin(currentGeneration(group, newMemberId, false).setLeader(previousLeader));
                    }
                });
            }
            case COMPLETING_REBALANCE -> prepareRebalance(group, write);
            default -> maybeCompleteJoinPhase(group, write);
        }
    }

    // ---- rebalance ----

    private void maybePrepareRebalanceOrCompleteJoin(ClassicGroup group, PendingWrite write) {
        switch (group.state()) {
            case STABLE, COMPLETING_REBALANCE, EMPTY -> prepareRebalance(group, write);
            case PREPARING_REBALANCE -> maybeCompleteJoinPhase(group, write);
            default -> {
            }
        }
    }

    private void prepareRebalance(ClassicGroup group, PendingWrite write) {
        // Members waiting for an assignment of this generation will not get one: they must rejoin.
        for (ClassicGroupMember member : group.members()) {
            member.completeSync(syncError(Errors.REBALANCE_IN_PROGRESS));
        }
        timer().cancel(syncKey(group.groupId()));
        boolean initialRebalance = group.isInState(ClassicGroupState.EMPTY);
        group.transitionTo(ClassicGroupState.PREPARING_REBALANCE);
        String groupId = group.groupId();
        if (initialRebalance) {
            int delayMs = config.classicInitialRebalanceDelayMs();
            int remainingMs = Math.max(group.rebalanceTimeoutMs() - delayMs, 0);
            group.setNewMemberAdded(false);
            timer().schedule(joinKey(groupId), delayMs, () -> completeInitialRebalance(groupId, delayMs, remainingMs));
        } else {
            timer().schedule(joinKey(groupId), group.rebalanceTimeoutMs(), () -> completeJoinOnTimeout(groupId));
            maybeCompleteJoinPhase(group, write);
        }
    }

    /** Completes the join phase once everyone has rejoined, except during a new group's initial delay. */
    private void maybeCompleteJoinPhase(ClassicGroup group, PendingWrite write) {
        if (group.isInState(ClassicGroupState.PREPARING_REBALANCE) && group.hasAllMembersJoined()
                && group.previousState() != ClassicGroupState.EMPTY) {
            completeJoin(group, write);
        }
    }

    /** Kafka's InitialDelayedJoin: while members keep arriving, wait another delay, up to the rebalance timeout. */
    private CoordinatorResult<Void> completeInitialRebalance(String groupId, int delayMs, int remainingMs) {
        ClassicGroup group = classicGroup(groupId);
        PendingWrite write = new PendingWrite();
        if (group == null || !group.isInState(ClassicGroupState.PREPARING_REBALANCE)) {
            return write.result(null);
        }
        if (group.newMemberAdded() && remainingMs != 0) {
            group.setNewMemberAdded(false);
            int nextDelayMs = Math.min(config.classicInitialRebalanceDelayMs(), remainingMs);
            int nextRemainingMs = Math.max(remainingMs - delayMs, 0);
            timer().schedule(joinKey(groupId), nextDelayMs, () -> completeInitialRebalance(groupId, nextDelayMs, nextRemainingMs));
            return write.result(null);
        }
        completeJoin(group, write);
        return write.result(null);
    }

    private CoordinatorResult<Void> completeJoinOnTimeout(String groupId) {
        PendingWrite write = new PendingWrite();
        ClassicGroup group = classicGroup(groupId);
        if (group != null) {
            completeJoin(group, write);
        }
        return write.result(null);
    }

    /**
     * Ends the join phase: dynamic members that did not rejoin are removed, the next generation
     * starts and every parked JoinGroup is answered. A group left without members is written Empty.
     */
    private void completeJoin(ClassicGroup group, PendingWrite write) {
        if (!group.isInState(ClassicGroupState.PREPARING_REBALANCE)) {
            return;
        }
        String groupId = group.groupId();
        timer().cancel(joinKey(groupId));
        for (ClassicGroupMember member : List.copyOf(group.members())) {
            if (!member.isAwaitingJoin() && !member.isStatic()) {
                log.info("member {} of group {} did not rejoin in time; removing it", member.memberId(), groupId);
                removeMember(group, member.memberId());
            }
        }
        if (!group.maybeElectNewJoinedLeader() && group.size() > 0) {
            // Only static members that have not rejoined are left: wait for them or their session expiry.
            timer().schedule(joinKey(groupId), group.rebalanceTimeoutMs(), () -> completeJoinOnTimeout(groupId));
            return;
        }
        group.initNextGeneration();
        if (group.isInState(ClassicGroupState.EMPTY)) {
            log.info("group {} is empty at generation {}", groupId, group.generationId());
            write.add(group.toRecord(Map.of()));
            return;
        }
        log.info("group {} stabilized at generation {} with protocol {} and {} members", groupId, group.generationId(),
                group.protocolName(), group.size());
        for (ClassicGroupMember member : group.members()) {
            boolean leader = group.isLeader(member.memberId());
            member.completeJoin(currentGeneration(group, member.memberId(), leader));
            scheduleSessionExpiry(group, member.memberId(), member.sessionTimeoutMs());
            member.setNew(false);
            group.pendingSyncMembers().add(member.memberId());
        }
        int generationId = group.generationId();
        timer().schedule(syncKey(groupId), group.rebalanceTimeoutMs(), () -> expirePendingSync(groupId, generationId));
    }

    /** Members of the generation that never sent SyncGroup are removed, which rebalances the group. */
    private CoordinatorResult<Void> expirePendingSync(String groupId, int generationId) {
        PendingWrite write = new PendingWrite();
        ClassicGroup group = classicGroup(groupId);
        if (group == null || group.generationId() != generationId || group.pendingSyncMembers().isEmpty()
                || !(group.isInState(ClassicGroupState.COMPLETING_REBALANCE) || group.isInState(ClassicGroupState.STABLE))) {
            return write.result(null);
        }
        log.info("group {}: members {} did not send SyncGroup in time; removing them", groupId, group.pendingSyncMembers());
        for (String memberId : List.copyOf(group.pendingSyncMembers())) {
            removeMember(group, memberId);
        }
        prepareRebalance(group, write);
        return write.result(null);
    }

    /** Drops a member or pending member, answering whatever it has parked with UNKNOWN_MEMBER_ID. */
    private void removeMember(ClassicGroup group, String memberId) {
        ClassicGroupMember member = group.member(memberId);
        if (member != null) {
            member.completeJoin(JoinGroupResponses.error("", Errors.UNKNOWN_MEMBER_ID));
            member.completeSync(syncError(Errors.UNKNOWN_MEMBER_ID));
        }
        group.remove(memberId);
        timer().cancel(sessionKey(group.groupId(), memberId));
    }

    /** Removes a member and moves the group on: a rebalance, or the end of the one in progress. */
    private void removeMemberAndRebalance(ClassicGroup group, String memberId, PendingWrite write) {
        removeMember(group, memberId);
        if (group.isInState(ClassicGroupState.STABLE) || group.isInState(ClassicGroupState.COMPLETING_REBALANCE)) {
            maybePrepareRebalanceOrCompleteJoin(group, write);
        } else if (group.isInState(ClassicGroupState.PREPARING_REBALANCE) && group.hasAllMembersJoined()) {
            completeJoin(group, write);
        }
    }

    // ---- sessions ----

    private void scheduleSessionExpiry(ClassicGroup group, String memberId, int timeoutMs) {
        String groupId = group.groupId();
        timer().schedule(sessionKey(groupId, memberId), timeoutMs, () -> expireSession(groupId, memberId));
    }

    private CoordinatorResult<Void> expireSession(String groupId, String memberId) {
        PendingWrite write = new PendingWrite();
        ClassicGroup group = classicGroup(groupId);
        if (group == null || group.isInState(ClassicGroupState.DEAD)) {
            return write.result(null);
        }
        if (group.removePendingMember(memberId)) {
            log.info("pending member {} of group {} did not rejoin within its session timeout", memberId, groupId);
            if (group.isInState(ClassicGroupState.PREPARING_REBALANCE) && group.hasAllMembersJoined()) {
                completeJoin(group, write);
            }
            return write.result(null);
        }
        ClassicGroupMember member = group.member(memberId);
        if (member != null && !member.hasSatisfiedHeartbeat()) {
            log.info("member {} of group {} has failed (session expired); removing it", memberId, groupId);
            removeMemberAndRebalance(group, memberId, write);
        }
        return write.result(null);
    }

    static String sessionKey(String groupId, String memberId) {
        return "classic-session-" + groupId.length() + ":" + groupId + ":" + memberId;
    }

    static String joinKey(String groupId) {
        return "classic-join-" + groupId;
    }

    static String syncKey(String groupId) {
        return "classic-sync-" + groupId;
    }

    // ---- SyncGroup ----

    public CoordinatorResult<Void> syncGroup(RequestInfo info, SyncGroupRequestData request, CompletableFuture<SyncGroupResponseData> response) {
        PendingWrite write = new PendingWrite();
        ClassicGroup group = classicGroup(request.groupId());
        Errors error = group == null ? Errors.UNKNOWN_MEMBER_ID : validateSync(group, request);
        if (error != Errors.NONE) {
            response.complete(syncError(error));
            return write.result(null);
        }
        String memberId = request.memberId();
        ClassicGroupMember member = group.member(memberId);
        switch (group.state()) {
            case PREPARING_REBALANCE -> response.complete(syncError(Errors.REBALANCE_IN_PROGRESS));
            case COMPLETING_REBALANCE -> {
                member.parkSync(response);
                group.pendingSyncMembers().remove(memberId);
                if (group.isLeader(memberId)) {
                    storeAssignment(group, request, write);
                }
            }
            case STABLE -> {
                group.pendingSyncMembers().remove(memberId);
                byte[] assignment = member.assignment();
                String protocolType = group.protocolType();
                String protocolName = group.protocolName();
                // The assignment may have been replayed but not yet committed: answer once it is.
                write.afterCommit(failure -> response.complete(failure != null ? syncError(Errors.NOT_COORDINATOR)
                        : new SyncGroupResponseData().setProtocolType(protocolType).setProtocolName(protocolName).setAssignment(assignment)));
            }
            default -> response.complete(syncError(Errors.UNKNOWN_MEMBER_ID));
        }
        return write.result(null);
    }

    private static Errors validateSync(ClassicGroup group, SyncGroupRequestData request) {
        if (group.isInState(ClassicGroupState.DEAD)) {
            return Errors.COORDINATOR_NOT_AVAILABLE;
        }
        try {
            group.validateMember(request.memberId(), request.groupInstanceId());
        } catch (CoordinatorException e) {
            return e.error();
        }
        if (request.generationId() != group.generationId()) {
            return Errors.ILLEGAL_GENERATION;
        }
        if (inconsistent(request.protocolType(), group.protocolType()) || inconsistent(request.protocolName(), group.protocolName())) {
            return Errors.INCONSISTENT_GROUP_PROTOCOL;
        }
        return Errors.NONE;
    }

    /** SyncGroup v5+ names the protocol type and name; older versions send null, which matches anything. */
    private static boolean inconsistent(String requested, String groupValue) {
        return requested != null && groupValue != null && !requested.equals(groupValue);
    }

    /**
     * The leader's SyncGroup: the generation's assignment (members the leader left out get empty
     * bytes) is written as the group's record; replaying it makes the group Stable, and every
     * parked SyncGroup is answered once it is committed.
     */
    private void storeAssignment(ClassicGroup group, SyncGroupRequestData request, PendingWrite write) {
        Map<String, byte[]> assignment = new HashMap<>();
        request.assignments().forEach(a -> assignment.put(a.memberId(), a.assignment()));
        for (ClassicGroupMember member : group.members()) {
            assignment.putIfAbsent(member.memberId(), new byte[0]);
        }
        int generationId = group.generationId();
        write.add(group.toRecord(assignment));
        write.afterCommit(failure -> propagateAssignment(group, generationId, failure));
    }

    private void propagateAssignment(ClassicGroup group, int generationId, Throwable failure) {
        for (ClassicGroupMember member : group.members()) {
            if (failure != null) {
                member.completeSync(syncError(Errors.NOT_COORDINATOR));
            } else if (group.generationId() == generationId && member.completeSync(new SyncGroupResponseData()
                    .setProtocolType(group.protocolType()).setProtocolName(group.protocolName()).setAssignment(member.assignment()))) {
                // Its session was not checked while it waited: it starts again now.
                scheduleSessionExpiry(group, member.memberId(), member.sessionTimeoutMs());
            }
        }
    }

    private static SyncGroupResponseData syncError(Errors error) {
        return new SyncGroupResponseData().setErrorCode(error.code()).setAssignment(new byte[0]);
    }

    // ---- Heartbeat ----

    public CoordinatorResult<HeartbeatResponseData> heartbeat(RequestInfo info, HeartbeatRequestData request) {
        ClassicGroup group = classicGroup(request.groupId());
        Errors error;
        if (group == null) {
            error = Errors.UNKNOWN_MEMBER_ID;
        } else if (group.isInState(ClassicGroupState.DEAD)) {
            error = Errors.COORDINATOR_NOT_AVAILABLE;
        } else {
            error = heartbeat(group, request);
        }
        return CoordinatorResult.response(new HeartbeatResponseData().setErrorCode(error.code()));
    }

    private Errors heartbeat(ClassicGroup group, HeartbeatRequestData request) {
        try {
            group.validateMember(request.memberId(), request.groupInstanceId());
        } catch (CoordinatorException e) {
            return e.error();
        }
        if (request.generationId() != group.generationId()) {
            return Errors.ILLEGAL_GENERATION;
        }
        ClassicGroupMember member = group.member(request.memberId());
        return switch (group.state()) {
            case PREPARING_REBALANCE -> {
                scheduleSessionExpiry(group, member.memberId(), member.sessionTimeoutMs());
                yield Errors.REBALANCE_IN_PROGRESS;
            }
            // After its JoinGroup response a member may heartbeat before it syncs: that is a normal heartbeat.
            case COMPLETING_REBALANCE, STABLE -> {
                scheduleSessionExpiry(group, member.memberId(), member.sessionTimeoutMs());
                yield Errors.NONE;
            }
            default -> Errors.UNKNOWN_MEMBER_ID;
        };
    }

    // ---- LeaveGroup ----

    public CoordinatorResult<LeaveGroupResponseData> leaveGroup(RequestInfo info, LeaveGroupRequestData request) {
        PendingWrite write = new PendingWrite();
        ClassicGroup group = classicGroup(request.groupId());
        if (group == null || group.isInState(ClassicGroupState.DEAD)) {
            Errors error = group == null ? Errors.UNKNOWN_MEMBER_ID : Errors.COORDINATOR_NOT_AVAILABLE;
            return write.result(new LeaveGroupResponseData().setErrorCode(error.code()));
        }
        List<MemberIdentity> leaving = info.apiVersion() < 3
                ? List.of(new MemberIdentity().setMemberId(request.memberId()))
                : request.members();
        List<MemberResponse> responses = new ArrayList<>();
        boolean anyLeft = false;
        for (MemberIdentity identity : leaving) {
            Errors error = leave(group, identity);
            anyLeft |= error == Errors.NONE;
            responses.add(new MemberResponse().setMemberId(identity.memberId()).setGroupInstanceId(identity.groupInstanceId())
                    .setErrorCode(error.code()));
        }
        if (anyLeft) {
            switch (group.state()) {
                case STABLE, COMPLETING_REBALANCE -> maybePrepareRebalanceOrCompleteJoin(group, write);
                case PREPARING_REBALANCE -> maybeCompleteJoinPhase(group, write);
                default -> {
                }
            }
        }
        LeaveGroupResponseData response = new LeaveGroupResponseData();
        if (info.apiVersion() < 3) {
            response.setErrorCode(responses.get(0).errorCode());
        } else {
            response.setMembers(responses);
        }
        return write.result(response);
    }

    /** One member leaving; admin clients name static members by instance id alone. */
    private Errors leave(ClassicGroup group, MemberIdentity identity) {
        String memberId = identity.memberId() == null ? "" : identity.memberId();
        String instanceId = identity.groupInstanceId();
        if (memberId.isEmpty()) {
            String staticMemberId = group.staticMemberId(instanceId);
            if (staticMemberId == null) {
                return Errors.UNKNOWN_MEMBER_ID;
            }
            removeMember(group, staticMemberId);
            return Errors.NONE;
        }
        if (group.isPendingMember(memberId)) {
            removeMember(group, memberId);
            return Errors.NONE;
        }
        try {
            group.validateMember(memberId, instanceId);
        } catch (CoordinatorException e) {
            return e.error();
        }
        log.info("member {} leaves group {} (reason: {})", memberId, group.groupId(), identity.reason());
        removeMember(group, memberId);
        return Errors.NONE;
    }

    // ---- DescribeGroups ----

    public DescribeGroupsResponseData.DescribedGroup describeGroup(String groupId, short apiVersion) {
        DescribeGroupsResponseData.DescribedGroup described = new DescribeGroupsResponseData.DescribedGroup().setGroupId(groupId);
        Group found = groups.get(groupId).orElse(null);
        if (!(found instanceof ClassicGroup group)) {
            described.setGroupState(ClassicGroupState.DEAD.stateName()).setProtocolType("").setProtocolData("");
            if (apiVersion >= 6) {
                described.setErrorCode(Errors.GROUP_ID_NOT_FOUND.code())
                        .setErrorMessage(found == null ? "Group " + groupId + " not found." : "Group " + groupId + " is not a classic group.");
            }
            return described;
        }
        boolean stable = group.isInState(ClassicGroupState.STABLE);
        String protocol = stable ? group.protocolName() : null;
        described.setGroupState(group.stateName()).setProtocolType(group.protocolType()).setProtocolData(protocol == null ? "" : protocol);
        for (ClassicGroupMember member : group.members()) {
            DescribedGroupMember describedMember = new DescribedGroupMember().setMemberId(member.memberId())
                    .setGroupInstanceId(member.groupInstanceId()).setClientId(member.clientId()).setClientHost(member.clientHost());
            if (stable) {
                describedMember.setMemberMetadata(member.metadata(protocol)).setMemberAssignment(member.assignment());
            }
            described.members().add(describedMember);
        }
        return described;
    }

    /** An empty classic group for offsets committed without membership (Kafka creates one). */
    public void getOrCreateEmptyGroup(String groupId) {
        if (groups.get(groupId).isEmpty()) {
            groups.put(new ClassicGroup(groupId, context.time()));
        }
    }

    // ---- replay and load ----

    /** Applies a group record: a tombstone deletes the group, a value makes it the record's state. */
    public void replay(GroupMetadataKey key, GroupMetadataValue value) {
        String groupId = key.group();
        ClassicGroup group = classicGroup(groupId);
        if (value == null) {
            if (group != null) {
                group.transitionTo(ClassicGroupState.DEAD);
                groups.remove(groupId);
            }
            return;
        }
        if (group == null) {
            group = new ClassicGroup(groupId, context.time());
            groups.put(group);
        }
        for (ClassicGroupMember dropped : group.applyRecord(value)) {
            dropped.completeJoin(JoinGroupResponses.error("", Errors.UNKNOWN_MEMBER_ID));
            dropped.completeSync(syncError(Errors.UNKNOWN_MEMBER_ID));
            timer().cancel(sessionKey(groupId, dropped.memberId()));
        }
    }

    /** Loaded members must heartbeat within their session timeout, or they are removed. */
    public void onLoaded() {
        for (Group group : groups.all()) {
            if (group instanceof ClassicGroup classic) {
                for (ClassicGroupMember member : classic.members()) {
                    scheduleSessionExpiry(classic, member.memberId(), member.sessionTimeoutMs());
                }
            }
        }
    }

    /** Parked requests are answered NOT_COORDINATOR: the clients look the coordinator up again. */
    public void onUnloaded() {
        for (Group group : groups.all()) {
            if (group instanceof ClassicGroup classic) {
                for (ClassicGroupMember member : classic.members()) {
                    member.completeJoin(JoinGroupResponses.error(member.memberId(), Errors.NOT_COORDINATOR));
                    member.completeSync(syncError(Errors.NOT_COORDINATOR));
                }
            }
        }
    }
}
