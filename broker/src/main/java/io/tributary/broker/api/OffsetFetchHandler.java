package io.tributary.broker.api;

import io.tributary.coordinator.group.GroupCoordinator;
import io.tributary.coordinator.group.RequestInfo;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.OffsetFetchRequestData;
import io.tributary.protocol.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import io.tributary.protocol.message.OffsetFetchRequestData.OffsetFetchRequestTopic;
import io.tributary.protocol.message.OffsetFetchRequestData.OffsetFetchRequestTopics;
import io.tributary.protocol.message.OffsetFetchResponseData;
import io.tributary.protocol.message.OffsetFetchResponseData.OffsetFetchResponseGroup;
import io.tributary.protocol.message.OffsetFetchResponseData.OffsetFetchResponsePartition;
import io.tributary.protocol.message.OffsetFetchResponseData.OffsetFetchResponsePartitions;
import io.tributary.protocol.message.OffsetFetchResponseData.OffsetFetchResponseTopic;
import io.tributary.protocol.message.OffsetFetchResponseData.OffsetFetchResponseTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetFetch: one group (v0–v7) or a batch of groups (v8+, each routed to its own shard);
 * {@code require_stable} (v7+) is accepted: without transactions every committed offset is stable.
 * A null topic list (v2+) asks for every committed partition.
 */
public final class OffsetFetchHandler implements ApiHandler {

    private final GroupCoordinator coordinator;

    public OffsetFetchHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.OFFSET_FETCH;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        OffsetFetchRequestData fetch = (OffsetFetchRequestData) request.body();
        RequestInfo info = GroupRequests.info(request);
        short version = request.header().apiVersion();
        if (version >= 8) {
            List<CompletableFuture<OffsetFetchResponseGroup>> groups = new ArrayList<>();
            for (OffsetFetchRequestGroup group : fetch.groups()) {
                groups.add(coordinator.fetchOffsets(info, group, fetch.requireStable()));
            }
            return GroupRequests.respond(request, CompletableFuture.allOf(groups.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
                OffsetFetchResponseData response = new OffsetFetchResponseData();
                groups.forEach(g -> response.groups().add(g.join()));
                return response;
            }));
        }
        return GroupRequests.respond(request, coordinator.fetchOffsets(info, singleGroup(fetch), fetch.requireStable())
                .thenApply(group -> singleGroupResponse(group, version)));
    }

    private static OffsetFetchRequestGroup singleGroup(OffsetFetchRequestData fetch) {
        OffsetFetchRequestGroup group = new OffsetFetchRequestGroup().setGroupId(fetch.groupId()).setMemberId(null).setMemberEpoch(-1);
        if (fetch.topics() == null) {
            return group.setTopics(null);
        }
        List<OffsetFetchRequestTopics> topics = new ArrayList<>();
        for (OffsetFetchRequestTopic topic : fetch.topics()) {
            topics.add(new OffsetFetchRequestTopics().setName(topic.name()).setPartitionIndexes(topic.partitionIndexes()));
        }
        return group.setTopics(topics);
    }

    /** v0–v7 layout: the group's error at the top (v2+) or, before v2, on every partition. */
    private static OffsetFetchResponseData singleGroupResponse(OffsetFetchResponseGroup group, short version) {
        OffsetFetchResponseData response = new OffsetFetchResponseData();
        Errors groupError = Errors.forCode(group.errorCode());
        if (version >= 2) {
            response.setErrorCode(group.errorCode());
        }
        for (OffsetFetchResponseTopics topic : group.topics()) {
            OffsetFetchResponseTopic responseTopic = new OffsetFetchResponseTopic().setName(topic.name());
            for (OffsetFetchResponsePartitions p : topic.partitions()) {
                short error = version < 2 && groupError != Errors.NONE ? groupError.code() : p.errorCode();
                responseTopic.partitions().add(new OffsetFetchResponsePartition().setPartitionIndex(p.partitionIndex())
                        .setCommittedOffset(p.committedOffset()).setCommittedLeaderEpoch(p.committedLeaderEpoch())
                        .setMetadata(p.metadata()).setErrorCode(error));
            }
            response.topics().add(responseTopic);
        }
        return response;
    }
}
