package io.tributary.coordinator.group.consumer;

import io.tributary.coordinator.group.GroupConfig;
import io.tributary.coordinator.group.GroupStore;
import io.tributary.coordinator.group.RequestInfo;
import io.tributary.coordinator.runtime.CoordinatorRecord;
import io.tributary.coordinator.runtime.CoordinatorResult;
import io.tributary.coordinator.runtime.ShardContext;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.protocol.message.ConsumerGroupDescribeResponseData;
import io.tributary.protocol.message.ConsumerGroupHeartbeatRequestData;
import io.tributary.protocol.message.ConsumerGroupHeartbeatResponseData;
import java.util.function.Supplier;

/** The KIP-848 consumer group protocol of one shard. PLACEHOLDER: being written. */
public final class ConsumerGroupManager {

    public ConsumerGroupManager(ShardContext context, GroupConfig config, GroupStore groups, Supplier<MetadataImage> metadata) {
    }

    public CoordinatorResult<ConsumerGroupHeartbeatResponseData> heartbeat(RequestInfo info, ConsumerGroupHeartbeatRequestData request) {
        throw new UnsupportedOperationException("consumer groups are being written");
    }

    public ConsumerGroupDescribeResponseData.DescribedGroup describeGroup(String groupId) {
        throw new UnsupportedOperationException("consumer groups are being written");
    }

    /** Replays a record of type 3 (group metadata), 5 (member metadata) or 8 (member assignment). */
    public void replay(CoordinatorRecord record) {
    }

    public void onLoaded() {
    }

    public void onUnloaded() {
    }
}
