package io.tributary.broker.api;

import io.tributary.broker.partition.NotEnoughReplicasException;
import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.Partitions;
import io.tributary.controller.TopicNames;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.ProduceRequestData;
import io.tributary.protocol.message.ProduceRequestData.PartitionProduceData;
import io.tributary.protocol.message.ProduceRequestData.TopicProduceData;
import io.tributary.protocol.message.ProduceResponseData;
import io.tributary.protocol.message.ProduceResponseData.BatchIndexAndErrorMessage;
import io.tributary.protocol.message.ProduceResponseData.PartitionProduceResponse;
import io.tributary.protocol.message.ProduceResponseData.TopicProduceResponse;
import io.tributary.records.MemoryRecords;
import io.tributary.records.RecordBatch;
import io.tributary.storage.LogAppendInfo;
import io.tributary.storage.LogConfig;
import io.tributary.storage.RecordError;
import io.tributary.storage.RecordValidationException;
import io.tributary.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produce: appends each partition's batch as leader and answers per partition.
 *
 * <ul>
 *   <li>{@code acks=0}: no response; if any partition failed, the connection is closed so the
 *       producer notices (Kafka's behaviour).</li>
 *   <li>{@code acks=1}: answered once appended.</li>
 *   <li>{@code acks=-1}: with {@code log.flush.on.acks.all} (the default) answered only once every
 *       appended batch is fsynced (DESIGN D5, group commit); a partition not durable within
 *       {@code timeout_ms} gets REQUEST_TIMED_OUT. Without it, as {@code acks=1} (one replica).</li>
 *   <li>Any other acks value: INVALID_REQUIRED_ACKS on every partition.</li>
 *   <li>A partition's records larger than its {@code segment.bytes}: RECORD_LIST_TOO_LARGE, as
 *       Kafka answers, since a batch never spans segments.</li>
 * </ul>
 *
 * <p>An {@code acks=-1} produce to a partition whose ISR is smaller than Kafka 4's effective minimum,
 * {@code min(min.insync.replicas, replicas)}, gets NOT_ENOUGH_REPLICAS (without a message, as from
 * Kafka) before anything is written. Records a topic refuses (no key on a compacted
 * topic, a timestamp out of bounds) get INVALID_RECORD or INVALID_TIMESTAMP with Kafka's message and
 * one {@code record_errors} entry per refused record.
 */
public final class ProduceHandler implements ApiHandler {

    private static final Logger log = LoggerFactory.getLogger(ProduceHandler.class);

    private final Partitions partitions;
    private final boolean fsyncOnAcksAll;

    public ProduceHandler(Partitions partitions, boolean fsyncOnAcksAll) {
        this.partitions = partitions;
        this.fsyncOnAcksAll = fsyncOnAcksAll;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.PRODUCE;
    }

    /**
     * Advertised from v0 although only v3+ is served, as Kafka 4 does (KAFKA-18659): librdkafka up
     * to 2.11 compresses with gzip, snappy or lz4 only if the broker lists Produce v0, and would
     * otherwise silently send those batches uncompressed. Requests below v3 are still refused.
     */
    @Override
    public short advertisedLowestVersion() {
        return 0;
    }

    /** One partition's outcome, and for a durable wait the offset to wait for. */
    private record Outcome(PartitionProduceResponse response, Partition partition, long lastOffset) {
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        ProduceRequestData produce = (ProduceRequestData) request.body();
        short version = request.header().apiVersion();
        short acks = produce.acks();
        boolean validAcks = acks == 0 || acks == 1 || acks == -1;
        ProduceResponseData response = new ProduceResponseData();
        List<Outcome> waits = new ArrayList<>();
        boolean anyError = false;
        for (TopicProduceData topic : produce.topicData()) {
            TopicProduceResponse topicResponse = new TopicProduceResponse().setName(topic.name()).setTopicId(topic.topicId());
            String name = version >= 13 ? partitions.topicName(topic.topicId()) : topic.name();
            for (PartitionProduceData data : topic.partitionData()) {
                Outcome outcome = validAcks
                        ? append(name, version, acks, data)
                        : new Outcome(error(data.index(), Errors.INVALID_REQUIRED_ACKS, null), null, -1);
                anyError |= outcome.response.errorCode() != Errors.NONE.code();
                topicResponse.partitionResponses().add(outcome.response);
                if (outcome.partition != null) {
                    waits.add(outcome);
                }
            }
            response.responses().add(topicResponse);
        }
        if (acks == 0) {
            return anyError
                    ? CompletableFuture.failedFuture(new IllegalStateException("acks=0 produce failed; closing the connection"))
                    : CompletableFuture.completedFuture(Response.NONE);
        }
        if (acks == -1 && fsyncOnAcksAll && !waits.isEmpty()) {
            return awaitDurability(waits, produce.timeoutMs()).thenApply(ignored -> new Response(response, version));
        }
        return ApiHandler.respond(request, response);
    }

    private Outcome append(String topic, short version, short acks, PartitionProduceData data) {
        Partition partition = topic == null ? null : partitions.get(topic, data.index());
        if (partition == null) {
            return new Outcome(error(data.index(), version >= 13 && topic == null ? Errors.UNKNOWN_TOPIC_ID
                    : Errors.UNKNOWN_TOPIC_OR_PARTITION, null), null, -1);
        }
        if (TopicNames.isInternal(topic)) {
            // Kafka: "Cannot append to internal topic"; only the coordinators write there.
            return new Outcome(error(data.index(), Errors.INVALID_TOPIC_EXCEPTION, "Cannot append to internal topic " + topic), null, -1);
        }
        MemoryRecords records = (MemoryRecords) data.records();
        if (records == null || records.sizeInBytes() == 0) {
            return new Outcome(error(data.index(), Errors.INVALID_RECORD, "no record batch"), null, -1);
        }
        if (exceedsSegmentSize(records, partition.log().config())) {
            return new Outcome(error(data.index(), Errors.RECORD_LIST_TOO_LARGE, "Message batch size is "
                    + records.sizeInBytes() + " bytes in append to partition " + topic + "-" + data.index()
                    + ", which exceeds the maximum configured segment size of "
                    + partition.log().config().segmentBytes() + "."), null, -1);
        }
        try {
            LogAppendInfo info = partition.appendAsLeader(records, acks);
            PartitionProduceResponse ok = new PartitionProduceResponse()
                    .setIndex(data.index())
                    .setBaseOffset(info.firstOffset())
                    .setLogAppendTimeMs(info.logAppendTimeMs())
                    .setLogStartOffset(info.logStartOffset());
            return new Outcome(ok, partition, info.lastOffset());
        } catch (NotEnoughReplicasException e) {
            // Kafka sends no message for this error; the client uses the error's own.
            log.debug("produce to {}-{} refused: {}", topic, data.index(), e.getMessage());
            return new Outcome(error(data.index(), Errors.NOT_ENOUGH_REPLICAS, null), null, -1);
        } catch (StorageException e) {
            Errors error = StorageErrors.toError(e);
            PartitionProduceResponse failed = error(data.index(), error, e.getMessage());
            if (e instanceof RecordValidationException invalid) {
                for (RecordError recordError : invalid.recordErrors()) {
                    failed.recordErrors().add(new BatchIndexAndErrorMessage().setBatchIndex(recordError.batchIndex())
                            .setBatchIndexErrorMessage(recordError.message()));
                }
            } else if (error == Errors.INVALID_RECORD || error == Errors.CORRUPT_MESSAGE) {
                failed.recordErrors().add(new BatchIndexAndErrorMessage().setBatchIndex(0).setBatchIndexErrorMessage(e.getMessage()));
            }
            log.debug("produce to {}-{} failed: {}", topic, data.index(), e.getMessage());
            return new Outcome(failed, null, -1);
        }
    }

    /**
     * Whether a partition's records, valid otherwise, cannot go into one segment: Kafka refuses them
     * with RECORD_LIST_TOO_LARGE (a batch is never split across segments). Kafka checks this after
     * validating the batches, so a batch that is malformed, fails its CRC or exceeds
     * {@code max.message.bytes} is left to the append, which answers as Kafka does for it.
     *
     * <p>Pitfall: the check sits here, before the append, because the storage layer lets a batch
     * fill a segment larger than {@code segment.bytes} (its tests rely on it). So, unlike Kafka, the
     * size is the one received, not the one after broker-side recompression, and a request refused
     * here for its size is not first checked for keyless records on a compacted topic, timestamps
     * out of bounds or the ISR, which Kafka would name instead.
     */
    private static boolean exceedsSegmentSize(MemoryRecords records, LogConfig config) {
        if (records.sizeInBytes() <= config.segmentBytes()) {
            return false;
        }
        try {
            for (RecordBatch batch : records.completeBatches()) {
                if (batch.sizeInBytes() > config.maxMessageBytes() || !batch.isValid()) {
                    return false;
                }
            }
        } catch (RuntimeException malformed) {
            return false;
        }
        return true;
    }

    private static PartitionProduceResponse error(int partition, Errors error, String message) {
        return new PartitionProduceResponse()
                .setIndex(partition)
                .setErrorCode(error.code())
                .setBaseOffset(-1)
                .setLogAppendTimeMs(-1)
                .setLogStartOffset(-1)
                .setErrorMessage(message);
    }

    /** Completes when every appended batch is durable; partitions that are not by the timeout get REQUEST_TIMED_OUT. */
    private static CompletableFuture<Void> awaitDurability(List<Outcome> waits, int timeoutMs) {
        CompletableFuture<?>[] futures = new CompletableFuture<?>[waits.size()];
        for (int i = 0; i < waits.size(); i++) {
            Outcome outcome = waits.get(i);
            futures[i] = outcome.partition.awaitDurable(outcome.lastOffset)
                    .orTimeout(Math.max(timeoutMs, 0), TimeUnit.MILLISECONDS)
                    .handle((ok, failure) -> {
                        if (failure != null) {
                            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                            Errors error = cause instanceof TimeoutException ? Errors.REQUEST_TIMED_OUT : StorageErrors.toError(cause);
                            outcome.response.setErrorCode(error.code()).setErrorMessage(cause.getMessage());
                        }
                        return null;
                    });
        }
        return CompletableFuture.allOf(futures);
    }
}
