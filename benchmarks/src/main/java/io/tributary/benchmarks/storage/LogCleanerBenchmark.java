package io.tributary.benchmarks.storage;

import io.tributary.common.Time;
import io.tributary.records.CompressionType;
import io.tributary.records.RecordBatchBuilder;
import io.tributary.storage.LogConfig;
import io.tributary.storage.PartitionLog;
import io.tributary.storage.cleaner.Cleaner;
import io.tributary.storage.cleaner.CleanerConfig;
import io.tributary.storage.cleaner.LogToClean;
import io.tributary.storage.cleaner.OffsetMap;
import io.tributary.storage.cleaner.Throttler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
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
 * The log cleaner's throughput: one {@link Cleaner#clean} of a never-cleaned compacted log of
 * {@code logMiB} per operation, measured in MiB of log cleaned per second ({@code recordMiB}, printed
 * with the unit "ops/s": read it as <b>MiB/s</b>). The log is written and fsynced before each
 * operation (JMH excludes the {@code Level.Invocation} set-up from the measured time) and dropped
 * after it, so every operation cleans the same log from scratch: it maps the whole dirty section,
 * rewrites every segment, fsyncs the cleaned ones and swaps them in. Deleting the replaced
 * segments' files is left to the tear-down, as the broker leaves it to {@code file.delete.delay.ms}.
 *
 * <p>The log: keyed updates, {@code keys} distinct keys in random order ("key-NNNNNNN"), values of
 * {@code valueBytes} text-like bytes, 16 KiB producer batches, 128 MiB segments, compressed with
 * {@code compression}. With the defaults about 97 % of the records are superseded. The offset map
 * is Kafka's default dedupe buffer for one thread (128 MiB), no throttle.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 4)
@State(Scope.Thread)
public class LogCleanerBenchmark {

    private static final int BATCH_BYTES = 16 * 1024;
    private static final int SEGMENT_BYTES = 128 * 1024 * 1024;

    /** MiB of log to clean per operation. */
    @Param({"256"})
    public int logMiB;

    /** Distinct keys among the updates. */
    @Param({"100000"})
    public int keys;

    @Param({"100"})
    public int valueBytes;

    /** The codec of the batches: {@code none}, {@code lz4}, ... */
    @Param({"none", "lz4"})
    public String compression;

    private OffsetMap offsetMap;
    private Cleaner cleaner;
    private TemporaryLog temporaryLog;
    private PartitionLog log;
    private long logBytes;

    @Setup(Level.Trial)
    public void createCleaner() {
        offsetMap = new OffsetMap(CleanerConfig.defaults().dedupeBufferSizePerThread(), CleanerConfig.DEFAULT_DEDUPE_BUFFER_LOAD_FACTOR);
        Throttler unthrottled = new Throttler(Double.MAX_VALUE, Time.SYSTEM, Throttler.Sleeper.SYSTEM);
        cleaner = new Cleaner(offsetMap, CleanerConfig.DEFAULT_IO_BUFFER_SIZE / 2, unthrottled, Time.SYSTEM,
                (partitionLog, replaced) -> { }, Cleaner.AbortCheck.NEVER, PartitionLog.SwapListener.NONE);
    }

    @Setup(Level.Invocation)
    public void writeLog() throws Exception {
        LogConfig config = LogConfig.builder().compactEnabled(true).deleteEnabled(false).segmentBytes(SEGMENT_BYTES).build();
        temporaryLog = TemporaryLog.create("log-cleaner", config);
        log = temporaryLog.partitionLog();
        CompressionType codec = CompressionType.valueOf(compression.toUpperCase(Locale.ROOT));
        SplittableRandom random = new SplittableRandom(42);
        byte[] value = textLike(valueBytes, random);
        long target = (long) logMiB * 1024 * 1024;
        long now = System.currentTimeMillis();
        while (temporaryLog.sizeInBytes() < target) {
            RecordBatchBuilder batch = new RecordBatchBuilder().compression(codec);
            for (int bytes = 0; bytes < BATCH_BYTES; bytes += valueBytes + 20) {
                byte[] key = String.format("key-%07d", random.nextInt(keys)).getBytes(StandardCharsets.US_ASCII);
                batch.append(now, key, value);
            }
            log.appendAsLeader(batch.build(), TemporaryLog.LEADER_EPOCH);
        }
        log.roll();
        log.updateHighWatermark(log.logEndOffset());
        log.awaitDurable(log.logEndOffset() - 1).get(5, TimeUnit.MINUTES);
        logBytes = temporaryLog.sizeInBytes();
    }

    @TearDown(Level.Invocation)
    public void dropLog() throws IOException, InterruptedException {
        temporaryLog.close();
    }

    @Benchmark
    public long clean(LogThroughput throughput) throws IOException, InterruptedException {
        long activeBase = log.activeSegment().baseOffset();
        Cleaner.Result result = cleaner.clean(new LogToClean(log, log.logStartOffset(), activeBase, 0, logBytes, false));
        throughput.addBytes(logBytes);
        return result.stats().recordsRetained();
    }

    private static byte[] textLike(int size, SplittableRandom random) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i % 9 == 8 ? ' ' : 'a' + random.nextInt(26));
        }
        return bytes;
    }
}
