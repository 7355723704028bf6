package io.tributary.benchmarks.storage;

import io.tributary.records.CompressionType;
import io.tributary.records.MemoryRecords;
import io.tributary.storage.LogAppendInfo;
import io.tributary.storage.LogConfig;
import io.tributary.storage.PartitionLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link PartitionLog#appendAsLeader} of one producer batch (15 records of 1 KiB, 16 KiB
 * {@code batch.size}: {@link BatchTemplate}) per operation, into a real log on disk
 * ({@link TemporaryLog}: Kafka's default 1 GiB segments, which roll during a run; a roll, with
 * whatever it does synchronously, is part of the measured time of the append that triggers it).
 *
 * <p>Each operation copies the template over a reused buffer first (an append rewrites the header
 * in place), as if a produce request had just been read into it; that 15 KiB copy is measured. The
 * log is created fresh for every iteration and dropped after it, so no iteration pays for the page
 * cache or the disk space another one filled.
 *
 * <p>Modes ({@code mode}):
 * <ul>
 *   <li>{@code pagecache}: append and go on (acks=1, no flush policy). Measures validation (CRC-32C
 *       and a decode of every record, DESIGN D13), offset assignment, index entries, the
 *       {@code write(2)} into the page cache, and segment rolls. The kernel's own writeback starts
 *       once dirty pages pass {@code vm.dirty_background_ratio}, and throttles the writer past
 *       {@code vm.dirty_ratio}.</li>
 *   <li>{@code fsync}: the acks=all durable path (DESIGN D5). At most {@code inFlight} appends wait
 *       for durability at once, like as many produce requests parked until their offsets are
 *       fsynced: each operation first waits, if {@code inFlight} appends are already waiting, for
 *       the oldest of them to be durable, then appends and registers
 *       {@link PartitionLog#awaitDurable} for the append's last offset ({@code inFlight=1}: one
 *       producer, one request at a time). The flusher fsyncs everything appended since its last
 *       fsync in one go (group commit), so appends per fsync ({@link FsyncCounters}) rises with
 *       {@code inFlight} and with fsync latency. One appending thread: the partition's one writer;
 *       the window stands for the many producers.</li>
 * </ul>
 *
 * <p>Results: ops/s = appends/s; {@code recordMiB} = MiB/s of batches written ({@link LogThroughput});
 * {@code appends} and {@code fsyncs} totals ({@link FsyncCounters}). With {@code -t N} each thread
 * gets its own log (N partitions, each with its own flusher), and the counters add up correctly.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@State(Scope.Thread)
public class LogAppendBenchmark {

    /** {@code pagecache} (append only) or {@code fsync} (wait for durability, {@code inFlight} at once). */
    @Param({"pagecache", "fsync"})
    public String mode;

    /** Compression of the batch as the producer sent it: {@code none} or {@code lz4} (any codec name). */
    @Param({"none", "lz4"})
    public String compression;

    /** In {@code fsync} mode: appends waiting for durability at once. Ignored in {@code pagecache} mode. */
    @Param({"16"})
    public int inFlight;

    /** {@code direct} (as a network layer's pooled buffers) or {@code heap}: where the batch is before the append. */
    @Param({"direct"})
    public String buffer;

    private boolean awaitDurability;
    private BatchTemplate template;
    private ByteBuffer scratch;
    private MemoryRecords records;
    private final ArrayDeque<CompletableFuture<Void>> window = new ArrayDeque<>();
    private TemporaryLog temporaryLog;
    private PartitionLog log;
    private long fsyncCountAtOpen;

    @Setup(Level.Trial)
    public void createBatch() {
        awaitDurability = switch (mode) {
            case "pagecache" -> false;
            case "fsync" -> true;
            default -> throw new IllegalArgumentException("mode must be pagecache or fsync, not " + mode);
        };
        if (inFlight < 1) {
            throw new IllegalArgumentException("inFlight must be at least 1, not " + inFlight);
        }
        boolean direct = switch (buffer) {
            case "direct" -> true;
            case "heap" -> false;
            default -> throw new IllegalArgumentException("buffer must be direct or heap, not " + buffer);
        };
        CompressionType codec = CompressionType.valueOf(compression.toUpperCase(Locale.ROOT));
        template = BatchTemplate.create(codec, System.currentTimeMillis(), 42);
        scratch = template.newScratch(direct);
        records = MemoryRecords.readableRecords(scratch);
    }

    @Setup(Level.Iteration)
    public void openLog() throws IOException {
        temporaryLog = TemporaryLog.create("log-append", LogConfig.defaults());
        log = temporaryLog.partitionLog();
        fsyncCountAtOpen = log.fsyncCount();
    }

    /** Waits for the appends still in the window (uncounted), then drops the log. */
    @TearDown(Level.Iteration)
    public void closeLog() throws IOException, InterruptedException {
        while (!window.isEmpty()) {
            window.poll().join();
        }
        temporaryLog.close();
    }

    @Benchmark
    public long append(LogThroughput throughput, FsyncCounters counters) {
        if (window.size() == inFlight) {
            window.poll().join();
        }
        template.copyInto(scratch);
        LogAppendInfo info = log.appendAsLeader(records, TemporaryLog.LEADER_EPOCH);
        if (awaitDurability) {
            window.add(log.awaitDurable(info.lastOffset()));
        }
        throughput.addBytes(info.validBytes());
        counters.appends++;
        counters.fsyncs = log.fsyncCount() - fsyncCountAtOpen;
        return info.lastOffset();
    }
}
