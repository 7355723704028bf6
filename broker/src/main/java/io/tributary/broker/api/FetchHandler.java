package io.tributary.broker.api;

import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.Partitions;
import io.tributary.common.Time;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.FetchRequestData;
import io.tributary.protocol.message.FetchRequestData.FetchPartition;
import io.tributary.protocol.message.FetchRequestData.FetchTopic;
import io.tributary.protocol.message.FetchResponseData;
import io.tributary.protocol.message.FetchResponseData.FetchableTopicResponse;
import io.tributary.protocol.message.FetchResponseData.PartitionData;
import io.tributary.records.MemoryRecords;
import io.tributary.storage.FetchDataInfo;
import io.tributary.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fetch for consumers: reads each partition from its fetch offset up to the high watermark, within
 * {@code partition_max_bytes} per partition and {@code max_bytes} in all (the first batch of the
 * first partition with data is returned whole, Kafka's rule), as file slices sent with zero copy.
 *
 * <p>Long poll: with fewer than {@code min_bytes} available the fetch waits, without a thread, for
 * an append to any of its partitions or for {@code max_wait_ms}, then reads again (DESIGN D6).
 *
 * <p>Fetch sessions (KIP-227) are resolved by {@link FetchSessions} before reading; a full fetch
 * without a session is always possible.
 */
public final class FetchHandler implements ApiHandler {

    private final Partitions partitions;
    private final FetchSessions sessions;
    private final Time time;

    public FetchHandler(Partitions partitions, FetchSessions sessions, Time time) {
        this.partitions = partitions;
        this.sessions = sessions;
        this.time = time;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.FETCH;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        FetchRequestData fetch = (FetchRequestData) request.body();
        short version = request.header().apiVersion();
        FetchSessions.Resolved resolved = sessions.resolve(fetch, version, request.connectionId());
        if (resolved.error() != Errors.NONE) {
            FetchResponseData failed = new FetchResponseData().setErrorCode(resolved.error().code()).setSessionId(fetch.sessionId());
            return ApiHandler.respond(request, failed);
        }
        long deadlineNanos = request.receivedNanos() + TimeUnit.MILLISECONDS.toNanos(Math.max(fetch.maxWaitMs(), 0));
        CompletableFuture<Response> result = new CompletableFuture<>();
        attempt(fetch, version, resolved, deadlineNanos, result);
        return result;
    }

    /** Reads once; answers if enough data (or an error, or the deadline), else waits for an append or the deadline. */
    private void attempt(FetchRequestData fetch, short version, FetchSessions.Resolved resolved, long deadlineNanos,
                         CompletableFuture<Response> result) {
        List<CompletableFuture<Void>> wakeUps = new ArrayList<>();
        for (FetchSessions.Target target : resolved.targets()) {
            Partition partition = partitionOf(target, version);
            if (partition != null) {
                wakeUps.add(partition.nextAppend()); // taken before reading: no lost wake-up
            }
        }
        Read read = read(fetch, version, resolved);
        long remainingNanos = deadlineNanos - time.nanoseconds();
        if (read.bytes >= fetch.minBytes() || read.anyError || remainingNanos <= 0 || wakeUps.isEmpty()) {
            result.complete(new Response(sessions.respond(resolved, read.response), version));
            return;
        }
        CompletableFuture.anyOf(wakeUps.toArray(CompletableFuture[]::new))
                .orTimeout(remainingNanos, TimeUnit.NANOSECONDS)
                .whenComplete((ignored, timedOut) -> attempt(fetch, version, resolved,
                        timedOut != null ? time.nanoseconds() : deadlineNanos, result));
    }

    private Partition partitionOf(FetchSessions.Target target, short version) {
        return target.topicName() == null ? null : partitions.get(target.topicName(), target.partition().partition());
    }

    private record Read(FetchResponseData response, int bytes, boolean anyError) {
    }

    private Read read(FetchRequestData fetch, short version, FetchSessions.Resolved resolved) {
        FetchResponseData response = new FetchResponseData();
        int budget = version >= 3 ? fetch.maxBytes() : Integer.MAX_VALUE;
        boolean minOneMessage = version >= 3;
        int bytes = 0;
        boolean anyError = false;
        FetchableTopicResponse topicResponse = null;
        for (FetchSessions.Target target : resolved.targets()) {
            if (topicResponse == null || !sameTopic(topicResponse, target)) {
                topicResponse = new FetchableTopicResponse().setTopic(target.topicName() == null ? target.requestedName() : target.topicName())
                        .setTopicId(target.topicId());
                response.responses().add(topicResponse);
            }
            PartitionData data = readPartition(target, version, Math.max(budget - bytes, 0), minOneMessage);
            int size = data.records() == null ? 0 : data.records().sizeInBytes();
            if (size > 0) {
                minOneMessage = false;
            }
            bytes += size;
            anyError |= data.errorCode() != Errors.NONE.code();
            topicResponse.partitions().add(data);
        }
        return new Read(response, bytes, anyError);
    }

    private static boolean sameTopic(FetchableTopicResponse response, FetchSessions.Target target) {
        String name = target.topicName() == null ? target.requestedName() : target.topicName();
        return response.topicId().equals(target.topicId()) && java.util.Objects.equals(response.topic(), name);
    }

    private PartitionData readPartition(FetchSessions.Target target, short version, int budget, boolean minOneMessage) {
        FetchPartition request = target.partition();
        PartitionData data = new PartitionData().setPartitionIndex(request.partition()).setRecords(MemoryRecords.EMPTY);
        Partition partition = partitionOf(target, version);
        if (partition == null) {
            return data.setErrorCode((version >= 13 && target.topicName() == null ? Errors.UNKNOWN_TOPIC_ID
                    : Errors.UNKNOWN_TOPIC_OR_PARTITION).code()).setHighWatermark(-1).setLastStableOffset(-1).setLogStartOffset(-1);
        }
        long highWatermark = partition.highWatermark();
        data.setHighWatermark(highWatermark).setLastStableOffset(partition.lastStableOffset()).setLogStartOffset(partition.logStartOffset());
        Errors epochError = checkLeaderEpoch(request.currentLeaderEpoch(), partition.leaderEpoch());
        if (epochError != Errors.NONE) {
            return data.setErrorCode(epochError.code());
        }
        try {
            FetchDataInfo info = partition.read(request.fetchOffset(), Math.min(request.partitionMaxBytes(), budget),
                    highWatermark, minOneMessage);
            return data.setRecords(info.records());
        } catch (StorageException e) {
            return data.setErrorCode(StorageErrors.toError(e).code());
        }
    }

    /** KIP-320: a consumer ahead of our epoch is UNKNOWN_LEADER_EPOCH, behind it FENCED_LEADER_EPOCH; -1 skips the check. */
    static Errors checkLeaderEpoch(int requested, int current) {
        if (requested < 0 || requested == current) {
            return Errors.NONE;
        }
        return requested > current ? Errors.UNKNOWN_LEADER_EPOCH : Errors.FENCED_LEADER_EPOCH;
    }
}
