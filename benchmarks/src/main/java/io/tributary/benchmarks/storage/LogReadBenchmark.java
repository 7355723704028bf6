package io.tributary.benchmarks.storage;

import io.tributary.records.CompressionType;
import io.tributary.records.MemoryRecords;
import io.tributary.storage.FetchDataInfo;
import io.tributary.storage.FileRecords;
import io.tributary.storage.LogConfig;
import io.tributary.storage.PartitionLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * Sequential 1 MiB fetches ({@code fetch.max.bytes}-sized, at most the high watermark) from a log
 * filled once per trial with {@code logMiB} of uncompressed producer batches ({@link BatchTemplate}),
 * starting over at the log start offset when the end is reached. One operation is one
 * {@link PartitionLog#read} plus delivering the {@link FileRecords} slice it returns:
 *
 * <ul>
 *   <li>{@code copyToHeap}: {@link FileRecords#copyTo} into a heap buffer. The JDK reads into a
 *       temporary direct buffer and copies from it, so the bytes are copied twice.</li>
 *   <li>{@code copyToDirect}: the same into a direct buffer: one copy, kernel to user.</li>
 *   <li>{@code transferToDevNull}: {@link FileRecords#writeTo} a {@link FileChannel} on
 *       {@code /dev/null}. The JDK uses {@code sendfile(2)}, as it would to a socket; the kernel
 *       discards the pages without copying them, so this is the zero-copy path minus the network:
 *       an upper bound that measures the read's bookkeeping and the system call.</li>
 *   <li>{@code transferToOtherChannel}: {@link FileRecords#writeTo} a channel that is neither a file
 *       nor a socket channel (here one that discards). The JDK cannot use {@code sendfile} and falls
 *       back to reading 8 KiB chunks into a temporary direct buffer and writing them: what
 *       zero copy turns into behind a wrapping channel (TLS, for one).</li>
 * </ul>
 *
 * <p>The log was just written, so every read is served from the page cache (the usual case for
 * consumers at the tail); this measures no disk. Reads start at batch boundaries; a fetch ends
 * with a partial batch (1 MiB is not a multiple of the 15,556-byte batch) that the next fetch
 * reads again whole, as a consumer would. {@code recordMiB} ({@link LogThroughput}) counts the
 * bytes of each slice, partial batch included: what the broker would send.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@State(Scope.Thread)
public class LogReadBenchmark {

    static final int FETCH_MAX_BYTES = 1024 * 1024;

    /** The log all threads read: filled and fsynced once per trial (not measured), dropped after it. */
    @State(Scope.Benchmark)
    public static class FilledLog {

        /** MiB of batches to fill the log with. */
        @Param({"256"})
        public int logMiB;

        private TemporaryLog temporaryLog;
        private PartitionLog log;
        private int batchSizeBytes;
        private int recordsPerBatch;

        @Setup(Level.Trial)
        public void fill() throws IOException {
            BatchTemplate template = BatchTemplate.create(CompressionType.NONE, System.currentTimeMillis(), 42);
            ByteBuffer scratch = template.newScratch(true);
            MemoryRecords records = MemoryRecords.readableRecords(scratch);
            temporaryLog = TemporaryLog.create("log-read", LogConfig.defaults());
            log = temporaryLog.partitionLog();
            long targetBytes = (long) logMiB * 1024 * 1024;
            long lastOffset = -1;
            for (long written = 0; written < targetBytes; written += template.sizeInBytes()) {
                template.copyInto(scratch);
                lastOffset = log.appendAsLeader(records, TemporaryLog.LEADER_EPOCH).lastOffset();
            }
            // Written back before measuring, so no writeback competes with the reads; pages stay cached.
            log.awaitDurable(lastOffset).join();
            log.updateHighWatermark(log.logEndOffset());
            batchSizeBytes = template.sizeInBytes();
            recordsPerBatch = template.recordCount();
        }

        @TearDown(Level.Trial)
        public void drop() throws IOException, InterruptedException {
            temporaryLog.close();
        }
    }

    private long nextOffset;
    private ByteBuffer heapBuffer;
    private ByteBuffer directBuffer;
    private FileChannel devNull;
    private final WritableByteChannel otherChannel = new DiscardingChannel();

    @Setup(Level.Trial)
    public void openTargets() throws IOException {
        heapBuffer = ByteBuffer.allocate(FETCH_MAX_BYTES);
        directBuffer = ByteBuffer.allocateDirect(FETCH_MAX_BYTES);
        devNull = FileChannel.open(Path.of("/dev/null"), StandardOpenOption.WRITE);
    }

    @TearDown(Level.Trial)
    public void closeTargets() throws IOException {
        devNull.close();
    }

    @Benchmark
    public ByteBuffer copyToHeap(FilledLog filled, LogThroughput throughput) {
        FileRecords records = fetch(filled, throughput);
        records.copyTo(heapBuffer.clear());
        return heapBuffer;
    }

    @Benchmark
    public ByteBuffer copyToDirect(FilledLog filled, LogThroughput throughput) {
        FileRecords records = fetch(filled, throughput);
        records.copyTo(directBuffer.clear());
        return directBuffer;
    }

    @Benchmark
    public long transferToDevNull(FilledLog filled, LogThroughput throughput) throws IOException {
        return writeFully(fetch(filled, throughput), devNull);
    }

    @Benchmark
    public long transferToOtherChannel(FilledLog filled, LogThroughput throughput) throws IOException {
        return writeFully(fetch(filled, throughput), otherChannel);
    }

    /** Reads the next 1 MiB from the cursor and moves the cursor past the whole batches read. */
    private FileRecords fetch(FilledLog filled, LogThroughput throughput) {
        PartitionLog log = filled.log;
        FetchDataInfo info = log.read(nextOffset, FETCH_MAX_BYTES, log.highWatermark(), true);
        FileRecords records = (FileRecords) info.records();
        int wholeBatches = records.sizeInBytes() / filled.batchSizeBytes;
        nextOffset += (long) wholeBatches * filled.recordsPerBatch;
        if (nextOffset >= log.highWatermark()) {
            nextOffset = log.logStartOffset();
        }
        throughput.addBytes(records.sizeInBytes());
        return records;
    }

    private static long writeFully(FileRecords records, WritableByteChannel target) throws IOException {
        long sent = 0;
        int size = records.sizeInBytes();
        while (sent < size) {
            long n = records.writeTo(target, sent, (int) (size - sent));
            if (n <= 0) {
                throw new IOException(records + ": transferTo sent nothing at " + sent + " of " + size + " bytes");
            }
            sent += n;
        }
        return sent;
    }

    /** Accepts and drops every byte: a channel the JDK's {@code transferTo} has no shortcut for. */
    private static final class DiscardingChannel implements WritableByteChannel {

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            src.position(src.limit());
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
