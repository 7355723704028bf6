package io.tributary.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.ManualTime;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zeros written ahead of a frequently fsynced active segment (PartitionLog.prewriteActiveSegment):
 * never visible as records, gone when the segment rolls or the log closes, and cut off at load when
 * a crash left them behind.
 */
class PrewriteTest {

    private static final TopicPartition TP = new TopicPartition("durable", 0);
    private static final LogConfig CONFIG = LogConfig.defaults().withSegmentBytes(8 * 1024 * 1024);
    /** A value of about 16 KiB, so 40 batches pass the half of PREWRITE_BYTES a segment must take first. */
    private static final String PADDING = "x".repeat(16 * 1024);

    @TempDir
    Path root;
    private final ManualTime time = new ManualTime();

    private LogManager start(Path dir) throws IOException {
        LogManager manager = new LogManager(List.of(dir), CONFIG, time, 1, 60_000, 60_000);
        manager.startup();
        return manager;
    }

    /**
     * Appends {@code count} batches, each awaited as acks=all does, then one more: the flush that
     * covers it starts only after the previous flush (and its prewrite) ended.
     */
    private static void appendDurably(PartitionLog log, int count) throws Exception {
        for (int i = 0; i <= count; i++) {
            long last = log.appendAsLeader(Batches.of(1000, value(log.logEndOffset())), 0).lastOffset();
            log.awaitDurable(last).get(10, TimeUnit.SECONDS);
        }
    }

    private static String value(long offset) {
        return offset + "-" + PADDING;
    }

    private static void assertValuesAreTheirOffsets(PartitionLog log, long expectedEnd) {
        List<String> values = PartitionLogTest.readAll(log);
        assertEquals(expectedEnd, values.size());
        for (int i = 0; i < values.size(); i++) {
            assertEquals(i + ":" + value(i), values.get(i), "offset " + i);
        }
    }

    private static Path fileOf(Path partitionDir, long baseOffset) {
        return partitionDir.resolve(LogSegment.filenamePrefix(baseOffset) + LogSegment.LOG_SUFFIX);
    }

    @Test
    void theActiveSegmentOfAFsyncedLogHasZerosAheadThatReadsNeverSee() throws Exception {
        LogManager manager = start(root.resolve("data"));
        PartitionLog log = manager.getOrCreateLog(TP);
        appendDurably(log, 40);
        LogSegment active = log.activeSegment();
        long fileSize = Files.size(active.log().file());
        assertTrue(fileSize > active.sizeInBytes(), "file " + fileSize + " bytes, records " + active.sizeInBytes());
        assertTrue(fileSize - active.sizeInBytes() <= PartitionLog.PREWRITE_BYTES);
        assertEquals(fileSize - active.sizeInBytes(), active.log().prewrittenBytes());
        assertEquals(log.logEndOffset(), active.readNextOffset());
        assertValuesAreTheirOffsets(log, log.logEndOffset());

        appendDurably(log, 5); // appends overwrite the zeros in place
        assertValuesAreTheirOffsets(log, log.logEndOffset());
        manager.close();
    }

    @Test
    void aRollAndACleanCloseLeaveFilesEndingAtTheirLastBatch() throws Exception {
        Path dir = root.resolve("data");
        LogManager manager = start(dir);
        PartitionLog log = manager.getOrCreateLog(TP);
        appendDurably(log, 40);
        LogSegment rolled = log.activeSegment();
        log.roll();
        assertEquals(rolled.sizeInBytes(), Files.size(rolled.log().file()));
        appendDurably(log, 40);
        long end = log.logEndOffset();
        LogSegment active = log.activeSegment();
        assertTrue(Files.size(active.log().file()) > active.sizeInBytes());
        manager.close();
        assertEquals(active.sizeInBytes(), Files.size(fileOf(dir.resolve(TP.toString()), active.baseOffset())));

        LogManager reopened = start(dir);
        RecoveryResult result = reopened.recoveryResults().get(TP);
        assertEquals(0, result.segmentsRecovered());
        assertEquals(end, result.logEndOffset());
        assertValuesAreTheirOffsets(reopened.getLog(TP), end);
        reopened.close();
    }

    @Test
    void aCrashWithZerosAheadRecoversEveryDurableBatch() throws Exception {
        Path dir = root.resolve("data");
        LogManager manager = start(dir);
        PartitionLog log = manager.getOrCreateLog(TP);
        appendDurably(log, 40);
        long end = log.logEndOffset();
        long zeros = log.activeSegment().log().prewrittenBytes();
        assertTrue(zeros > 0);
        Path crashed = LogRecoveryTest.copyOf(root, dir);
        manager.close();

        LogManager recovered = start(crashed);
        RecoveryResult result = recovered.recoveryResults().get(TP);
        assertEquals(end, result.logEndOffset());
        assertEquals(zeros, result.bytesTruncated(), "exactly the zeros are cut");
        assertEquals(0, result.segmentsDeleted());
        assertValuesAreTheirOffsets(recovered.getLog(TP), end);
        assertEquals(end, recovered.getLog(TP).appendAsLeader(Batches.of(1000, value(end)), 0).firstOffset());
        recovered.close();
    }

    /** A crash after a roll but before the trim of the older segment reached the disk. */
    @Test
    void zerosLeftAfterAnOlderSegmentAreCutAtLoadWithoutDroppingLaterSegments() throws Exception {
        Path dir = root.resolve("data");
        LogManager manager = start(dir);
        PartitionLog log = manager.getOrCreateLog(TP);
        appendDurably(log, 10);
        log.roll();
        appendDurably(log, 10);
        long end = log.logEndOffset();
        manager.close();
        Path first = fileOf(dir.resolve(TP.toString()), 0);
        long size = Files.size(first);
        try (FileChannel channel = FileChannel.open(first, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(300_000), size);
        }

        LogManager reopened = start(dir);
        RecoveryResult result = reopened.recoveryResults().get(TP);
        assertEquals(size, Files.size(first));
        assertEquals(0, result.segmentsRecovered());
        assertEquals(0, result.segmentsDeleted());
        assertEquals(end, result.logEndOffset());
        assertValuesAreTheirOffsets(reopened.getLog(TP), end);
        reopened.close();
    }

    @Test
    void aLogWithSmallSegmentsIsNeverPrewritten() throws Exception {
        LogManager manager = new LogManager(List.of(root.resolve("small")), CONFIG.withSegmentBytes(2 * 1024 * 1024), time, 1, 60_000, 60_000);
        manager.startup();
        PartitionLog log = manager.getOrCreateLog(TP);
        appendDurably(log, 40);
        assertEquals(0, log.activeSegment().log().prewrittenBytes());
        assertEquals(log.activeSegment().sizeInBytes(), Files.size(log.activeSegment().log().file()));
        manager.close();
    }
}
