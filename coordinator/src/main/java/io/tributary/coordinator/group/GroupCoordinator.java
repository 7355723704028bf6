package io.tributary.coordinator.group;

import io.tributary.common.Time;
import io.tributary.coordinator.runtime.CoordinatorException;
import io.tributary.coordinator.runtime.CoordinatorLog;
import io.tributary.coordinator.runtime.CoordinatorRuntime;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.TopicImage;
import io.tributary.protocol.Errors;
import io.tributary.protocol.Uuid;
import io.tributary.protocol.message.ConsumerGroupDescribeResponseData;
import io.tributary.protocol.message.ConsumerGroupHeartbeatRequestData;
import io.tributary.protocol.message.ConsumerGroupHeartbeatResponseData;
import io.tributary.protocol.message.DeleteGroupsResponseData.DeletableGroupResult;
import io.tributary.protocol.message.DescribeGroupsResponseData.DescribedGroup;
import io.tributary.protocol.message.HeartbeatRequestData;
import io.tributary.protocol.message.HeartbeatResponseData;
import io.tributary.protocol.message.JoinGroupRequestData;
import io.tributary.protocol.message.JoinGroupResponseData;
import io.tributary.protocol.message.LeaveGroupRequestData;
import io.tributary.protocol.message.LeaveGroupResponseData;
import io.tributary.protocol.message.ListGroupsRequestData;
import io.tributary.protocol.message.ListGroupsResponseData;
import io.tributary.protocol.message.ListGroupsResponseData.ListedGroup;
import io.tributary.protocol.message.OffsetCommitRequestData;
import io.tributary.protocol.message.OffsetCommitResponseData;
import io.tributary.protocol.message.OffsetDeleteRequestData;
import io.tributary.protocol.message.OffsetDeleteResponseData;
import io.tributary.protocol.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import io.tributary.protocol.message.OffsetFetchResponseData.OffsetFetchResponseGroup;
import io.tributary.protocol.message.SyncGroupRequestData;
import io.tributary.protocol.message.SyncGroupResponseData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The group coordinator as the broker's handlers see it: each call is routed to the shard of
 * partition {@code hash(groupId) % offsets.topic.num.partitions} of {@code __consumer_offsets}
 * (Kafka's {@code Utils.abs(groupId.hashCode()) % partitions}), and every failure becomes a
 * response carrying Kafka's error code. Thread safe; futures complete on runtime threads.
 */
public final class GroupCoordinator implements AutoCloseable {

    public static final String TOPIC = "__consumer_offsets";

    private final GroupConfig config;
    private final Supplier<MetadataImage> metadata;
    private final CoordinatorRuntime<GroupCoordinatorShard> runtime;

    public GroupCoordinator(GroupConfig config, int threads, CoordinatorLog log, Supplier<MetadataImage> metadata, Time time) {
        this.config = config;
        this.metadata = metadata;
        this.runtime = new CoordinatorRuntime<>("group-coordinator", threads, log, new GroupCoordinatorRecordSerde(),
                context -> new GroupCoordinatorShard(context, config, metadata), time);
    }

    public GroupConfig config() {
        return config;
    }

    /** Kafka's partitioner for group ids. */
    public int partitionFor(String groupId) {
        int hash = groupId.hashCode();
        return (hash == Integer.MIN_VALUE ? 0 : Math.abs(hash)) % config.offsetsTopicNumPartitions();
    }

    public void onElection(int partition, int leaderEpoch) {
        runtime.onElection(partition, leaderEpoch);
    }

    public void onResignation(int partition) {
        runtime.onResignation(partition);
    }

    private static boolean invalidGroupId(String groupId) {
        return groupId == null || groupId.isEmpty();
    }

    public CompletableFuture<JoinGroupResponseData> joinGroup(RequestInfo info, JoinGroupRequestData request) {
        // ProtocolName is nullable only from v7.
        String noProtocol = info.apiVersion() >= 7 ? null : "";
        Function<Errors, JoinGroupResponseData> error = e -> new JoinGroupResponseData().setErrorCode(e.code())
                .setMemberId(request.memberId()).setGenerationId(-1).setProtocolName(noProtocol).setLeader("");
        if (invalidGroupId(request.groupId())) {
            return CompletableFuture.completedFuture(error.apply(Errors.INVALID_GROUP_ID));
        }
        CompletableFuture<JoinGroupResponseData> response = new CompletableFuture<>();
        runtime.scheduleWriteOperation("join-group", partitionFor(request.groupId()),
                        shard -> shard.classic().joinGroup(info, request, response))
                .whenComplete((v, failure) -> {
                    if (failure != null) {
                        response.complete(error.apply(CoordinatorException.errorOf(failure)));
                    }
                });
        return response;
    }

    public CompletableFuture<SyncGroupResponseData> syncGroup(RequestInfo info, SyncGroupRequestData request) {
        Function<Errors, SyncGroupResponseData> error = e -> new SyncGroupResponseData().setErrorCode(e.code());
        if (invalidGroupId(request.groupId())) {
            return CompletableFuture.completedFuture(error.apply(Errors.INVALID_GROUP_ID));
        }
        CompletableFuture<SyncGroupResponseData> response = new CompletableFuture<>();
        runtime.scheduleWriteOperation("sync-group", partitionFor(request.groupId()),
                        shard -> shard.classic().syncGroup(info, request, response))
                .whenComplete((v, failure) -> {
                    if (failure != null) {
                        response.complete(error.apply(CoordinatorException.errorOf(failure)));
                    }
                });
        return response;
    }

    public CompletableFuture<HeartbeatResponseData> heartbeat(RequestInfo info, HeartbeatRequestData request) {
        if (invalidGroupId(request.groupId())) {
            return CompletableFuture.completedFuture(new HeartbeatResponseData().setErrorCode(Errors.INVALID_GROUP_ID.code()));
        }
        return recover(runtime.scheduleWriteOperation("heartbeat", partitionFor(request.groupId()),
                        shard -> shard.classic().heartbeat(info, request)),
                e -> new HeartbeatResponseData().setErrorCode(e.code()));
    }

    public CompletableFuture<LeaveGroupResponseData> leaveGroup(RequestInfo info, LeaveGroupRequestData request) {
        if (invalidGroupId(request.groupId())) {
            return CompletableFuture.completedFuture(new LeaveGroupResponseData().setErrorCode(Errors.INVALID_GROUP_ID.code()));
        }
        return recover(runtime.scheduleWriteOperation("leave-group", partitionFor(request.groupId()),
                        shard -> shard.classic().leaveGroup(info, request)),
                e -> new LeaveGroupResponseData().setErrorCode(e.code()));
    }

    public CompletableFuture<ConsumerGroupHeartbeatResponseData> consumerGroupHeartbeat(RequestInfo info,
                                                                                      ConsumerGroupHeartbeatRequestData request) {
        Function<Errors, ConsumerGroupHeartbeatResponseData> error = e -> new ConsumerGroupHeartbeatResponseData()
                .setErrorCode(e.code()).setErrorMessage(e.message()).setMemberId(request.memberId()).setMemberEpoch(request.memberEpoch());
        if (!config.consumerProtocolEnabled()) {
            return CompletableFuture.completedFuture(error.apply(Errors.UNSUPPORTED_VERSION));
        }
        if (invalidGroupId(request.groupId())) {
            return CompletableFuture.completedFuture(error.apply(Errors.INVALID_REQUEST));
        }
        return recover(runtime.scheduleWriteOperation("consumer-group-heartbeat", partitionFor(request.groupId()),
                shard -> shard.consumer().heartbeat(info, request)), error);
    }

    /** OffsetCommit; v10 topic ids are resolved to names here, unknown ones answered UNKNOWN_TOPIC_ID. */
    public CompletableFuture<OffsetCommitResponseData> commitOffsets(RequestInfo info, OffsetCommitRequestData request) {
        if (invalidGroupId(request.groupId())) {
            return CompletableFuture.completedFuture(OffsetResponses.commitError(request, Errors.INVALID_GROUP_ID));
        }
        MetadataImage image = metadata.get();
        OffsetCommitResponseData unknown = new OffsetCommitResponseData();
        OffsetCommitRequestData known = OffsetResponses.splitUnknownTopics(request, image, info.apiVersion(), unknown);
        CompletableFuture<OffsetCommitResponseData> committed = known.topics().isEmpty()
                ? CompletableFuture.completedFuture(new OffsetCommitResponseData())
                : recover(runtime.scheduleWriteOperation("offset-commit", partitionFor(request.groupId()),
                        shard -> shard.offsets().commit(known, info.apiVersion(), timeMs(shard))),
                e -> OffsetResponses.commitError(known, e));
        return committed.thenApply(response -> {
            response.topics().addAll(unknown.topics());
            return response;
        });
    }

    private static long timeMs(GroupCoordinatorShard shard) {
        return shard.timeMs();
    }

    public CompletableFuture<OffsetFetchResponseGroup> fetchOffsets(RequestInfo info, OffsetFetchRequestGroup request, boolean requireStable) {
        if (invalidGroupId(request.groupId())) {
            return CompletableFuture.completedFuture(new OffsetFetchResponseGroup().setGroupId(request.groupId())
                    .setErrorCode(Errors.INVALID_GROUP_ID.code()));
        }
        MetadataImage image = metadata.get();
        if (request.topics() != null) {
            for (var topic : request.topics()) {
                if (info.apiVersion() >= 10 && (topic.name() == null || topic.name().isEmpty())) {
                    topic.setName(image.topics().topic(topic.topicId()).map(TopicImage::name).orElse(""));
                }
            }
        }
        return recover(runtime.scheduleReadOperation("offset-fetch", partitionFor(request.groupId()),
                        shard -> shard.offsets().fetch(request)),
                e -> new OffsetFetchResponseGroup().setGroupId(request.groupId()).setErrorCode(e.code()))
                .thenApply(group -> OffsetResponses.withTopicIds(group, image, info.apiVersion()));
    }

    public CompletableFuture<OffsetDeleteResponseData> deleteOffsets(OffsetDeleteRequestData request) {
        if (invalidGroupId(request.groupId())) {
            return CompletableFuture.completedFuture(new OffsetDeleteResponseData().setErrorCode(Errors.INVALID_GROUP_ID.code()));
        }
        return recover(runtime.scheduleWriteOperation("offset-delete", partitionFor(request.groupId()),
                        shard -> shard.offsets().delete(request)),
                e -> new OffsetDeleteResponseData().setErrorCode(e.code()));
    }

    /** ListGroups over every loaded shard; a shard that fails makes the whole answer carry its error. */
    public CompletableFuture<ListGroupsResponseData> listGroups(ListGroupsRequestData request) {
        List<CompletableFuture<List<ListedGroup>>> shards = runtime.scheduleReadAllOperation("list-groups",
                shard -> shard.listGroups(request.statesFilter(), request.typesFilter()));
        return CompletableFuture.allOf(shards.toArray(new CompletableFuture<?>[0])).handle((v, failure) -> {
            ListGroupsResponseData response = new ListGroupsResponseData();
            if (failure != null) {
                return response.setErrorCode(CoordinatorException.errorOf(failure).code());
            }
            shards.forEach(f -> response.groups().addAll(f.join()));
            return response;
        });
    }

    /** DescribeGroups (classic view); results in request order. */
    public CompletableFuture<List<DescribedGroup>> describeGroups(RequestInfo info, List<String> groupIds) {
        List<CompletableFuture<DescribedGroup>> futures = new ArrayList<>();
        for (String groupId : groupIds) {
            if (invalidGroupId(groupId)) {
                futures.add(CompletableFuture.completedFuture(describeError(groupId, Errors.INVALID_GROUP_ID)));
                continue;
            }
            futures.add(recover(runtime.scheduleReadOperation("describe-groups", partitionFor(groupId),
                    shard -> shard.classic().describeGroup(groupId, info.apiVersion())), e -> describeError(groupId, e)));
        }
        return allOf(futures);
    }

    private static DescribedGroup describeError(String groupId, Errors error) {
        return new DescribedGroup().setGroupId(groupId).setErrorCode(error.code()).setGroupState("").setProtocolType("").setProtocolData("");
    }

    public CompletableFuture<List<ConsumerGroupDescribeResponseData.DescribedGroup>> consumerGroupDescribe(List<String> groupIds) {
        List<CompletableFuture<ConsumerGroupDescribeResponseData.DescribedGroup>> futures = new ArrayList<>();
        for (String groupId : groupIds) {
            Function<Errors, ConsumerGroupDescribeResponseData.DescribedGroup> error = e ->
                    new ConsumerGroupDescribeResponseData.DescribedGroup().setGroupId(groupId).setErrorCode(e.code());
            if (invalidGroupId(groupId)) {
                futures.add(CompletableFuture.completedFuture(error.apply(Errors.INVALID_GROUP_ID)));
                continue;
            }
            futures.add(recover(runtime.scheduleReadOperation("consumer-group-describe", partitionFor(groupId),
                    shard -> shard.consumer().describeGroup(groupId)), error));
        }
        return allOf(futures);
    }

    /** DeleteGroups: one operation per shard involved; results in request order. */
    public CompletableFuture<List<DeletableGroupResult>> deleteGroups(List<String> groupIds) {
        Map<Integer, List<String>> byPartition = new LinkedHashMap<>();
        List<DeletableGroupResult> invalid = new ArrayList<>();
        for (String groupId : groupIds) {
            if (invalidGroupId(groupId)) {
                invalid.add(new DeletableGroupResult().setGroupId(groupId).setErrorCode(Errors.INVALID_GROUP_ID.code()));
            } else {
                byPartition.computeIfAbsent(partitionFor(groupId), p -> new ArrayList<>()).add(groupId);
            }
        }
        List<CompletableFuture<List<DeletableGroupResult>>> futures = new ArrayList<>();
        futures.add(CompletableFuture.completedFuture(invalid));
        byPartition.forEach((partition, ids) -> futures.add(recover(
                runtime.scheduleWriteOperation("delete-groups", partition, shard -> shard.deleteGroups(ids)),
                e -> ids.stream().map(id -> new DeletableGroupResult().setGroupId(id).setErrorCode(e.code())).toList())));
        return allOf(futures).thenApply(lists -> {
            Map<String, DeletableGroupResult> byId = new LinkedHashMap<>();
            lists.forEach(list -> list.forEach(r -> byId.put(r.groupId(), r)));
            return groupIds.stream().distinct().map(byId::get).toList();
        });
    }

    private static <T> CompletableFuture<T> recover(CompletableFuture<T> future, Function<Errors, T> onError) {
        return future.handle((value, failure) -> failure == null ? value : onError.apply(CoordinatorException.errorOf(failure)));
    }

    private static <T> CompletableFuture<List<T>> allOf(List<CompletableFuture<T>> futures) {
        return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
                .thenApply(v -> futures.stream().map(CompletableFuture::join).toList());
    }

    /** Whether a topic id names a topic (OffsetCommit/OffsetFetch v10). */
    static boolean knownTopic(MetadataImage image, Uuid topicId) {
        return image.topics().topic(topicId).isPresent();
    }

    @Override
    public void close() {
        runtime.close();
    }
}
