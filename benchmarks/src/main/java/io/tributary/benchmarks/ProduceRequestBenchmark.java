package io.tributary.benchmarks;

import io.tributary.protocol.ByteBufferWriter;
import io.tributary.protocol.ProtocolReader;
import io.tributary.protocol.Uuid;
import io.tributary.protocol.message.ProduceRequestData;
import io.tributary.protocol.message.ProduceRequestData.PartitionProduceData;
import io.tributary.protocol.message.ProduceRequestData.TopicProduceData;
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
 * The generated Produce request codec on a request body carrying records in one topic
 * (the request header and size prefix are not part of it).
 *
 * <ul>
 *   <li>{@code decode}: a {@link ProduceRequestData} from a serialized body, as the broker does for
 *       every produce. Records are sliced out of the input, not copied (DESIGN D3), so the cost is
 *       per partition rather than per byte; the {@code recordMiB} rate is how many MiB of records
 *       a core could take in at that cost.</li>
 *   <li>{@code encode}: {@link ProduceRequestData#size(short)} then {@code write} into a reused heap
 *       buffer, as a client does; this copies every records byte once.</li>
 * </ul>
 *
 * Parameters: {@code version} 3 (the oldest Kafka 4 accepts, not flexible, topic names) and 13
 * (the newest, flexible, topic ids); {@code layout} {@code 1x1MiB} (one partition) and
 * {@code 16x64KiB} (16 partitions of 64 KiB), both 1 MiB of records in total.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class ProduceRequestBenchmark {

    @Param({"3", "13"})
    public short version;

    @Param({"1x1MiB", "16x64KiB"})
    public String layout;

    private ProduceRequestData request;
    private ByteBuffer serialized;
    private ByteBuffer encodeTarget;
    private double recordMiBPerOperation;

    @Setup
    public void setUp() {
        PayloadLayout payload = PayloadLayout.parse(layout);
        request = produceRequest("benchmark-topic", Uuid.randomUuid(), payload.createRecords());
        serialized = ByteBufferWriter.serialize(request, version);
        encodeTarget = ByteBuffer.allocate(serialized.capacity());
        recordMiBPerOperation = payload.totalBytes() / RecordsThroughput.BYTES_PER_MIB;

        ProduceRequestData decoded = decode(new RecordsThroughput());
        if (decoded.topicData().get(0).partitionData().size() != payload.partitions()) {
            throw new IllegalStateException("decoded request lost partitions: " + decoded);
        }
    }

    static ProduceRequestData produceRequest(String topic, Uuid topicId, List<MemoryRecords> recordsByPartition) {
        List<PartitionProduceData> partitions = new ArrayList<>(recordsByPartition.size());
        for (int p = 0; p < recordsByPartition.size(); p++) {
            partitions.add(new PartitionProduceData().setIndex(p).setRecords(recordsByPartition.get(p)));
        }
        TopicProduceData topicData = new TopicProduceData().setName(topic).setTopicId(topicId).setPartitionData(partitions);
        return new ProduceRequestData()
                .setAcks((short) -1)
                .setTimeoutMs(30_000)
                .setTopicData(new ArrayList<>(List.of(topicData)));
    }

    @Benchmark
    public ProduceRequestData decode(RecordsThroughput throughput) {
        throughput.add(recordMiBPerOperation);
        return new ProduceRequestData(new ProtocolReader(serialized), version);
    }

    @Benchmark
    public ByteBuffer encode(RecordsThroughput throughput) {
        throughput.add(recordMiBPerOperation);
        int sizeBytes = request.size(version);
        encodeTarget.clear().limit(sizeBytes);
        request.write(new ByteBufferWriter(encodeTarget), version);
        return encodeTarget;
    }
}
