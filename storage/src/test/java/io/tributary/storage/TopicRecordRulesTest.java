package io.tributary.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.ManualTime;
import io.tributary.records.CompressionType;
import io.tributary.records.MemoryRecords;
import io.tributary.records.RecordBatch;
import io.tributary.records.RecordBatchBuilder;
import io.tributary.records.TimestampType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The record-level rules of a topic's settings on append: timestamp bounds on CreateTime topics,
 * keys on compacted topics, and no producer-set LogAppendTime; Kafka's {@code LogValidator} messages.
 */
class TopicRecordRulesTest {

    private static final TopicPartition TP = new TopicPartition("orders", 0);
    private static final long NOW = 1_700_000_000_000L;
    private static final long BEFORE_MAX_MS = 60_000;
    private static final long AFTER_MAX_MS = 5_000;

    @TempDir
    Path dir;
    private final ManualTime time = new ManualTime(NOW);
    private LogManager manager;

    @AfterEach
    void close() throws Exception {
        if (manager != null) {
            manager.close();
        }
    }

    @Test
    void timestampsAtTheBoundsAreAccepted() throws Exception {
        PartitionLog log = open(bounded());
        log.appendAsLeader(batch(CompressionType.NONE, NOW - BEFORE_MAX_MS, NOW, NOW + AFTER_MAX_MS), 0);
        assertEquals(3, log.logEndOffset());
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"NONE", "ZSTD"})
    void aTimestampOneMillisecondTooOldIsRefused(CompressionType compression) throws Exception {
        PartitionLog log = open(bounded());
        RecordValidationException e = assertThrows(RecordValidationException.class,
                () -> log.appendAsLeader(batch(compression, NOW, NOW - BEFORE_MAX_MS - 1), 0));
        assertTrue(e.invalidTimestamp());
        assertEquals("One or more records have been rejected due to invalid timestamp", e.getMessage());
        assertEquals(List.of(new RecordError(1, "Timestamp " + (NOW - BEFORE_MAX_MS - 1) + " of message with offset 1 is out"
                + " of range. The timestamp should be within [" + (NOW - BEFORE_MAX_MS) + ", " + (NOW + AFTER_MAX_MS) + "]")),
                e.recordErrors());
        assertEquals(0, log.logEndOffset());
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"NONE", "LZ4"})
    void aTimestampOneMillisecondTooFarInTheFutureIsRefused(CompressionType compression) throws Exception {
        PartitionLog log = open(bounded());
        RecordValidationException e = assertThrows(RecordValidationException.class,
                () -> log.appendAsLeader(batch(compression, NOW + AFTER_MAX_MS + 1), 0));
        assertTrue(e.invalidTimestamp());
        assertEquals(0, e.recordErrors().get(0).batchIndex());
        assertEquals(0, log.logEndOffset());
    }

    @Test
    void everyRecordOutOfBoundsIsReported() throws Exception {
        PartitionLog log = open(bounded());
        RecordValidationException e = assertThrows(RecordValidationException.class,
                () -> log.appendAsLeader(batch(CompressionType.GZIP, 0L, NOW, NOW + 1_000_000), 0));
        assertEquals(List.of(0, 2), e.recordErrors().stream().map(RecordError::batchIndex).toList());
    }

    @Test
    void theDefaultsRefuseOnlyTimestampsMoreThanAnHourAhead() throws Exception {
        PartitionLog log = open(LogConfig.defaults());
        log.appendAsLeader(batch(CompressionType.NONE, 0L, NOW + 3_600_000), 0);
        assertThrows(RecordValidationException.class, () -> log.appendAsLeader(batch(CompressionType.NONE, NOW + 3_600_001), 0));
        assertEquals(2, log.logEndOffset());
    }

    @Test
    void boundsFollowTheBrokerClock() throws Exception {
        PartitionLog log = open(bounded());
        MemoryRecords future = batch(CompressionType.NONE, NOW + AFTER_MAX_MS + 1);
        assertThrows(RecordValidationException.class, () -> log.appendAsLeader(Batches.copy(future), 0));
        time.advance(1, java.util.concurrent.TimeUnit.MILLISECONDS);
        log.appendAsLeader(future, 0);
        assertEquals(1, log.logEndOffset());
    }

    @Test
    void logAppendTimeTopicsIgnoreTheBounds() throws Exception {
        PartitionLog log = open(bounded().toBuilder().logAppendTime(true).build());
        log.appendAsLeader(batch(CompressionType.NONE, 0L, NOW + 10 * AFTER_MAX_MS), 0);
        assertEquals(2, log.logEndOffset());
    }

    @Test
    void aProducerMayNotMarkABatchLogAppendTime() throws Exception {
        PartitionLog log = open(bounded().toBuilder().logAppendTime(true).build());
        MemoryRecords sent = new RecordBatchBuilder().logAppendTime(NOW).append(NOW, key("k"), key("v")).build();
        RecordValidationException e = assertThrows(RecordValidationException.class, () -> log.appendAsLeader(sent, 0));
        assertTrue(e.invalidTimestamp());
        assertTrue(e.recordErrors().get(0).message().endsWith("Producer should not set timestamp type to LogAppendTime."),
                e.recordErrors().get(0).message());
    }

    @Test
    void theStoredMaxTimestampIsTheRecordsNotTheProducersHeader() throws Exception {
        PartitionLog log = open(bounded());
        MemoryRecords sent = batch(CompressionType.GZIP, NOW - 10, NOW - 5);
        sent.firstBatch().setMaxTimestamp(TimestampType.CREATE_TIME, NOW + 365L * 24 * 3_600_000);

        LogAppendInfo info = log.appendAsLeader(sent, 0);

        RecordBatch stored = MemoryRecords.readableRecords(readAll(log)).firstBatch();
        assertEquals(NOW - 5, stored.maxTimestamp());
        assertTrue(stored.isValid());
        assertEquals(NOW - 5, info.maxTimestamp());
        assertEquals(NOW - 5, log.activeSegment().maxTimestampSoFar());
    }

    @Test
    void recordsWithoutTimestampPassTheBounds() throws Exception {
        PartitionLog log = open(bounded());
        log.appendAsLeader(batch(CompressionType.NONE, RecordBatch.NO_TIMESTAMP), 0);
        assertEquals(1, log.logEndOffset());
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"NONE", "SNAPPY"})
    void aCompactedTopicRefusesRecordsWithoutKey(CompressionType compression) throws Exception {
        PartitionLog log = open(LogConfig.builder().compactEnabled(true).deleteEnabled(false).build());
        MemoryRecords sent = new RecordBatchBuilder().compression(compression)
                .append(NOW, key("a"), key("1"))
                .append(NOW, null, key("2"))
                .append(NOW, key("c"), null)
                .append(NOW, null, key("4"))
                .build();

        RecordValidationException e = assertThrows(RecordValidationException.class, () -> log.appendAsLeader(sent, 0));

        assertFalse(e.invalidTimestamp());
        String message = "Compacted topic cannot accept message without key in topic partition orders-0";
        assertEquals(List.of(new RecordError(1, message), new RecordError(3, message)), e.recordErrors());
        assertEquals("One or more records have been rejected due to 2 record errors in total, and only showing the first"
                + " three errors at most: [RecordError(batchIndex=1, message='" + message + "'), RecordError(batchIndex=3,"
                + " message='" + message + "')]", e.getMessage());
        assertEquals(0, log.logEndOffset());
    }

    @Test
    void aCompactedTopicTakesKeyedRecordsAndTombstones() throws Exception {
        PartitionLog log = open(LogConfig.builder().compactEnabled(true).logAppendTime(true).build());
        log.appendAsLeader(new RecordBatchBuilder().append(NOW, key("a"), key("1")).append(NOW, key("a"), null).build(), 0);
        assertEquals(2, log.logEndOffset());
    }

    @Test
    void aMissingKeyIsReportedBeforeABadTimestamp() throws Exception {
        PartitionLog log = open(bounded().toBuilder().compactEnabled(true).build());
        RecordValidationException e = assertThrows(RecordValidationException.class,
                () -> log.appendAsLeader(new RecordBatchBuilder().append(0L, null, key("v")).build(), 0));
        assertFalse(e.invalidTimestamp());
        assertTrue(e.recordErrors().get(0).message().startsWith("Compacted topic cannot accept message without key"));
    }

    @Test
    void aRefusedBatchLeavesProducerStateAlone() throws Exception {
        PartitionLog log = open(bounded());
        MemoryRecords bad = new RecordBatchBuilder().producer(9L, (short) 0, 0).append(0L, key("k"), key("v")).build();
        assertThrows(RecordValidationException.class, () -> log.appendAsLeader(bad, 0));
        MemoryRecords good = new RecordBatchBuilder().producer(9L, (short) 0, 0).append(NOW, key("k"), key("v")).build();
        log.appendAsLeader(good, 0);
        assertEquals(1, log.logEndOffset());
    }

    private static java.nio.ByteBuffer readAll(PartitionLog log) {
        FetchDataInfo info = log.read(0, Integer.MAX_VALUE, log.logEndOffset(), true);
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(info.records().sizeInBytes());
        info.records().copyTo(bytes);
        return bytes.flip();
    }

    private LogConfig bounded() {
        return LogConfig.builder().timestampBeforeMaxMs(BEFORE_MAX_MS).timestampAfterMaxMs(AFTER_MAX_MS).build();
    }

    private PartitionLog open(LogConfig config) throws Exception {
        manager = new LogManager(List.of(dir), config, time, 1, 60_000, 60_000);
        manager.startup();
        return manager.getOrCreateLog(TP);
    }

    private static MemoryRecords batch(CompressionType compression, long... timestamps) {
        RecordBatchBuilder builder = new RecordBatchBuilder().compression(compression);
        for (int i = 0; i < timestamps.length; i++) {
            builder.append(timestamps[i], key("k" + i), key("v" + i));
        }
        return builder.build();
    }

    private static byte[] key(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
