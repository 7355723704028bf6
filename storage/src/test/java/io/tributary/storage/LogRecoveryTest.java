package io.tributary.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.ManualTime;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading after clean and unclean stops. An unclean stop is modelled by copying the log directory
 * while the broker runs (no clean-shutdown marker, checkpoints as they were) and, for torn writes,
 * cutting or damaging the copy.
 */
class LogRecoveryTest {

    private static final TopicPartition TP = new TopicPartition("events", 3);

    @TempDir
    Path root;
    private final ManualTime time = new ManualTime();

    private LogManager start(Path dir, LogConfig config) throws IOException {
        LogManager manager = new LogManager(List.of(dir), config, time, 1, 60_000, 60_000);
        manager.startup();
        return manager;
    }

    /** Appends {@code count} single-record batches and waits until they are fsynced. */
    private static void appendDurably(PartitionLog log, int count) throws Exception {
        long last = -1;
        for (int i = 0; i < count; i++) {
            last = log.appendAsLeader(Batches.of(1000 + i, "value-" + log.logEndOffset()), 0).lastOffset();
        }
        log.awaitDurable(last).get(10, TimeUnit.SECONDS);
    }

    private static void assertValuesAreTheirOffsets(PartitionLog log, long expectedEnd) {
        List<String> values = PartitionLogTest.readAll(log);
        assertEquals(expectedEnd, values.size());
        for (int i = 0; i < values.size(); i++) {
            assertEquals(i + ":value-" + i, values.get(i));
        }
    }

    @Test
    void cleanRestartKeepsEverythingWithoutScanning() throws Exception {
        Path dir = root.resolve("data");
        LogManager manager = start(dir, LogConfig.defaults().withSegmentBytes(2000));
        appendDurably(manager.getOrCreateLog(TP), 100);
        manager.close();
        assertTrue(Files.exists(dir.resolve(LogManager.CLEAN_SHUTDOWN_FILE)));

        manager = start(dir, LogConfig.defaults().withSegmentBytes(2000));
        RecoveryResult result = manager.recoveryResults().get(TP);
        assertEquals(0, result.segmentsRecovered());
        assertTrue(result.segmentsLoaded() > 1);
        assertEquals(100, result.logEndOffset());
        assertFalse(Files.exists(dir.resolve(LogManager.CLEAN_SHUTDOWN_FILE)), "the marker goes once the broker runs");
        assertValuesAreTheirOffsets(manager.getLog(TP), 100);
        assertEquals(100, manager.getLog(TP).appendAsLeader(Batches.of(1, "value-100"), 0).firstOffset());
        manager.close();
    }

    @Test
    void uncleanStopRecoversFromTheRecoveryPointAndKeepsDurableData() throws Exception {
        Path dir = root.resolve("data");
        LogManager manager = start(dir, LogConfig.defaults().withSegmentBytes(2000));
        PartitionLog log = manager.getOrCreateLog(TP);
        appendDurably(log, 60);
        manager.checkpoint();
        appendDurably(log, 40);
        Path crashed = copyOf(dir);
        manager.close();

        LogManager recovered = start(crashed, LogConfig.defaults().withSegmentBytes(2000));
        RecoveryResult result = recovered.recoveryResults().get(TP);
        assertTrue(result.segmentsRecovered() >= 1);
        assertEquals(0, result.bytesTruncated());
        assertValuesAreTheirOffsets(recovered.getLog(TP), 100);
        recovered.close();
    }

    @Test
    void aTailCutAtAnyByteLosesOnlyTheTornBatch() throws Exception {
        Path dir = root.resolve("data");
        LogManager manager = start(dir, LogConfig.defaults());
        appendDurably(manager.getOrCreateLog(TP), 5);
        Path crashed = copyOf(dir);
        manager.close();
        Path segment = crashed.resolve(TP.toString()).resolve(LogSegment.filenamePrefix(0) + LogSegment.LOG_SUFFIX);
        long fullSize = Files.size(segment);
        long lastBatchStart = batchStarts(segment).get(4);
        for (long cut = lastBatchStart; cut < fullSize; cut++) {
            Path attempt = copyOf(crashed);
            Path attemptSegment = attempt.resolve(TP.toString()).resolve(segment.getFileName());
            try (FileChannel channel = FileChannel.open(attemptSegment, StandardOpenOption.WRITE)) {
                channel.truncate(cut);
            }
            LogManager recovered = start(attempt, LogConfig.defaults());
            assertEquals(fullSize - lastBatchStart - (fullSize - cut), recovered.recoveryResults().get(TP).bytesTruncated(), "cut at " + cut);
            assertValuesAreTheirOffsets(recovered.getLog(TP), 4);
            recovered.close();
            deleteRecursively(attempt);
        }
    }

    @Test
    void aCorruptBatchEndsTheLogThereAndLaterSegmentsAreDropped() throws Exception {
        Path dir = root.resolve("data");
        LogManager manager = start(dir, LogConfig.defaults().withSegmentBytes(300));
        appendDurably(manager.getOrCreateLog(TP), 30);
        Path crashed = copyOf(dir);
        manager.close();
        Path partitionDir = crashed.resolve(TP.toString());
        List<Long> bases = LogLoader.segmentBaseOffsets(partitionDir);
        assertTrue(bases.size() >= 3);
        Path second = partitionDir.resolve(LogSegment.filenamePrefix(bases.get(1)) + LogSegment.LOG_SUFFIX);
        List<Long> starts = batchStarts(second);
        flipByte(second, starts.get(1) + 70); // inside the second batch's records: CRC fails
        Files.deleteIfExists(crashed.resolve("recovery-point-offset-checkpoint"));

        LogManager recovered = start(crashed, LogConfig.defaults().withSegmentBytes(300));
        RecoveryResult result = recovered.recoveryResults().get(TP);
        assertEquals(bases.get(1) + 1, result.logEndOffset());
        assertEquals(bases.size() - 2, result.segmentsDeleted());
        assertValuesAreTheirOffsets(recovered.getLog(TP), bases.get(1) + 1);
        recovered.close();
    }

    @Test
    void missingIndexesAreRebuilt() throws Exception {
        Path dir = root.resolve("data");
        LogConfig config = LogConfig.defaults().withSegmentBytes(2000).withIndexIntervalBytes(100);
        LogManager manager = start(dir, config);
        appendDurably(manager.getOrCreateLog(TP), 100);
        manager.close();
        try (Stream<Path> files = Files.list(dir.resolve(TP.toString()))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".index") || f.toString().endsWith(".timeindex")).toList()) {
                Files.delete(f);
            }
        }
        LogManager reopened = start(dir, config);
        assertTrue(reopened.recoveryResults().get(TP).segmentsRecovered() > 1);
        PartitionLog log = reopened.getLog(TP);
        assertTrue(log.activeSegment().offsetIndex().entries() > 0 || log.segments().iterator().next().offsetIndex().entries() > 0);
        assertEquals("57:value-57", Batches.values(log.read(57, 1 << 20, 100, true), 57).get(0));
        reopened.close();
    }

    /** Start positions of the batches in a segment file. */
    static List<Long> batchStarts(Path segment) throws IOException {
        List<Long> starts = new ArrayList<>();
        byte[] bytes = Files.readAllBytes(segment);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
        int position = 0;
        while (position + 12 <= bytes.length) {
            starts.add((long) position);
            position += buffer.getInt(position + 8) + 12;
        }
        return starts;
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
            channel.read(one, position);
            one.put(0, (byte) (one.get(0) ^ 0xFF)).rewind();
            channel.write(one, position);
        }
    }

    private Path copyOf(Path dir) throws IOException {
        return copyOf(root, dir);
    }

    /** A copy of a running log directory, as a crash would leave it (without the lock file). */
    static Path copyOf(Path root, Path dir) throws IOException {
        Path target = Files.createTempDirectory(root, "crashed");
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path source : walk.toList()) {
                Path dest = target.resolve(dir.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else if (!source.getFileName().toString().equals(LogManager.LOCK_FILE)) {
                    Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return target;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
