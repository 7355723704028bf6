package io.tributary.coordinator.group.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.ManualTime;
import io.tributary.coordinator.group.GroupConfig;
import io.tributary.coordinator.group.GroupStore;
import io.tributary.coordinator.group.RequestInfo;
import io.tributary.coordinator.record.GroupMetadataKey;
import io.tributary.coordinator.record.GroupMetadataValue;
import io.tributary.coordinator.runtime.CoordinatorRecord;
import io.tributary.coordinator.runtime.CoordinatorResult;
import io.tributary.coordinator.runtime.ShardContext;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.HeartbeatRequestData;
import io.tributary.protocol.message.JoinGroupRequestData;
import io.tributary.protocol.message.JoinGroupRequestData.JoinGroupRequestProtocol;
import io.tributary.protocol.message.JoinGroupResponseData;
import io.tributary.protocol.message.LeaveGroupRequestData;
import io.tributary.protocol.message.LeaveGroupResponseData;
import io.tributary.protocol.message.SyncGroupRequestData;
import io.tributary.protocol.message.SyncGroupRequestData.SyncGroupRequestAssignment;
import io.tributary.protocol.message.SyncGroupResponseData;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Drives a {@link ClassicGroupManager} the way the coordinator runtime does, on the test thread:
 * records an operation returns are replayed into the manager and kept as the log, and its append
 * future is completed as if committed (unless commits are held). {@link #restarted()} builds a
 * fresh manager from the log, as a reload would.
 */
final class ClassicGroupHarness {

    static final String GROUP = "group";
    static final int SESSION_TIMEOUT_MS = 10_000;
    static final int REBALANCE_TIMEOUT_MS = 30_000;

    final ManualTime time;
    final GroupConfig config;
    final GroupStore groups = new GroupStore();
    final ManualCoordinatorTimer timer;
    final ClassicGroupManager manager;
    final List<CoordinatorRecord> log;
    private final List<CompletableFuture<Void>> heldCommits = new ArrayList<>();
    private boolean holdCommits;

    ClassicGroupHarness() {
        this(GroupConfig.defaults().withClassicInitialRebalanceDelayMs(0));
    }

    ClassicGroupHarness(GroupConfig config) {
        this(new ManualTime(), config, new ArrayList<>());
    }

    private ClassicGroupHarness(ManualTime time, GroupConfig config, List<CoordinatorRecord> log) {
        this.time = time;
        this.config = config;
        this.log = log;
        this.timer = new ManualCoordinatorTimer(time, this::apply);
        this.manager = new ClassicGroupManager(new ShardContext(0, time, timer), config, groups);
    }

    /** A new manager that has loaded this one's log. */
    ClassicGroupHarness restarted() {
        ClassicGroupHarness fresh = new ClassicGroupHarness(time, config, new ArrayList<>(log));
        for (CoordinatorRecord record : log) {
            fresh.manager.replay((GroupMetadataKey) record.key(), (GroupMetadataValue) record.value());
        }
        fresh.manager.onLoaded();
        return fresh;
    }

    <T> T apply(CoordinatorResult<T> result) {
        for (CoordinatorRecord record : result.records()) {
            manager.replay((GroupMetadataKey) record.key(), (GroupMetadataValue) record.value());
            log.add(record);
        }
        if (result.appendFuture() != null) {
            if (holdCommits) {
                heldCommits.add(result.appendFuture());
            } else {
                result.appendFuture().complete(null);
            }
        }
        return result.response();
    }

    void holdCommits() {
        holdCommits = true;
    }

    void releaseCommits() {
        holdCommits = false;
        heldCommits.forEach(f -> f.complete(null));
        heldCommits.clear();
    }

    void failCommits() {
        holdCommits = false;
        heldCommits.forEach(f -> f.completeExceptionally(new IllegalStateException("lost")));
        heldCommits.clear();
    }

    void advance(long ms) {
        timer.advance(ms);
    }

    ClassicGroup group() {
        return manager.classicGroup(GROUP);
    }

    // ---- requests ----

    static JoinRequest join() {
        return new JoinRequest();
    }

    /** A JoinGroup under construction, with working defaults. */
    static final class JoinRequest {
        final JoinGroupRequestData data = new JoinGroupRequestData().setGroupId(GROUP).setSessionTimeoutMs(SESSION_TIMEOUT_MS)
                .setRebalanceTimeoutMs(REBALANCE_TIMEOUT_MS).setProtocolType("consumer")
                .setProtocols(new ArrayList<>(List.of(protocol("range", subscription("t")))));
        short version = 9;
        String clientId = "client";

        JoinRequest member(String memberId) {
            data.setMemberId(memberId);
            return this;
        }

        JoinRequest instance(String groupInstanceId) {
            data.setGroupInstanceId(groupInstanceId);
            return this;
        }

        JoinRequest version(int v) {
            version = (short) v;
            return this;
        }

        JoinRequest client(String id) {
            clientId = id;
            return this;
        }

        JoinRequest sessionTimeout(int ms) {
            data.setSessionTimeoutMs(ms);
            return this;
        }

        JoinRequest rebalanceTimeout(int ms) {
            data.setRebalanceTimeoutMs(ms);
            return this;
        }

        JoinRequest protocolType(String type) {
            data.setProtocolType(type);
            return this;
        }

        JoinRequest protocols(JoinGroupRequestProtocol... protocols) {
            data.setProtocols(new ArrayList<>(List.of(protocols)));
            return this;
        }
    }

    static JoinGroupRequestProtocol protocol(String name, byte[] metadata) {
        return new JoinGroupRequestProtocol().setName(name).setMetadata(metadata);
    }

    CompletableFuture<JoinGroupResponseData> join(JoinRequest request) {
        CompletableFuture<JoinGroupResponseData> response = new CompletableFuture<>();
        apply(manager.joinGroup(new RequestInfo(request.clientId, "/127.0.0.1", request.version), request.data, response));
        return response;
    }

    /** KIP-394: the first JoinGroup is answered MEMBER_ID_REQUIRED; the second, with that id, is parked. */
    CompletableFuture<JoinGroupResponseData> joinNew(JoinRequest request) {
        JoinGroupResponseData required = join(request).getNow(null);
        assertEquals(Errors.MEMBER_ID_REQUIRED.code(), required.errorCode());
        return join(request.member(required.memberId()));
    }

    /** Joins {@code count} dynamic members (ids in join order) and completes the rebalance; returns their responses. */
    List<JoinGroupResponseData> formGroup(int count) {
        List<CompletableFuture<JoinGroupResponseData>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(joinNew(join().client("c" + i)));
        }
        advance(0);
        List<JoinGroupResponseData> responses = new ArrayList<>();
        futures.forEach(f -> {
            assertTrue(f.isDone(), "join completed");
            responses.add(f.join());
        });
        return responses;
    }

    /** Forms a group and has every member sync (leader first): the group is Stable. */
    List<JoinGroupResponseData> formStableGroup(int count) {
        List<JoinGroupResponseData> joined = formGroup(count);
        JoinGroupResponseData leader = joined.stream().filter(r -> r.leader().equals(r.memberId())).findFirst().orElseThrow();
        List<SyncGroupRequestAssignment> assignments = new ArrayList<>();
        joined.forEach(r -> assignments.add(new SyncGroupRequestAssignment().setMemberId(r.memberId()).setAssignment(assignmentOf(r.memberId()))));
        sync(leader.memberId(), leader.generationId(), assignments);
        joined.stream().filter(r -> r != leader).forEach(r -> sync(r.memberId(), r.generationId(), List.of()));
        return joined;
    }

    static byte[] assignmentOf(String memberId) {
        return ("assigned-to-" + memberId).getBytes(StandardCharsets.UTF_8);
    }

    CompletableFuture<SyncGroupResponseData> sync(String memberId, int generationId, List<SyncGroupRequestAssignment> assignments) {
        return sync(new SyncGroupRequestData().setGroupId(GROUP).setMemberId(memberId).setGenerationId(generationId)
                .setProtocolType("consumer").setProtocolName("range").setAssignments(assignments), (short) 5);
    }

    CompletableFuture<SyncGroupResponseData> sync(SyncGroupRequestData request, short version) {
        CompletableFuture<SyncGroupResponseData> response = new CompletableFuture<>();
        apply(manager.syncGroup(new RequestInfo("client", "/127.0.0.1", version), request, response));
        return response;
    }

    Errors heartbeat(String memberId, int generationId) {
        return heartbeat(memberId, null, generationId);
    }

    Errors heartbeat(String memberId, String groupInstanceId, int generationId) {
        HeartbeatRequestData request = new HeartbeatRequestData().setGroupId(GROUP).setMemberId(memberId)
                .setGroupInstanceId(groupInstanceId).setGenerationId(generationId);
        return Errors.forCode(apply(manager.heartbeat(new RequestInfo("client", "/127.0.0.1", (short) 4), request)).errorCode());
    }

    LeaveGroupResponseData leave(short version, LeaveGroupRequestData request) {
        return apply(manager.leaveGroup(new RequestInfo("client", "/127.0.0.1", version), request.setGroupId(GROUP)));
    }

    /** A ConsumerProtocolSubscription v0: int16 version, topics, null user data. */
    static byte[] subscription(String... topics) {
        int size = 2 + 4 + 4;
        for (String topic : topics) {
            size += 2 + topic.getBytes(StandardCharsets.UTF_8).length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putShort((short) 0).putInt(topics.length);
        for (String topic : topics) {
            byte[] name = topic.getBytes(StandardCharsets.UTF_8);
            buffer.putShort((short) name.length).put(name);
        }
        buffer.putInt(-1);
        return buffer.array();
    }

    static Errors error(JoinGroupResponseData response) {
        return Errors.forCode(response.errorCode());
    }

    static Errors error(SyncGroupResponseData response) {
        return Errors.forCode(response.errorCode());
    }
}
