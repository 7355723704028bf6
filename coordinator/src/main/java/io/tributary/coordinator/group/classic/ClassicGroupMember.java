package io.tributary.coordinator.group.classic;

import io.tributary.protocol.message.JoinGroupRequestData.JoinGroupRequestProtocol;
import io.tributary.protocol.message.JoinGroupResponseData;
import io.tributary.protocol.message.SyncGroupResponseData;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One member of a classic group: who it is, the protocols it supports in its order of preference,
 * its assignment, and the JoinGroup or SyncGroup request it has parked while the group rebalances.
 * The parked requests and {@code isNew} live only in memory; the rest is in the group's record.
 * Owned by the shard's thread.
 */
public final class ClassicGroupMember {

    private final String memberId;
    private final String groupInstanceId;
    private final String clientId;
    private final String clientHost;
    private final String protocolType;
    private int rebalanceTimeoutMs;
    private int sessionTimeoutMs;
    /** Protocol name to metadata, in the member's order of preference. */
    private Map<String, byte[]> protocols;
    private byte[] assignment = new byte[0];
    private CompletableFuture<JoinGroupResponseData> joinFuture;
    private short joinApiVersion;
    private CompletableFuture<SyncGroupResponseData> syncFuture;
    /** Joined but never completed a join: its session is the new-member join timeout. */
    private boolean isNew;

    ClassicGroupMember(String memberId, String groupInstanceId, String clientId, String clientHost, int rebalanceTimeoutMs,
                       int sessionTimeoutMs, String protocolType, Map<String, byte[]> protocols) {
        this.memberId = memberId;
        this.groupInstanceId = groupInstanceId;
        this.clientId = clientId;
        this.clientHost = clientHost;
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.protocolType = protocolType;
        this.protocols = new LinkedHashMap<>(protocols);
    }

    /** The same member under a new id (a static member rejoining with an unknown member id). */
    ClassicGroupMember withMemberId(String newMemberId) {
        ClassicGroupMember copy = new ClassicGroupMember(newMemberId, groupInstanceId, clientId, clientHost, rebalanceTimeoutMs,
                sessionTimeoutMs, protocolType, protocols);
        copy.assignment = assignment;
        return copy;
    }

    /** The protocols of a JoinGroup request, keeping their order (the member's preference). */
    static Map<String, byte[]> protocolsOf(List<JoinGroupRequestProtocol> requested) {
        Map<String, byte[]> protocols = new LinkedHashMap<>();
        for (JoinGroupRequestProtocol protocol : requested) {
            protocols.putIfAbsent(protocol.name(), protocol.metadata());
        }
        return protocols;
    }

    public String memberId() {
        return memberId;
    }

    public String groupInstanceId() {
        return groupInstanceId;
    }

    public boolean isStatic() {
        return groupInstanceId != null;
    }

    public String clientId() {
        return clientId;
    }

    public String clientHost() {
        return clientHost;
    }

    public String protocolType() {
        return protocolType;
    }

    public int rebalanceTimeoutMs() {
        return rebalanceTimeoutMs;
    }

    public int sessionTimeoutMs() {
        return sessionTimeoutMs;
    }

    public Map<String, byte[]> protocols() {
        return protocols;
    }

    /** The member's metadata for {@code protocolName}, or empty bytes if it does not support it. */
    public byte[] metadata(String protocolName) {
        byte[] metadata = protocolName == null ? null : protocols.get(protocolName);
        return metadata == null ? new byte[0] : metadata;
    }

    public byte[] assignment() {
        return assignment;
    }

    void setAssignment(byte[] assignment) {
        this.assignment = assignment == null ? new byte[0] : assignment;
    }

    void update(Map<String, byte[]> protocols, int rebalanceTimeoutMs, int sessionTimeoutMs) {
        this.protocols = new LinkedHashMap<>(protocols);
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
        this.sessionTimeoutMs = sessionTimeoutMs;
    }

    /** Whether a JoinGroup's protocols equal this member's, in the same order (no rebalance needed). */
    boolean matches(Map<String, byte[]> requested) {
        if (requested.size() != protocols.size()) {
            return false;
        }
        var mine = protocols.entrySet().iterator();
        for (Map.Entry<String, byte[]> entry : requested.entrySet()) {
            Map.Entry<String, byte[]> own = mine.next();
            if (!Objects.equals(own.getKey(), entry.getKey()) || !Arrays.equals(own.getValue(), entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The first protocol, in this member's preference, among {@code candidates}. */
    String vote(java.util.Set<String> candidates) {
        for (String name : protocols.keySet()) {
            if (candidates.contains(name)) {
                return name;
            }
        }
        throw new IllegalStateException("member " + memberId + " supports none of " + candidates);
    }

    public boolean isAwaitingJoin() {
        return joinFuture != null;
    }

    public boolean isAwaitingSync() {
        return syncFuture != null;
    }

    void parkJoin(CompletableFuture<JoinGroupResponseData> future, short apiVersion) {
        this.joinFuture = future;
        this.joinApiVersion = apiVersion;
    }

    void parkSync(CompletableFuture<SyncGroupResponseData> future) {
        this.syncFuture = future;
    }

    /** Answers the parked JoinGroup, if any; returns whether there was one. */
    boolean completeJoin(JoinGroupResponseData response) {
        if (joinFuture == null) {
            return false;
        }
        CompletableFuture<JoinGroupResponseData> future = joinFuture;
        joinFuture = null;
        future.complete(JoinGroupResponses.forVersion(response, joinApiVersion));
        return true;
    }

    /** Answers the parked SyncGroup, if any; returns whether there was one. */
    boolean completeSync(SyncGroupResponseData response) {
        if (syncFuture == null) {
            return false;
        }
        CompletableFuture<SyncGroupResponseData> future = syncFuture;
        syncFuture = null;
        future.complete(response);
        return true;
    }

    public boolean isNew() {
        return isNew;
    }

    void setNew(boolean isNew) {
        this.isNew = isNew;
    }

    /**
     * Whether a session expiry may be ignored: a member parked in a rebalance is alive by
     * definition, unless it is new (it may never come back for its first join response).
     */
    boolean hasSatisfiedHeartbeat() {
        return !isNew && (isAwaitingJoin() || isAwaitingSync());
    }
}
