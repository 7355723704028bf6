package io.tributary.broker.api;

import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.Partitions;
import io.tributary.controller.TopicNames;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.DeleteRecordsRequestData;
import io.tributary.protocol.message.DeleteRecordsRequestData.DeleteRecordsPartition;
import io.tributary.protocol.message.DeleteRecordsRequestData.DeleteRecordsTopic;
import io.tributary.protocol.message.DeleteRecordsResponseData;
import io.tributary.protocol.message.DeleteRecordsResponseData.DeleteRecordsPartitionResult;
import io.tributary.protocol.message.DeleteRecordsResponseData.DeleteRecordsTopicResult;
import io.tributary.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * DeleteRecords (KIP-107): moves each partition's log start offset up to the requested offset
 * ({@code -1}: the high watermark), so nothing below it can be read any more, and answers the new
 * low watermark (the log start offset; on a single node the only replica's). Segments left wholly
 * below it are removed as retention removes them; the active segment stays.
 *
 * <p>Errors, in Kafka's order: a partition not hosted here is UNKNOWN_TOPIC_OR_PARTITION; an
 * internal topic ({@code __consumer_offsets}, {@code __transaction_state}) INVALID_TOPIC_EXCEPTION;
 * a topic whose {@code cleanup.policy} lacks {@code delete} POLICY_VIOLATION; an offset below zero
 * (other than -1) or above the high watermark OFFSET_OUT_OF_RANGE. A failed partition answers low
 * watermark -1.
 *
 * <p>The response is sent once the new log start offsets are in the {@code log-start-offset-checkpoint}
 * files, written on the log manager's thread: a restart, clean or not, keeps them. The request's
 * {@code timeout_ms} bounds waiting for followers, of which a single node has none.
 */
public final class DeleteRecordsHandler implements ApiHandler {

    /** Kafka's DeleteRecordsRequest.HIGH_WATERMARK. */
    static final long HIGH_WATERMARK = -1L;
    /** Kafka's DeleteRecordsResponse.INVALID_LOW_WATERMARK. */
    static final long INVALID_LOW_WATERMARK = -1L;

    private final Partitions partitions;

    public DeleteRecordsHandler(Partitions partitions) {
        this.partitions = partitions;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DELETE_RECORDS;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        DeleteRecordsRequestData delete = (DeleteRecordsRequestData) request.body();
        DeleteRecordsResponseData response = new DeleteRecordsResponseData();
        List<DeleteRecordsPartitionResult> advanced = new ArrayList<>();
        for (DeleteRecordsTopic topic : delete.topics()) {
            DeleteRecordsTopicResult topicResult = new DeleteRecordsTopicResult().setName(topic.name());
            for (DeleteRecordsPartition p : topic.partitions()) {
                DeleteRecordsPartitionResult result = deleteRecords(topic.name(), p);
                topicResult.partitions().add(result);
                if (result.errorCode() == Errors.NONE.code()) {
                    advanced.add(result);
                }
            }
            response.topics().add(topicResult);
        }
        if (advanced.isEmpty()) {
            return ApiHandler.respond(request, response);
        }
        return partitions.logManager().checkpointLogStartOffsets().handle((ignored, failure) -> {
            if (failure != null) {
                for (DeleteRecordsPartitionResult result : advanced) {
                    result.setErrorCode(Errors.KAFKA_STORAGE_ERROR.code()).setLowWatermark(INVALID_LOW_WATERMARK);
                }
            }
            return new Response(response, request.header().apiVersion());
        });
    }

    private DeleteRecordsPartitionResult deleteRecords(String topic, DeleteRecordsPartition request) {
        DeleteRecordsPartitionResult result = new DeleteRecordsPartitionResult()
                .setPartitionIndex(request.partitionIndex())
                .setLowWatermark(INVALID_LOW_WATERMARK);
        Partition partition = partitions.get(topic, request.partitionIndex());
        if (partition == null) {
            return result.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        }
        if (TopicNames.isInternal(topic)) {
            return result.setErrorCode(Errors.INVALID_TOPIC_EXCEPTION.code());
        }
        if (!partition.log().config().deleteEnabled()) {
            return result.setErrorCode(Errors.POLICY_VIOLATION.code());
        }
        long offset = request.offset() == HIGH_WATERMARK ? partition.highWatermark() : request.offset();
        if (offset < 0) {
            return result.setErrorCode(Errors.OFFSET_OUT_OF_RANGE.code());
        }
        try {
            long lowWatermark = partitions.logManager().deleteRecordsBefore(partition.log(), offset);
            return result.setLowWatermark(lowWatermark);
        } catch (StorageException e) {
            return result.setErrorCode(StorageErrors.toError(e).code());
        }
    }
}
