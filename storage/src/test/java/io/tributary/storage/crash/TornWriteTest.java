package io.tributary.storage.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.Time;
import io.tributary.records.RecordBatchDescriptor;
import io.tributary.storage.LogAppendInfo;
import io.tributary.storage.LogConfig;
import io.tributary.storage.LogManager;
import io.tributary.storage.LogSegment;
import io.tributary.storage.PartitionLog;
import io.tributary.storage.RecoveryResult;
import io.tributary.storage.TopicPartition;
import io.tributary.storage.checkpoint.OffsetCheckpointFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lost unfsynced writes, as after a power loss (DESIGN D5: acknowledged data survives it). Each
 * iteration appends batches and waits until they are durable (the acknowledged ones), then
 * appends more without waiting, and copies the log directory as a power loss could leave it: every
 * byte fsynced before the acknowledgement is there, of the rest any prefix may be. The copy has
 * no clean-shutdown marker, so loading it is an unclean recovery.
 *
 * <p>What can survive follows from when the log fsyncs: appends are fsynced by the flusher
 * (group commit) and a roll fsyncs the segment it closes. So either the power went while the
 * last segment took appends (it loses any suffix of what was not acknowledged; the earlier ones
 * are whole), or it went in the middle of a roll, after the new segment's file was created and
 * before the old one was fsynced (the old one loses any suffix, the new one is empty). Indexes are
 * never what durability rests on, so those of segments past the recovery point are cut at random
 * too, and now and then the recovery-point checkpoint is lost.
 *
 * <p>After recovery the log must hold every acknowledged batch, end exactly after the last batch
 * that survived whole (a torn batch is cut, nothing before it is lost, nothing after it is kept),
 * pass a full {@link LogAudit}, and take appends at its end.
 */
class TornWriteTest {

    private static final TopicPartition TP = new TopicPartition("torn", 0);
    private static final int ITERATIONS = 40;
    private static final long CHECKPOINT_ONLY_WHEN_ASKED_MS = 3_600_000;
    private static final int MAX_PADDING_BYTES = 6 * 1024;

    @TempDir
    Path root;

    private final Totals totals = new Totals();

    /** 8 KiB segments, so most iterations roll several times. */
    private static LogConfig config() {
        return LogConfig.defaults().withSegmentBytes(8 * 1024).withIndexIntervalBytes(512).withSegmentIndexBytes(512);
    }

    @Test
    void powerLossWhileAppendingKeepsAcknowledgedBatchesAndCutsOnlyTheTornOne() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int i = 0; i < ITERATIONS; i++) {
            runIteration(i, random, false, " (iteration " + i + ", seed " + seed + ")");
        }
        System.out.println("TornWriteTest, power loss while appending (seed " + seed + "): " + totals);
        assertTrue(totals.tornBatches > 0, "no iteration tore a batch: " + totals);
    }

    @Test
    void powerLossDuringASegmentRollKeepsAcknowledgedBatchesAndLeavesNoHoleInTheOffsets() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int i = 0; i < ITERATIONS; i++) {
            runIteration(i, random, true, " (iteration " + i + ", seed " + seed + ")");
        }
        System.out.println("TornWriteTest, power loss during a roll (seed " + seed + "): " + totals);
        assertTrue(totals.tornBatches > 0, "no iteration tore a batch: " + totals);
    }

    private void runIteration(int iteration, Random random, boolean duringRoll, String context) throws Exception {
        Path live = root.resolve("live-" + iteration);
        Path crashed = root.resolve("crashed-" + iteration);
        LogManager manager = start(live);
        PowerLoss loss;
        long acknowledgedEnd;
        try {
            PartitionLog log = manager.getOrCreateLog(TP);
            acknowledgedEnd = appendAndAwaitDurable(log, 1 + random.nextInt(60), random);
            manager.checkpoint();
            Map<String, Long> durableSizes = logFileSizes(log);
            int segmentsWhenAcknowledged = log.segments().size();
            appendWithoutWaiting(log, random.nextInt(60), random);
            while (duringRoll && log.segments().size() == segmentsWhenAcknowledged) {
                appendWithoutWaiting(log, 1, random);
            }
            copyDirectory(live, crashed);
            loss = duringRoll ? PowerLoss.duringRoll(crashed.resolve(TP.toString()), durableSizes, random)
                    : PowerLoss.whileAppending(crashed.resolve(TP.toString()), durableSizes, random);
        } finally {
            manager.close();
        }
        loss.damageIndexesFrom(acknowledgedEnd, random);
        if (random.nextInt(4) == 0) {
            Files.delete(crashed.resolve(OffsetCheckpointFile.RECOVERY_POINT_OFFSET_CHECKPOINT));
        }
        recoverAndCheck(crashed, loss, acknowledgedEnd, random, context);
        deleteRecursively(live);
        deleteRecursively(crashed);
    }

    private void recoverAndCheck(Path crashed, PowerLoss loss, long acknowledgedEnd, Random random, String context) throws Exception {
        long bytesBefore = loss.logFileBytes();
        LogManager manager = start(crashed);
        try {
            PartitionLog log = manager.getLog(TP);
            RecoveryResult recovery = manager.recoveryResults().get(TP);
            assertTrue(log.logEndOffset() >= acknowledgedEnd, "acknowledged batches were lost: log end offset "
                    + log.logEndOffset() + ", acknowledged up to " + acknowledgedEnd + context + "\n" + loss);
            assertEquals(loss.expectedLogEndOffset(), log.logEndOffset(),
                    "recovery must end the log after the last batch that survived whole" + context + "\n" + loss);
            LogAudit.Result audit;
            try {
                audit = LogAudit.audit(log, random);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + context + "\n" + loss, e);
            }
            assertEquals(bytesBefore - audit.bytes(), recovery.bytesTruncated(),
                    "the bytes recovery reports truncated are not the bytes that left the segment files" + context);

            long end = log.logEndOffset();
            LogAppendInfo next = log.appendAsLeader(OffsetValuedBatches.random(end, random, System.currentTimeMillis(), MAX_PADDING_BYTES), 0);
            assertEquals(end, next.firstOffset(), "the recovered log takes appends at its end" + context);
            log.awaitDurable(next.lastOffset()).get(10, TimeUnit.SECONDS);

            totals.iterations++;
            totals.acknowledgedOffsets += acknowledgedEnd;
            totals.lostUnacknowledgedOffsets += loss.appendedEnd() - end;
            totals.tornBatches += loss.tearsABatch() ? 1 : 0;
            totals.bytesTruncated += recovery.bytesTruncated();
            totals.segmentsDeleted += recovery.segmentsDeleted();
        } finally {
            manager.close();
        }
    }

    private static LogManager start(Path dir) throws IOException {
        LogManager manager = new LogManager(List.of(dir), config(), Time.SYSTEM, 1, 60_000, CHECKPOINT_ONLY_WHEN_ASKED_MS);
        manager.startup();
        return manager;
    }

    /** Appends {@code batches} batches, waits until all are durable and returns the log end offset. */
    private static long appendAndAwaitDurable(PartitionLog log, int batches, Random random) throws Exception {
        List<CompletableFuture<Void>> durable = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            durable.add(log.awaitDurable(append(log, random).lastOffset()));
        }
        CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        return log.logEndOffset();
    }

    private static void appendWithoutWaiting(PartitionLog log, int batches, Random random) {
        for (int i = 0; i < batches; i++) {
            append(log, random);
        }
    }

    private static LogAppendInfo append(PartitionLog log, Random random) {
        long first = log.logEndOffset();
        LogAppendInfo info = log.appendAsLeader(OffsetValuedBatches.random(first, random, System.currentTimeMillis(), MAX_PADDING_BYTES), 0);
        assertEquals(first, info.firstOffset());
        return info;
    }

    private static Map<String, Long> logFileSizes(PartitionLog log) {
        Map<String, Long> sizes = new HashMap<>();
        for (LogSegment segment : log.segments()) {
            sizes.put(segment.log().file().getFileName().toString(), (long) segment.sizeInBytes());
        }
        return sizes;
    }

    /**
     * What a power loss did to the copied partition directory: which segment lost which suffix,
     * and so where the recovered log must end.
     */
    private static final class PowerLoss {
        private final Path partitionDir;
        private final List<Long> bases;
        private final String description;
        private final long expectedLogEndOffset;
        private final long appendedEnd;
        private final boolean tearsABatch;

        private PowerLoss(Path partitionDir, List<Long> bases, String description, long expectedLogEndOffset,
                          long appendedEnd, boolean tearsABatch) {
            this.partitionDir = partitionDir;
            this.bases = bases;
            this.description = description;
            this.expectedLogEndOffset = expectedLogEndOffset;
            this.appendedEnd = appendedEnd;
            this.tearsABatch = tearsABatch;
        }

        /** The last segment keeps what was durable and any prefix of the rest; earlier segments were fsynced at their roll. */
        static PowerLoss whileAppending(Path partitionDir, Map<String, Long> durableSizes, Random random) throws IOException {
            List<Long> bases = segmentBases(partitionDir);
            long appendedEnd = nextOffsetOf(partitionDir, bases.get(bases.size() - 1), Long.MAX_VALUE);
            return cut(partitionDir, bases, bases.get(bases.size() - 1), durableSizes, random, appendedEnd, "");
        }

        /**
         * The newest segment's file exists but is empty (no append reached it), the one before it
         * keeps what was durable and any prefix of the rest.
         */
        static PowerLoss duringRoll(Path partitionDir, Map<String, Long> durableSizes, Random random) throws IOException {
            List<Long> bases = segmentBases(partitionDir);
            long newest = bases.get(bases.size() - 1);
            long closing = bases.get(bases.size() - 2);
            long appendedEnd = nextOffsetOf(partitionDir, newest, Long.MAX_VALUE);
            truncate(logFile(partitionDir, newest), 0);
            zeroFill(LogSegment.file(partitionDir, newest, LogSegment.INDEX_SUFFIX));
            zeroFill(LogSegment.file(partitionDir, newest, LogSegment.TIME_INDEX_SUFFIX));
            Files.deleteIfExists(partitionDir.resolve(LogSegment.filenamePrefix(newest) + ".snapshot"));
            return cut(partitionDir, bases, closing, durableSizes, random, appendedEnd,
                    "segment " + newest + " emptied (created, never appended to); ");
        }

        private static PowerLoss cut(Path partitionDir, List<Long> bases, long base, Map<String, Long> durableSizes,
                                     Random random, long appendedEnd, String before) throws IOException {
            Path file = logFile(partitionDir, base);
            long size = Files.size(file);
            long durable = durableSizes.getOrDefault(file.getFileName().toString(), 0L);
            long keep = random.nextInt(4) == 0 ? durable : durable + (long) (random.nextDouble() * (size - durable + 1));
            long survivingEnd = nextOffsetOf(partitionDir, base, keep);
            boolean torn = keep != batchBoundaryAtOrBelow(file, keep);
            truncate(file, keep);
            String description = before + "segment " + base + " cut to " + keep + " of " + size + " bytes (" + durable
                    + " durable)" + (torn ? ", tearing a batch" : "") + "; all segments: " + bases;
            return new PowerLoss(partitionDir, bases, description, survivingEnd, appendedEnd, torn);
        }

        /** Cuts each index file of the segments from the one holding {@code recoveryPoint} on to a random length, now and then. */
        void damageIndexesFrom(long recoveryPoint, Random random) throws IOException {
            long firstUnflushed = bases.stream().filter(b -> b <= recoveryPoint).max(Long::compare).orElse(0L);
            for (long base : bases) {
                if (base < firstUnflushed) {
                    continue;
                }
                for (String suffix : List.of(LogSegment.INDEX_SUFFIX, LogSegment.TIME_INDEX_SUFFIX)) {
                    Path index = LogSegment.file(partitionDir, base, suffix);
                    if (random.nextInt(3) == 0 && Files.exists(index)) {
                        truncate(index, (long) (random.nextDouble() * (Files.size(index) + 1)));
                    }
                }
            }
        }

        long expectedLogEndOffset() {
            return expectedLogEndOffset;
        }

        /** The log end offset before the power loss. */
        long appendedEnd() {
            return appendedEnd;
        }

        boolean tearsABatch() {
            return tearsABatch;
        }

        long logFileBytes() throws IOException {
            long total = 0;
            for (long base : bases) {
                total += Files.size(logFile(partitionDir, base));
            }
            return total;
        }

        @Override
        public String toString() {
            return "power loss: " + description;
        }
    }

    /** The offset after the last batch that lies wholly within the first {@code limit} bytes of segment {@code base}. */
    private static long nextOffsetOf(Path partitionDir, long base, long limit) throws IOException {
        ByteBuffer content = ByteBuffer.wrap(Files.readAllBytes(logFile(partitionDir, base)));
        long next = base;
        int position = 0;
        while (position + RecordBatchDescriptor.HEADER_SIZE_BYTES <= content.limit()) {
            int size = content.getInt(position + RecordBatchDescriptor.BATCH_LENGTH_OFFSET) + RecordBatchDescriptor.LOG_OVERHEAD_BYTES;
            if (position + size > Math.min(limit, content.limit())) {
                break;
            }
            next = content.getLong(position) + content.getInt(position + RecordBatchDescriptor.LAST_OFFSET_DELTA_OFFSET) + 1;
            position += size;
        }
        return next;
    }

    private static long batchBoundaryAtOrBelow(Path segmentFile, long position) throws IOException {
        ByteBuffer content = ByteBuffer.wrap(Files.readAllBytes(segmentFile));
        long boundary = 0;
        while (boundary + RecordBatchDescriptor.LOG_OVERHEAD_BYTES <= content.limit()) {
            long next = boundary + content.getInt((int) boundary + RecordBatchDescriptor.BATCH_LENGTH_OFFSET)
                    + RecordBatchDescriptor.LOG_OVERHEAD_BYTES;
            if (next > position) {
                break;
            }
            boundary = next;
        }
        return boundary;
    }

    private static List<Long> segmentBases(Path partitionDir) throws IOException {
        try (Stream<Path> files = Files.list(partitionDir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(LogSegment.LOG_SUFFIX))
                    .map(name -> Long.parseLong(name.substring(0, name.length() - LogSegment.LOG_SUFFIX.length())))
                    .sorted()
                    .toList();
        }
    }

    private static Path logFile(Path partitionDir, long base) {
        return LogSegment.file(partitionDir, base, LogSegment.LOG_SUFFIX);
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    private static void zeroFill(Path file) throws IOException {
        if (Files.exists(file)) {
            Files.write(file, new byte[(int) Files.size(file)]);
        }
    }

    /** Copies a running broker's log directory, as the disk holds it: without the lock file and without a clean-shutdown marker. */
    private static void copyDirectory(Path source, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path from : walk.toList()) {
                Path to = target.resolve(source.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else if (!from.getFileName().toString().equals(LogManager.LOCK_FILE)) {
                    Files.copy(from, to);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Counts for the summary line. */
    private static final class Totals {
        int iterations;
        long acknowledgedOffsets;
        long lostUnacknowledgedOffsets;
        int tornBatches;
        long bytesTruncated;
        long segmentsDeleted;

        @Override
        public String toString() {
            return iterations + " power losses; " + acknowledgedOffsets + " acknowledged offsets, all kept; "
                    + lostUnacknowledgedOffsets + " unacknowledged offsets lost; " + tornBatches + " torn batches cut; "
                    + bytesTruncated + " bytes truncated; " + segmentsDeleted + " segments deleted";
        }
    }
}
