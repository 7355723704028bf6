package io.tributary.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.ManualTime;
import io.tributary.records.CompressionType;
import io.tributary.records.MemoryRecords;
import io.tributary.records.RecordBatch;
import io.tributary.records.TimestampType;
import io.tributary.storage.index.TimestampOffset;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionLogTest {

    private static final TopicPartition TP = new TopicPartition("orders", 0);

    @TempDir
    Path dir;
    private final ManualTime time = new ManualTime();
    private LogManager manager;

    private PartitionLog open(LogConfig config) throws Exception {
        manager = new LogManager(List.of(dir), config, time, 1, 60_000, 60_000);
        manager.startup();
        return manager.getOrCreateLog(TP);
    }

    @AfterEach
    void close() throws Exception {
        if (manager != null) {
            manager.close();
        }
    }

    @Test
    void appendAssignsConsecutiveOffsetsFromTheLogEnd() throws Exception {
        PartitionLog log = open(LogConfig.defaults());
        LogAppendInfo first = log.appendAsLeader(Batches.of(1000, "a", "b", "c"), 0);
        LogAppendInfo second = log.appendAsLeader(Batches.of(1000, "d"), 0);
        assertEquals(0, first.firstOffset());
        assertEquals(2, first.lastOffset());
        assertEquals(3, second.firstOffset());
        assertEquals(4, log.logEndOffset());
        assertEquals(List.of("0:a", "1:b", "2:c", "3:d"), Batches.values(log.read(0, 1 << 20, 4, true), 0));
    }

    @Test
    void appendStampsTheLeaderEpochIntoTheBatch() throws Exception {
        PartitionLog log = open(LogConfig.defaults());
        log.appendAsLeader(Batches.of(1000, "a"), 7);
        RecordBatch batch = readBatches(log, 0).get(0);
        assertEquals(7, batch.partitionLeaderEpoch());
        assertTrue(batch.isValid());
    }

    @Test
    void logAppendTimeTopicsGetTheBrokerTimeAndAValidCrc() throws Exception {
        PartitionLog log = open(LogConfig.defaults().withLogAppendTime(true));
        LogAppendInfo info = log.appendAsLeader(Batches.of(5, "a", "b"), 0);
        assertEquals(time.milliseconds(), info.logAppendTimeMs());
        RecordBatch batch = readBatches(log, 0).get(0);
        assertEquals(TimestampType.LOG_APPEND_TIME, batch.timestampType());
        assertEquals(time.milliseconds(), batch.maxTimestamp());
        assertTrue(batch.isValid());
    }

    @Test
    void readStartsAtTheBatchHoldingTheOffset() throws Exception {
        PartitionLog log = open(LogConfig.defaults());
        log.appendAsLeader(Batches.of(1000, "a", "b", "c"), 0);
        log.appendAsLeader(Batches.of(1000, "d", "e"), 0);
        FetchDataInfo info = log.read(4, 1 << 20, 5, true);
        assertEquals(List.of("4:e"), Batches.values(info, 4));
        assertEquals(3, readBatches(info).get(0).baseOffset());
    }

    @Test
    void fetchAtOrBeyondTheBoundReturnsNoRecords() throws Exception {
        PartitionLog log = open(LogConfig.defaults());
        log.appendAsLeader(Batches.of(1000, "a", "b"), 0);
        log.appendAsLeader(Batches.of(1000, "c"), 0);
        assertEquals(0, log.read(2, 1 << 20, 2, true).records().sizeInBytes());
        assertEquals(List.of("0:a", "1:b"), Batches.values(log.read(0, 1 << 20, 2, true), 0));
    }

    @Test
    void offsetsOutsideTheLogAreOutOfRange() throws Exception {
        PartitionLog log = open(LogConfig.defaults());
        log.appendAsLeader(Batches.of(1000, "a"), 0);
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(2, 100, 10, true));
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(-1, 100, 10, true));
        assertEquals(0, log.read(1, 100, 10, true).records().sizeInBytes());
    }

    @Test
    void firstBatchIsReturnedWholeEvenWhenLargerThanTheLimit() throws Exception {
        PartitionLog log = open(LogConfig.defaults());
        log.appendAsLeader(Batches.ofSize(5000, 1000), 0);
        log.appendAsLeader(Batches.ofSize(10, 1000), 0);
        FetchDataInfo whole = log.read(0, 100, 2, true);
        assertEquals(1, readBatches(whole).size());
        assertTrue(whole.records().sizeInBytes() > 5000);
        assertEquals(100, log.read(0, 100, 2, false).records().sizeInBytes());
    }

    @Test
    void segmentRollsWhenTheNextBatchWouldExceedSegmentBytes() throws Exception {
        PartitionLog log = open(LogConfig.defaults().withSegmentBytes(1000));
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(Batches.ofSize(300, 1000), 0);
        }
        assertTrue(log.segments().size() >= 4, "segments: " + log.segments());
        for (LogSegment segment : log.segments()) {
            assertTrue(segment.sizeInBytes() <= 1000, segment.toString());
        }
        assertEquals(10, readAll(log).size());
    }

    @Test
    void segmentRollsWhenOlderThanSegmentMs() throws Exception {
        PartitionLog log = open(LogConfig.defaults().withSegmentMs(1000));
        log.appendAsLeader(Batches.of(1000, "a"), 0);
        log.appendAsLeader(Batches.of(1000, "b"), 0);
        assertEquals(1, log.segments().size());
        time.advance(1001, TimeUnit.MILLISECONDS);
        log.appendAsLeader(Batches.of(1000, "c"), 0);
        assertEquals(2, log.segments().size());
        assertEquals(2, log.activeSegment().baseOffset());
    }

    @Test
    void segmentRollsWhenTheOffsetIndexIsFull() throws Exception {
        PartitionLog log = open(LogConfig.defaults().withIndexIntervalBytes(1).withSegmentIndexBytes(32));
        for (int i = 0; i < 20; i++) {
            log.appendAsLeader(Batches.of(1000, "v" + i), 0);
        }
        assertTrue(log.segments().size() > 1);
        assertEquals(List.of("19:v19"), Batches.values(log.read(19, 1 << 20, 20, true), 19));
    }

    @Test
    void corruptBatchIsRefusedAndNothingIsWritten() throws Exception {
        PartitionLog log = open(LogConfig.defaults());
        MemoryRecords records = Batches.of(1000, "a", "b");
        ByteBuffer bytes = records.buffer();
        bytes.put(bytes.limit() - 1, (byte) (bytes.get(bytes.limit() - 1) ^ 0x55));
        assertThrows(CorruptBatchException.class, () -> log.appendAsLeader(MemoryRecords.readableRecords(bytes), 0));
        assertEquals(0, log.logEndOffset());
        assertEquals(0, log.activeSegment().sizeInBytes());
    }

    @Test
    void batchOverMaxMessageBytesIsRecordTooLarge() throws Exception {
        PartitionLog log = open(LogConfig.defaults().withMaxMessageBytes(500));
        assertThrows(RecordTooLargeException.class, () -> log.appendAsLeader(Batches.ofSize(1000, 1000), 0));
        assertEquals(0, log.activeSegment().sizeInBytes());
    }

    @Test
    void uncompressedBatchWhoseCountDisagreesWithItsOffsetsIsInvalid() throws Exception {
        PartitionLog log = open(LogConfig.defaults());
        MemoryRecords records = Batches.of(1000, "a", "b");
        ByteBuffer bytes = records.buffer();
        bytes.putInt(io.tributary.records.RecordBatchDescriptor.RECORD_COUNT_OFFSET, 5);
        RecordBatch.wrap(bytes).setBaseOffset(0); // keep the header otherwise intact
        fixCrc(bytes);
        assertThrows(InvalidBatchException.class, () -> log.appendAsLeader(MemoryRecords.readableRecords(bytes), 0));
    }

    @Test
    void truncatedTrailingBytesAreCorrupt() throws Exception {
        PartitionLog log = open(LogConfig.defaults());
        ByteBuffer bytes = Batches.of(1000, "a").buffer();
        bytes.limit(bytes.limit() - 3);
        assertThrows(CorruptBatchException.class, () -> log.appendAsLeader(MemoryRecords.readableRecords(bytes), 0));
    }

    @Test
    void compressedBatchesAreAppendedAndReadBack() throws Exception {
        PartitionLog log = open(LogConfig.defaults());
        for (CompressionType type : CompressionType.values()) {
            log.appendAsLeader(Batches.of(type, 1000, type.name() + "-1", type.name() + "-2"), 0);
        }
        List<String> values = Batches.values(log.read(0, 1 << 20, log.logEndOffset(), true), 0);
        assertEquals(2 * CompressionType.values().length, values.size());
        assertEquals("0:NONE-1", values.get(0));
    }

    @Test
    void awaitDurableCompletesOnceTheOffsetIsFsynced() throws Exception {
        PartitionLog log = open(LogConfig.defaults());
        List<CompletableFuture<Void>> waits = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            LogAppendInfo info = log.appendAsLeader(Batches.of(1000, "v" + i), 0);
            waits.add(log.awaitDurable(info.lastOffset()));
        }
        CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertEquals(50, log.recoveryPoint());
        assertTrue(log.awaitDurable(49).isDone());
        assertFalse(log.awaitDurable(50).isDone(), "offset 50 is not written yet, so it cannot be durable");
    }

    @Test
    void truncateRemovesEveryOffsetFromTheTarget() throws Exception {
        PartitionLog log = open(LogConfig.defaults().withSegmentBytes(200));
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(Batches.of(1000, "v" + i), 0);
        }
        log.truncateTo(4);
        assertEquals(4, log.logEndOffset());
        assertEquals(List.of("0:v0", "1:v1", "2:v2", "3:v3"), readAll(log));
        assertEquals(4, log.appendAsLeader(Batches.of(1000, "again"), 0).firstOffset());
    }

    @Test
    void offsetForTimestampIsTheFirstRecordAtOrAfterIt() throws Exception {
        PartitionLog log = open(LogConfig.defaults().withIndexIntervalBytes(1).withSegmentBytes(300));
        for (int i = 0; i < 20; i++) {
            log.appendAsLeader(Batches.of(10_000 + i * 100L, "v" + i), 0);
        }
        TimestampOffset found = log.fetchOffsetByTimestamp(10_550);
        assertEquals(6, found.offset());
        assertEquals(10_600, found.timestamp());
        assertEquals(0, log.fetchOffsetByTimestamp(0).offset());
        assertNull(log.fetchOffsetByTimestamp(99_999));
    }

    /** Reads the whole log the way a consumer does: one read per segment, from where the last ended. */
    static List<String> readAll(PartitionLog log) {
        List<String> values = new ArrayList<>();
        long next = log.logStartOffset();
        while (next < log.logEndOffset()) {
            List<String> got = Batches.values(log.read(next, 1 << 20, log.logEndOffset(), true), next);
            if (got.isEmpty()) {
                throw new AssertionError("no progress at offset " + next);
            }
            values.addAll(got);
            String last = got.get(got.size() - 1);
            next = Long.parseLong(last.substring(0, last.indexOf(':'))) + 1;
        }
        return values;
    }

    private static List<RecordBatch> readBatches(PartitionLog log, long offset) {
        return readBatches(log.read(offset, 1 << 20, log.logEndOffset(), true));
    }

    private static List<RecordBatch> readBatches(FetchDataInfo info) {
        ByteBuffer bytes = ByteBuffer.allocate(info.records().sizeInBytes());
        info.records().copyTo(bytes);
        List<RecordBatch> batches = new ArrayList<>();
        MemoryRecords.readableRecords(bytes.flip()).batches().forEach(batches::add);
        return batches;
    }

    private static void fixCrc(ByteBuffer batch) {
        RecordBatch view = RecordBatch.wrap(batch);
        batch.putInt(io.tributary.records.RecordBatchDescriptor.CRC_OFFSET, (int) view.computeChecksum());
    }
}
