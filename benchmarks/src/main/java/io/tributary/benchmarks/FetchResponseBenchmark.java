package io.tributary.benchmarks;

import io.tributary.protocol.ByteBufferWriter;
import io.tributary.protocol.ProtocolReader;
import io.tributary.protocol.Uuid;
import io.tributary.protocol.message.FetchResponseData;
import io.tributary.protocol.message.FetchResponseData.FetchableTopicResponse;
import io.tributary.protocol.message.FetchResponseData.PartitionData;
import io.tributary.records.MemoryRecords;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The generated Fetch response codec on a response body with records in several partitions of one
 * topic (the response header and size prefix are not part of it).
 *
 * <ul>
 *   <li>{@code encode}: {@link FetchResponseData#size(short)} then {@code write} into a reused heap
 *       buffer, copying every records byte once. The broker will send records from segment files
 *       as file regions instead (DESIGN D3), so this is the in-memory path: field encoding plus a
 *       memcpy per partition.</li>
 *   <li>{@code decode}: a {@link FetchResponseData} from a serialized body, as a consumer or a
 *       follower's replica fetcher does (DESIGN D8). Records are slices of the input.</li>
 * </ul>
 *
 * Parameters: {@code version} 18 (the newest); {@code layout} {@code 8x128KiB}, 1 MiB of records.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class FetchResponseBenchmark {

    @Param({"18"})
    public short version;

    @Param({"8x128KiB"})
    public String layout;

    private FetchResponseData response;
    private ByteBuffer serialized;
    private ByteBuffer encodeTarget;
    private double recordMiBPerOperation;

    @Setup
    public void setUp() {
        PayloadLayout payload = PayloadLayout.parse(layout);
        response = fetchResponse("benchmark-topic", Uuid.randomUuid(), payload.createRecords());
        serialized = ByteBufferWriter.serialize(response, version);
        encodeTarget = ByteBuffer.allocate(serialized.capacity());
        recordMiBPerOperation = payload.totalBytes() / RecordsThroughput.BYTES_PER_MIB;

        FetchResponseData decoded = decode(new RecordsThroughput());
        if (decoded.responses().get(0).partitions().size() != payload.partitions()) {
            throw new IllegalStateException("decoded response lost partitions: " + decoded);
        }
    }

    /** A read_uncommitted response: no aborted transactions, every partition led by this broker. */
    static FetchResponseData fetchResponse(String topic, Uuid topicId, List<MemoryRecords> recordsByPartition) {
        List<PartitionData> partitions = new ArrayList<>(recordsByPartition.size());
        long highWatermark = 1_000_000L;
        for (int p = 0; p < recordsByPartition.size(); p++) {
            partitions.add(new PartitionData()
                    .setPartitionIndex(p)
                    .setHighWatermark(highWatermark)
                    .setLastStableOffset(highWatermark)
                    .setLogStartOffset(0L)
                    .setAbortedTransactions(null)
                    .setRecords(recordsByPartition.get(p)));
        }
        FetchableTopicResponse topicResponse = new FetchableTopicResponse()
                .setTopic(topic)
                .setTopicId(topicId)
                .setPartitions(partitions);
        return new FetchResponseData()
                .setSessionId(1)
                .setResponses(new ArrayList<>(List.of(topicResponse)));
    }

    @Benchmark
    public ByteBuffer encode(RecordsThroughput throughput) {
        throughput.add(recordMiBPerOperation);
        int sizeBytes = response.size(version);
        encodeTarget.clear().limit(sizeBytes);
        response.write(new ByteBufferWriter(encodeTarget), version);
        return encodeTarget;
    }

    @Benchmark
    public FetchResponseData decode(RecordsThroughput throughput) {
        throughput.add(recordMiBPerOperation);
        return new FetchResponseData(new ProtocolReader(serialized), version);
    }
}
