package io.tributary.broker.api;

import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.Partitions;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.OffsetForLeaderEpochRequestData;
import io.tributary.protocol.message.OffsetForLeaderEpochRequestData.OffsetForLeaderPartition;
import io.tributary.protocol.message.OffsetForLeaderEpochRequestData.OffsetForLeaderTopic;
import io.tributary.protocol.message.OffsetForLeaderEpochResponseData;
import io.tributary.protocol.message.OffsetForLeaderEpochResponseData.EpochEndOffset;
import io.tributary.protocol.message.OffsetForLeaderEpochResponseData.OffsetForLeaderTopicResult;
import io.tributary.storage.LeaderEpochCache;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetForLeaderEpoch (KIP-101, KIP-320): for each partition, the largest leader epoch at or below
 * the requested one and the offset where it ended, from the log's leader epoch cache
 * ({@link LeaderEpochCache#endOffsetFor}); {@code -1, -1} (UNDEFINED_EPOCH, UNDEFINED_EPOCH_OFFSET)
 * when no such epoch is known. Consumers call it after a leader change to validate their position
 * (replica id -1), followers to find where to truncate.
 *
 * <p>Errors: UNKNOWN_TOPIC_OR_PARTITION for a partition not hosted here; a {@code current_leader_epoch}
 * older than the partition's is FENCED_LEADER_EPOCH, a newer one UNKNOWN_LEADER_EPOCH ({@code -1}
 * skips the check). Every hosted partition is led here, so NOT_LEADER_OR_FOLLOWER does not arise.
 */
public final class OffsetForLeaderEpochHandler implements ApiHandler {

    private final Partitions partitions;

    public OffsetForLeaderEpochHandler(Partitions partitions) {
        this.partitions = partitions;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.OFFSET_FOR_LEADER_EPOCH;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        OffsetForLeaderEpochRequestData body = (OffsetForLeaderEpochRequestData) request.body();
        OffsetForLeaderEpochResponseData response = new OffsetForLeaderEpochResponseData();
        for (OffsetForLeaderTopic topic : body.topics()) {
            OffsetForLeaderTopicResult topicResult = new OffsetForLeaderTopicResult().setTopic(topic.topic());
            for (OffsetForLeaderPartition p : topic.partitions()) {
                topicResult.partitions().add(endOffset(topic.topic(), p));
            }
            response.topics().add(topicResult);
        }
        return ApiHandler.respond(request, response);
    }

    private EpochEndOffset endOffset(String topic, OffsetForLeaderPartition request) {
        EpochEndOffset result = new EpochEndOffset()
                .setPartition(request.partition())
                .setLeaderEpoch(LeaderEpochCache.UNDEFINED_EPOCH)
                .setEndOffset(LeaderEpochCache.UNDEFINED_EPOCH_OFFSET);
        Partition partition = partitions.get(topic, request.partition());
        if (partition == null) {
            return result.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        }
        Errors epochError = FetchHandler.checkLeaderEpoch(request.currentLeaderEpoch(), partition.leaderEpoch());
        if (epochError != Errors.NONE) {
            return result.setErrorCode(epochError.code());
        }
        LeaderEpochCache.EpochEndOffset found = partition.log().endOffsetForEpoch(request.leaderEpoch());
        return result.setLeaderEpoch(found.leaderEpoch()).setEndOffset(found.endOffset());
    }
}
