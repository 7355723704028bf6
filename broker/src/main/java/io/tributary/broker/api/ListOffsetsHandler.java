package io.tributary.broker.api;

import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.Partitions;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.ListOffsetsRequestData;
import io.tributary.protocol.message.ListOffsetsRequestData.ListOffsetsPartition;
import io.tributary.protocol.message.ListOffsetsRequestData.ListOffsetsTopic;
import io.tributary.protocol.message.ListOffsetsResponseData;
import io.tributary.protocol.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import io.tributary.protocol.message.ListOffsetsResponseData.ListOffsetsTopicResponse;
import io.tributary.storage.StorageException;
import io.tributary.storage.index.TimestampOffset;
import java.util.concurrent.CompletableFuture;

/**
 * ListOffsets: an offset for a timestamp, or for one of Kafka's special timestamps:
 * {@code -1} latest (the high watermark, or the last stable offset for read_committed),
 * {@code -2} earliest (the log start offset), {@code -3} the record with the largest timestamp
 * (KIP-734), {@code -4} earliest local (all of the log is local), {@code -5} latest tiered and
 * {@code -6} earliest pending upload (nothing is tiered: no offset). A timestamp with no record at
 * or after it answers offset -1, as Kafka does. From v4 the leader epoch is the current one for
 * latest, the epoch that wrote the offset otherwise, and -1 when no offset is found (checked
 * against Apache Kafka 4.3.1).
 */
public final class ListOffsetsHandler implements ApiHandler {

    static final long LATEST = -1;
    static final long EARLIEST = -2;
    static final long MAX_TIMESTAMP = -3;
    static final long EARLIEST_LOCAL = -4;

    private final Partitions partitions;

    public ListOffsetsHandler(Partitions partitions) {
        this.partitions = partitions;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.LIST_OFFSETS;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        ListOffsetsRequestData list = (ListOffsetsRequestData) request.body();
        ListOffsetsResponseData response = new ListOffsetsResponseData();
        for (ListOffsetsTopic topic : list.topics()) {
            ListOffsetsTopicResponse topicResponse = new ListOffsetsTopicResponse().setName(topic.name());
            for (ListOffsetsPartition p : topic.partitions()) {
                topicResponse.partitions().add(lookup(topic.name(), p, request.header().apiVersion()));
            }
            response.topics().add(topicResponse);
        }
        return ApiHandler.respond(request, response);
    }

    private ListOffsetsPartitionResponse lookup(String topic, ListOffsetsPartition request, short version) {
        ListOffsetsPartitionResponse response = new ListOffsetsPartitionResponse()
                .setPartitionIndex(request.partitionIndex())
                .setTimestamp(-1)
                .setOffset(-1);
        Partition partition = partitions.get(topic, request.partitionIndex());
        if (partition == null) {
            return response.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        }
        Errors epochError = FetchHandler.checkLeaderEpoch(request.currentLeaderEpoch(), partition.leaderEpoch());
        if (epochError != Errors.NONE) {
            return response.setErrorCode(epochError.code());
        }
        long timestamp = request.timestamp();
        try {
            if (timestamp == LATEST) {
                if (version >= 4) {
                    response.setLeaderEpoch(partition.leaderEpoch()); // not ignorable: absent before v4
                }
                return response.setOffset(partition.highWatermark());
            }
            if (timestamp == EARLIEST || timestamp == EARLIEST_LOCAL) {
                long earliest = partition.logStartOffset();
                return withEpochOf(response.setOffset(earliest), partition, earliest, version);
            }
            if (timestamp == MAX_TIMESTAMP) {
                TimestampOffset max = partition.log().offsetOfMaxTimestamp();
                return max == null ? response
                        : withEpochOf(response.setTimestamp(max.timestamp()).setOffset(max.offset()), partition, max.offset(), version);
            }
            if (timestamp < 0) {
                return response; // latest tiered, earliest pending upload: nothing is tiered
            }
            TimestampOffset found = partition.log().fetchOffsetByTimestamp(timestamp);
            if (found == null || found.offset() >= partition.highWatermark()) {
                return response;
            }
            return withEpochOf(response.setTimestamp(found.timestamp()).setOffset(found.offset()), partition, found.offset(), version);
        } catch (StorageException e) {
            return response.setErrorCode(StorageErrors.toError(e).code());
        }
    }

    /**
     * As Kafka answers: an offset found in the log carries the epoch that wrote it (from the leader
     * epoch cache; -1 if unknown), the latest offset the current leader epoch. Consumers send it back
     * in OffsetForLeaderEpoch to validate their position.
     */
    private static ListOffsetsPartitionResponse withEpochOf(ListOffsetsPartitionResponse response, Partition partition,
                                                            long offset, short version) {
        if (version >= 4) {
            response.setLeaderEpoch(partition.log().leaderEpochCache().epochForOffset(offset).orElse(-1));
        }
        return response;
    }
}
