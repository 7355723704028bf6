package io.tributary.coordinator.group.offset;

import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.group.GroupConfig;
import io.tributary.coordinator.group.GroupStore;
import io.tributary.coordinator.record.OffsetCommitKey;
import io.tributary.coordinator.record.OffsetCommitValue;
import io.tributary.coordinator.runtime.CoordinatorException;
import io.tributary.coordinator.runtime.CoordinatorRecord;
import io.tributary.coordinator.runtime.CoordinatorResult;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.OffsetCommitRequestData;
import io.tributary.protocol.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import io.tributary.protocol.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import io.tributary.protocol.message.OffsetCommitResponseData;
import io.tributary.protocol.message.OffsetCommitResponseData.OffsetCommitResponsePartition;
import io.tributary.protocol.message.OffsetCommitResponseData.OffsetCommitResponseTopic;
import io.tributary.protocol.message.OffsetDeleteRequestData;
import io.tributary.protocol.message.OffsetDeleteResponseData;
import io.tributary.protocol.message.OffsetDeleteResponseData.OffsetDeleteResponsePartition;
import io.tributary.protocol.message.OffsetDeleteResponseData.OffsetDeleteResponseTopic;
import io.tributary.protocol.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import io.tributary.protocol.message.OffsetFetchRequestData.OffsetFetchRequestTopics;
import io.tributary.protocol.message.OffsetFetchResponseData.OffsetFetchResponseGroup;
import io.tributary.protocol.message.OffsetFetchResponseData.OffsetFetchResponsePartitions;
import io.tributary.protocol.message.OffsetFetchResponseData.OffsetFetchResponseTopics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Committed offsets of one shard's groups: OffsetCommit, OffsetFetch, OffsetDelete and expiry, as
 * Kafka's OffsetMetadataManager. Offsets belong to a group id whether or not it has members; a
 * commit without membership (generation -1) to an unknown group creates an empty classic group,
 * as in Kafka. Owned by the shard's thread.
 */
public final class OffsetStore {

    /** The value version Tributary writes: 3 (leader epoch), or 1 when the commit carries an expiry. */
    static final short VALUE_VERSION = 3;
    static final short VALUE_VERSION_WITH_EXPIRY = 1;

    private final GroupConfig config;
    private final GroupStore groups;
    private final Consumer<String> createEmptyClassicGroup;
    /** group -> topic -> partition -> offset. */
    private final Map<String, Map<String, Map<Integer, OffsetAndMetadata>>> offsets = new HashMap<>();

    public OffsetStore(GroupConfig config, GroupStore groups, Consumer<String> createEmptyClassicGroup) {
        this.config = config;
        this.groups = groups;
        this.createEmptyClassicGroup = createEmptyClassicGroup;
    }

    /** OffsetCommit (topics already resolved to names). */
    public CoordinatorResult<OffsetCommitResponseData> commit(OffsetCommitRequestData request, short apiVersion, long nowMs) {
        Errors groupError = validateCommit(request, apiVersion);
        OffsetCommitResponseData response = new OffsetCommitResponseData();
        List<CoordinatorRecord> records = new ArrayList<>();
        long expireTimestampMs = request.retentionTimeMs() > 0 ? nowMs + request.retentionTimeMs() : -1;
        for (OffsetCommitRequestTopic topic : request.topics()) {
            OffsetCommitResponseTopic responseTopic = new OffsetCommitResponseTopic().setName(topic.name()).setTopicId(topic.topicId());
            response.topics().add(responseTopic);
            for (OffsetCommitRequestPartition partition : topic.partitions()) {
                Errors error = groupError;
                String metadata = partition.committedMetadata() == null ? "" : partition.committedMetadata();
                if (error == Errors.NONE && metadata.length() > config.offsetMetadataMaxBytes()) {
                    error = Errors.OFFSET_METADATA_TOO_LARGE;
                }
                if (error == Errors.NONE) {
                    records.add(offsetRecord(request.groupId(), topic.name(), partition.partitionIndex(),
                            new OffsetAndMetadata(partition.committedOffset(), partition.committedLeaderEpoch(), metadata, nowMs, expireTimestampMs)));
                }
                responseTopic.partitions().add(new OffsetCommitResponsePartition()
                        .setPartitionIndex(partition.partitionIndex()).setErrorCode(error.code()));
            }
        }
        return CoordinatorResult.of(records, response);
    }

    private Errors validateCommit(OffsetCommitRequestData request, short apiVersion) {
        try {
            Group group = groups.get(request.groupId()).orElse(null);
            if (group == null) {
                if (request.generationIdOrMemberEpoch() >= 0) {
                    return apiVersion >= 9 ? Errors.GROUP_ID_NOT_FOUND : Errors.ILLEGAL_GENERATION;
                }
                createEmptyClassicGroup.accept(request.groupId());
                return Errors.NONE;
            }
            group.validateOffsetCommit(request.memberId(), request.groupInstanceId(), request.generationIdOrMemberEpoch(), false, apiVersion);
            return Errors.NONE;
        } catch (CoordinatorException e) {
            return e.error();
        }
    }

    /** The record that commits {@code offset}. */
    public static CoordinatorRecord offsetRecord(String groupId, String topic, int partition, OffsetAndMetadata offset) {
        OffsetCommitKey key = new OffsetCommitKey().setGroup(groupId).setTopic(topic).setPartition(partition);
        OffsetCommitValue value = new OffsetCommitValue().setOffset(offset.offset()).setLeaderEpoch(offset.leaderEpoch())
                .setMetadata(offset.metadata()).setCommitTimestamp(offset.commitTimestampMs()).setExpireTimestamp(offset.expireTimestampMs());
        return CoordinatorRecord.record(key, value, offset.expireTimestampMs() >= 0 ? VALUE_VERSION_WITH_EXPIRY : VALUE_VERSION);
    }

    private static CoordinatorRecord tombstone(String groupId, String topic, int partition) {
        return CoordinatorRecord.tombstone(new OffsetCommitKey().setGroup(groupId).setTopic(topic).setPartition(partition));
    }

    /**
     * OffsetFetch of one group: the requested partitions, or every committed one when
     * {@code topics} is null. Partitions without a commit get offset -1. A request that names a
     * member (KIP-848 consumers, v9+) is checked against the group.
     */
    public OffsetFetchResponseGroup fetch(OffsetFetchRequestGroup request) {
        OffsetFetchResponseGroup response = new OffsetFetchResponseGroup().setGroupId(request.groupId());
        if (request.memberId() != null && request.memberEpoch() >= 0) {
            try {
                groups.get(request.groupId())
                        .orElseThrow(() -> new CoordinatorException(Errors.GROUP_ID_NOT_FOUND, "group " + request.groupId() + " does not exist"))
                        .validateOffsetFetch(request.memberId(), request.memberEpoch());
            } catch (CoordinatorException e) {
                return response.setErrorCode(e.error().code());
            }
        }
        Map<String, Map<Integer, OffsetAndMetadata>> committed = offsets.getOrDefault(request.groupId(), Map.of());
        if (request.topics() == null) {
            new TreeMap<>(committed).forEach((topic, partitions) -> {
                OffsetFetchResponseTopics responseTopic = new OffsetFetchResponseTopics().setName(topic);
                new TreeMap<>(partitions).forEach((partition, offset) -> responseTopic.partitions().add(toResponse(partition, offset)));
                response.topics().add(responseTopic);
            });
            return response;
        }
        for (OffsetFetchRequestTopics topic : request.topics()) {
            OffsetFetchResponseTopics responseTopic = new OffsetFetchResponseTopics().setName(topic.name()).setTopicId(topic.topicId());
            Map<Integer, OffsetAndMetadata> partitions = committed.getOrDefault(topic.name(), Map.of());
            for (int partition : topic.partitionIndexes()) {
                responseTopic.partitions().add(toResponse(partition, partitions.get(partition)));
            }
            response.topics().add(responseTopic);
        }
        return response;
    }

    private static OffsetFetchResponsePartitions toResponse(int partition, OffsetAndMetadata offset) {
        OffsetFetchResponsePartitions response = new OffsetFetchResponsePartitions().setPartitionIndex(partition);
        if (offset == null) {
            return response.setCommittedOffset(-1).setCommittedLeaderEpoch(-1).setMetadata("");
        }
        return response.setCommittedOffset(offset.offset()).setCommittedLeaderEpoch(offset.leaderEpoch()).setMetadata(offset.metadata());
    }

    /** OffsetDelete: tombstones for partitions no member subscribes to. */
    public CoordinatorResult<OffsetDeleteResponseData> delete(OffsetDeleteRequestData request) {
        Group group = groups.get(request.groupId()).orElse(null);
        if (group == null) {
            return CoordinatorResult.response(new OffsetDeleteResponseData().setErrorCode(Errors.GROUP_ID_NOT_FOUND.code()));
        }
        try {
            group.validateOffsetDelete();
        } catch (CoordinatorException e) {
            return CoordinatorResult.response(new OffsetDeleteResponseData().setErrorCode(e.error().code()));
        }
        OffsetDeleteResponseData response = new OffsetDeleteResponseData();
        List<CoordinatorRecord> records = new ArrayList<>();
        Map<String, Map<Integer, OffsetAndMetadata>> committed = offsets.getOrDefault(request.groupId(), Map.of());
        for (OffsetDeleteRequestData.OffsetDeleteRequestTopic topic : request.topics()) {
            OffsetDeleteResponseTopic responseTopic = new OffsetDeleteResponseTopic().setName(topic.name());
            boolean subscribed = group.isSubscribedTo(topic.name());
            Map<Integer, OffsetAndMetadata> partitions = committed.getOrDefault(topic.name(), Map.of());
            for (OffsetDeleteRequestData.OffsetDeleteRequestPartition partition : topic.partitions()) {
                Errors error = subscribed ? Errors.GROUP_SUBSCRIBED_TO_TOPIC : Errors.NONE;
                if (!subscribed && partitions.containsKey(partition.partitionIndex())) {
                    records.add(tombstone(request.groupId(), topic.name(), partition.partitionIndex()));
                }
                responseTopic.partitions().add(new OffsetDeleteResponsePartition()
                        .setPartitionIndex(partition.partitionIndex()).setErrorCode(error.code()));
            }
            response.topics().add(responseTopic);
        }
        return CoordinatorResult.of(records, response);
    }

    /** Tombstones for every offset of a group (DeleteGroups). */
    public List<CoordinatorRecord> deleteAll(String groupId) {
        List<CoordinatorRecord> records = new ArrayList<>();
        offsets.getOrDefault(groupId, Map.of()).forEach((topic, partitions) ->
                partitions.keySet().forEach(partition -> records.add(tombstone(groupId, topic, partition))));
        return records;
    }

    /** How many partitions the group has committed offsets for. */
    public long offsetCount(String groupId) {
        return offsets.getOrDefault(groupId, Map.of()).values().stream().mapToLong(Map::size).sum();
    }

    public boolean hasOffsets(String groupId) {
        return offsets.containsKey(groupId);
    }

    /**
     * Tombstones for offsets past their retention: only groups without members lose offsets;
     * an offset expires at its explicit expiry, or {@code offsets.retention.minutes} after its
     * commit.
     */
    public List<CoordinatorRecord> expire(long nowMs) {
        List<CoordinatorRecord> records = new ArrayList<>();
        offsets.forEach((groupId, topics) -> {
            Group group = groups.get(groupId).orElse(null);
            if (group != null && !group.isEmpty()) {
                return;
            }
            topics.forEach((topic, partitions) -> partitions.forEach((partition, offset) -> {
                long expiresAt = offset.expireTimestampMs() >= 0 ? offset.expireTimestampMs() : offset.commitTimestampMs() + config.offsetsRetentionMs();
                if (expiresAt <= nowMs) {
                    records.add(tombstone(groupId, topic, partition));
                }
            }));
        });
        return records;
    }

    /** Applies an offset commit or its tombstone. */
    public void replay(OffsetCommitKey key, OffsetCommitValue value) {
        if (value == null) {
            Map<String, Map<Integer, OffsetAndMetadata>> topics = offsets.get(key.group());
            if (topics == null) {
                return;
            }
            Map<Integer, OffsetAndMetadata> partitions = topics.get(key.topic());
            if (partitions != null) {
                partitions.remove(key.partition());
                if (partitions.isEmpty()) {
                    topics.remove(key.topic());
                }
            }
            if (topics.isEmpty()) {
                offsets.remove(key.group());
            }
            return;
        }
        if (groups.get(key.group()).isEmpty()) {
            createEmptyClassicGroup.accept(key.group());
        }
        offsets.computeIfAbsent(key.group(), g -> new HashMap<>()).computeIfAbsent(key.topic(), t -> new HashMap<>())
                .put(key.partition(), new OffsetAndMetadata(value.offset(), value.leaderEpoch(), value.metadata(),
                        value.commitTimestamp(), value.expireTimestamp()));
    }
}
