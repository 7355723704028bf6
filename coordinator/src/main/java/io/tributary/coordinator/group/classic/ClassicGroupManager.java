package io.tributary.coordinator.group.classic;

import io.tributary.coordinator.group.GroupConfig;
import io.tributary.coordinator.group.GroupStore;
import io.tributary.coordinator.group.RequestInfo;
import io.tributary.coordinator.record.GroupMetadataKey;
import io.tributary.coordinator.record.GroupMetadataValue;
import io.tributary.coordinator.runtime.CoordinatorResult;
import io.tributary.coordinator.runtime.ShardContext;
import io.tributary.protocol.message.DescribeGroupsResponseData;
import io.tributary.protocol.message.HeartbeatRequestData;
import io.tributary.protocol.message.HeartbeatResponseData;
import io.tributary.protocol.message.JoinGroupRequestData;
import io.tributary.protocol.message.JoinGroupResponseData;
import io.tributary.protocol.message.LeaveGroupRequestData;
import io.tributary.protocol.message.LeaveGroupResponseData;
import io.tributary.protocol.message.SyncGroupRequestData;
import io.tributary.protocol.message.SyncGroupResponseData;
import java.util.concurrent.CompletableFuture;

/** The classic group protocol (JoinGroup, SyncGroup, Heartbeat, LeaveGroup) of one shard. PLACEHOLDER: being written. */
public final class ClassicGroupManager {

    public ClassicGroupManager(ShardContext context, GroupConfig config, GroupStore groups) {
    }

    public CoordinatorResult<Void> joinGroup(RequestInfo info, JoinGroupRequestData request, CompletableFuture<JoinGroupResponseData> response) {
        throw new UnsupportedOperationException("classic groups are being written");
    }

    public CoordinatorResult<Void> syncGroup(RequestInfo info, SyncGroupRequestData request, CompletableFuture<SyncGroupResponseData> response) {
        throw new UnsupportedOperationException("classic groups are being written");
    }

    public CoordinatorResult<HeartbeatResponseData> heartbeat(RequestInfo info, HeartbeatRequestData request) {
        throw new UnsupportedOperationException("classic groups are being written");
    }

    public CoordinatorResult<LeaveGroupResponseData> leaveGroup(RequestInfo info, LeaveGroupRequestData request) {
        throw new UnsupportedOperationException("classic groups are being written");
    }

    public DescribeGroupsResponseData.DescribedGroup describeGroup(String groupId, short apiVersion) {
        throw new UnsupportedOperationException("classic groups are being written");
    }

    /** An empty classic group for offsets committed without membership (Kafka creates one). */
    public void getOrCreateEmptyGroup(String groupId) {
        throw new UnsupportedOperationException("classic groups are being written");
    }

    public void replay(GroupMetadataKey key, GroupMetadataValue value) {
    }

    public void onLoaded() {
    }

    public void onUnloaded() {
    }
}
