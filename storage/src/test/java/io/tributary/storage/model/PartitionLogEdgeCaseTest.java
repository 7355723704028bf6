package io.tributary.storage.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.records.MemoryRecords;
import io.tributary.records.RecordBatchBuilder;
import io.tributary.storage.LogConfig;
import io.tributary.storage.LogSegment;
import io.tributary.storage.PartitionLog;
import io.tributary.storage.RecoveryResult;
import io.tributary.storage.index.TimestampOffset;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Edges of the partition log found or sharpened by {@link PartitionLogModelPropertyTest}, each as
 * the smallest example; each one was a bug, fixed in LogSegment, and stays as a regression test.
 */
class PartitionLogEdgeCaseTest {

    private static final long T = 1_700_000_000_000L;

    private LogUnderTest underTest;

    private PartitionLog open(LogConfig config) {
        underTest = LogUnderTest.create(config);
        return underTest.log();
    }

    @AfterEach
    void close() {
        if (underTest != null) {
            underTest.close();
        }
    }

    /**
     * BUG: {@code LogSegment.append} adds an index entry per batch but the log checks for a full
     * index only once per append, so a request of several batches overflows a nearly full index:
     * {@code IllegalStateException} from {@code TimeIndex.maybeAppend} after the offset index has
     * already taken entries for bytes that are never written.
     */
    @Test
    void appendOfSeveralBatchesDoesNotOverflowANearlyFullIndex() {
        PartitionLog log = open(smallIndexes(32));
        log.appendAsLeader(concat(batch("a", T), batch("b", T + 1), batch("c", T + 2)), 0);
        assertEquals(List.of("0:a", "1:b", "2:c"), values(log));
    }

    /**
     * BUG: after the overflow above, the offset index keeps entries for offsets that were never
     * appended, so every later append to the segment fails with {@code IllegalArgumentException}
     * ("offset 0 is not larger than the last offset in the index, 2"): the partition is wedged
     * until something rolls it. However the fix treats several batches per request, a failed
     * append must leave the log appendable.
     */
    @Test
    void logStaysAppendableAfterAMultiBatchAppendFails() {
        PartitionLog log = open(smallIndexes(32));
        try {
            log.appendAsLeader(concat(batch("a", T), batch("b", T + 1), batch("c", T + 2)), 0);
        } catch (RuntimeException refused) {
            // refusing several batches per request would be acceptable (Kafka's produce path does)
        }
        long first = log.logEndOffset();
        log.appendAsLeader(batch("d", T + 3), 0);
        assertEquals(first + 1, log.logEndOffset());
    }

    /**
     * Regression (found by the model property, fixed in 7e0cc31): {@code LogSegment.close} must
     * record the segment's largest timestamp in the time index, as Kafka's does. Before, after a
     * clean restart the active segment's {@code maxTimestampSoFar} was its last sparse entry
     * (here none: -1), the roll wrote that, and {@code fetchOffsetByTimestamp} skipped the
     * segment, returning null instead of offset 0.
     */
    @Test
    void timestampLookupFindsRecordsOfASegmentThatWasActiveAtACleanShutdown() {
        PartitionLog log = open(LogConfig.defaults());
        log.appendAsLeader(batch("a", T + 1000), 0);
        underTest.cleanRestart();
        log = underTest.log();
        log.roll();
        log.appendAsLeader(batch("b", T + 500), 0);
        assertEquals(new TimestampOffset(T + 1000, 0), log.fetchOffsetByTimestamp(T + 1000));
    }

    /**
     * BUG: {@code LogSegment.truncateTo} takes the segment's largest timestamp from the last
     * remaining time index entry; the index is sparse, so records after that entry are ignored
     * (Kafka rescans them, {@code loadLargestTimestamp}). Truncating away the only entry makes the
     * maximum -1, the next roll records that, and the lookup skips offset 0.
     */
    @Test
    void timestampLookupAfterTruncationStillFindsTheRecordsBeforeIt() {
        PartitionLog log = open(LogConfig.defaults().withIndexIntervalBytes(0));
        log.appendAsLeader(batch("a", T + 1000), 0);
        log.appendAsLeader(batch("b", T + 2000), 0); // indexed as (T + 2000, 1)
        log.truncateTo(1);
        log.roll();
        log.appendAsLeader(batch("c", T + 500), 0);
        assertEquals(new TimestampOffset(T + 1000, 0), log.fetchOffsetByTimestamp(T + 1000));
    }

    /**
     * BUG: a roll trims the old segment's indexes to their entries; when truncation makes that
     * segment active again its indexes are not grown back (Kafka's {@code LogSegment.truncateTo}
     * resizes them). With records without timestamps (-1, which Kafka accepts) the time index was
     * trimmed to 0 bytes, so after new appends the next roll finds no slot for the segment's
     * largest timestamp: {@code IllegalStateException: index is full (0 entries, 0 bytes)}.
     */
    @Test
    void rollOfASegmentReactivatedByTruncationSucceeds() {
        PartitionLog log = open(LogConfig.defaults());
        log.appendAsLeader(batch("no-timestamp", -1), 0);
        log.roll();
        log.appendAsLeader(batch("a", T), 0);
        log.truncateTo(0);
        log.appendAsLeader(batch("b", T + 1), 0);
        LogSegment active = log.roll();
        assertEquals(1, active.baseOffset());
        assertEquals(new TimestampOffset(T + 1, 0), log.fetchOffsetByTimestamp(T));
    }

    /**
     * BUG: the same 0-byte time index as above, met by a clean shutdown: since 7e0cc31
     * {@code LogSegment.close} writes the largest timestamp into the reserved slot, which this
     * index does not have, so {@code LogManager.close} fails with {@code IllegalStateException}
     * and the next start is an unclean one.
     */
    @Test
    void cleanShutdownAfterAppendsToASegmentReactivatedByTruncationSucceeds() {
        PartitionLog log = open(LogConfig.defaults());
        log.appendAsLeader(batch("no-timestamp", -1), 0);
        log.roll();
        log.appendAsLeader(batch("a", T), 0);
        log.truncateTo(0);
        log.appendAsLeader(batch("b", T + 1), 0);
        RecoveryResult result = underTest.cleanRestart();
        assertEquals(0, result.segmentsRecovered());
        assertEquals(List.of("0:b"), values(underTest.log()));
    }

    /**
     * BUG: recovery rebuilds the indexes with the byte counter running from the segment's start,
     * but live appends restart it after a truncation (and at every open), so recovery can want
     * more index entries than the live segment had room for. It does not check for a full index,
     * and loading fails ({@code IllegalStateException: the time index is full}): after a crash
     * the broker cannot start. A sparse index may skip entries; recovery must never fail on bytes
     * the broker wrote itself.
     */
    @Test
    void crashRecoveryOfASegmentWrittenAcrossATruncationSucceeds() {
        PartitionLog log = open(smallIndexes(36)); // three time index slots, one of them kept for the roll
        log.appendAsLeader(batch("a", T), 0);
        log.appendAsLeader(batch("b", T + 1), 0); // indexed
        log.appendAsLeader(batch("c", T + 2), 0); // indexed
        log.truncateTo(2);
        log.appendAsLeader(batch("c2", T + 3), 0); // not indexed: the byte counter restarted at 0
        log.appendAsLeader(batch("d", T + 4), 0); // indexed; the time index is now full
        RecoveryResult result = underTest.crashRestart(LogUnderTest.PartitionDirDamage.NONE);
        assertEquals(4, result.logEndOffset());
        assertEquals(List.of("0:a", "1:b", "2:c2", "3:d"), values(underTest.log()));
    }

    /**
     * BUG (configuration): {@code LogConfig} accepts {@code segment.index.bytes} from 8, but a
     * time index needs 12 bytes per entry, so creating a log with 8 to 11 fails with an
     * {@code IllegalArgumentException} from {@code AbstractIndex}. Either the config refuses the
     * value, naming the key, or a log with it works (Kafka accepts 4 and rolls on every append).
     */
    @Test
    void smallestAcceptedSegmentIndexBytesEitherFailsValidationOrWorks() {
        LogConfig config;
        try {
            config = LogConfig.defaults().withSegmentIndexBytes(8);
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage().contains("segment.index.bytes"), refused.getMessage());
            return;
        }
        PartitionLog log = open(config);
        log.appendAsLeader(batch("a", T), 0);
        log.appendAsLeader(batch("b", T), 0);
        assertEquals(List.of("0:a", "1:b"), values(log));
    }

    /**
     * A bound inside the batch holding the start offset gives nothing, even with
     * {@code minOneMessage}: returning the batch would expose offsets at or past the bound. A
     * high watermark is always at a batch boundary, so a consumer is never stuck on this.
     */
    @Test
    void boundInsideTheFirstBatchReturnsNothingEvenWithMinOneMessage() {
        PartitionLog log = open(LogConfig.defaults());
        log.appendAsLeader(batch(T, "a", "b", "c"), 0);
        assertEquals(0, log.read(0, 1 << 20, 2, true).records().sizeInBytes());
        assertEquals(3, FetchedBytes.of(log.read(0, 1 << 20, 3, true).records()).records().size());
    }

    /**
     * Truncating to an offset inside a batch removes the whole batch: the log end offset becomes
     * the batch's base offset. (Kafka's {@code truncateTo} would set the log end offset to the
     * target and expects the target at a boundary; ending at the real data is the safer reading.)
     */
    @Test
    void truncationInsideABatchRemovesTheWholeBatch() {
        PartitionLog log = open(LogConfig.defaults());
        log.appendAsLeader(batch(T, "a"), 0);
        log.appendAsLeader(batch(T, "b", "c", "d"), 0);
        log.truncateTo(2);
        assertEquals(1, log.logEndOffset());
        assertEquals(List.of("0:a"), values(log));
    }

    /**
     * A crash that loses unflushed bytes mid-batch: recovery ends the log at the last whole batch
     * and reports the torn bytes; everything below the recovery point survives.
     */
    @Test
    void crashWithATornTailRecoversToTheLastWholeBatch() throws Exception {
        PartitionLog log = open(LogConfig.defaults());
        log.appendAsLeader(batch("a", T), 0);
        log.awaitDurable(0).get();
        MemoryRecords unflushed = batch("b", T);
        int unflushedBytes = unflushed.sizeInBytes();
        log.appendAsLeader(unflushed, 0);
        RecoveryResult result = underTest.crashRestart(dir -> {
            try (FileChannel file = FileChannel.open(LogSegment.file(dir, 0, LogSegment.LOG_SUFFIX), StandardOpenOption.WRITE)) {
                file.truncate(file.size() - unflushedBytes / 2);
            }
        });
        assertEquals(1, result.logEndOffset());
        assertEquals(unflushedBytes - unflushedBytes / 2, result.bytesTruncated());
        assertEquals(List.of("0:a"), values(underTest.log()));
    }

    // ---- helpers

    private static LogConfig smallIndexes(int segmentIndexBytes) {
        return LogConfig.defaults().withSegmentIndexBytes(segmentIndexBytes).withIndexIntervalBytes(0);
    }

    /** One batch holding one record with value {@code value} at {@code timestamp}. */
    private static MemoryRecords batch(String value, long timestamp) {
        return new RecordBatchBuilder().append(timestamp, null, value.getBytes(StandardCharsets.US_ASCII)).build();
    }

    /** One batch holding a record per value, all at {@code timestamp}. */
    private static MemoryRecords batch(long timestamp, String... values) {
        RecordBatchBuilder builder = new RecordBatchBuilder();
        for (String value : values) {
            builder.append(timestamp, null, value.getBytes(StandardCharsets.US_ASCII));
        }
        return builder.build();
    }

    /** One produce request holding the batches, as a client may send several. */
    private static MemoryRecords concat(MemoryRecords... batches) {
        int size = 0;
        for (MemoryRecords batch : batches) {
            size += batch.sizeInBytes();
        }
        ByteBuffer request = ByteBuffer.allocate(size);
        for (MemoryRecords batch : batches) {
            batch.copyTo(request);
        }
        return MemoryRecords.readableRecords(request.flip());
    }

    /** Every record of the log as "offset:value", read as a consumer reads. */
    private static List<String> values(PartitionLog log) {
        List<String> values = new ArrayList<>();
        long next = 0;
        while (next < log.logEndOffset()) {
            long from = next;
            List<LogModel.ModelRecord> records = FetchedBytes.of(log.read(from, 1 << 20, log.logEndOffset(), true).records())
                    .records().stream().filter(r -> r.offset() >= from).toList();
            assertTrue(!records.isEmpty(), "no record returned at offset " + from);
            records.forEach(r -> values.add(r.offset() + ":" + r.value()));
            next = records.get(records.size() - 1).offset() + 1;
        }
        return values;
    }
}
