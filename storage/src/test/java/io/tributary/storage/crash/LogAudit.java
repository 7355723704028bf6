package io.tributary.storage.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tributary.records.Record;
import io.tributary.records.RecordBatch;
import io.tributary.records.RecordBatchDescriptor;
import io.tributary.records.RecordIterator;
import io.tributary.storage.FetchDataInfo;
import io.tributary.storage.LogSegment;
import io.tributary.storage.PartitionLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Reads a partition log written by {@link OffsetValuedBatches} back in full and fails the test on
 * anything a consumer must never see: a partial batch, a batch failing its CRC, a missing,
 * duplicated or out-of-order offset, or a record that is not the one written at its offset.
 *
 * <p>It reads three ways, so that a fault in one read path cannot hide behind another: the
 * segment files byte by byte (every byte of every file must belong to a whole, valid batch), the
 * log segment by segment through {@link PartitionLog#read} (as a consumer does), and single
 * batches at random offsets (through the rebuilt offset indexes).
 */
final class LogAudit {

    /** What the audit read. */
    record Result(long logEndOffset, int segments, long batches, long bytes) {
    }

    private LogAudit() {
    }

    static Result audit(PartitionLog log, Random random) throws IOException {
        assertEquals(0, log.logStartOffset(), "nothing was deleted, so the log starts at offset 0");
        Result result = auditSegmentFiles(log);
        auditConsumerReads(log);
        auditPointReads(log, random, 20);
        return result;
    }

    /** Every byte of every segment file is part of a whole valid batch, and the segments continue each other. */
    private static Result auditSegmentFiles(PartitionLog log) throws IOException {
        long next = log.logStartOffset();
        long batches = 0;
        long bytes = 0;
        int segments = 0;
        for (LogSegment segment : log.segments()) {
            Path file = segment.log().file();
            ByteBuffer content = ByteBuffer.wrap(Files.readAllBytes(file));
            String where = file.getFileName().toString();
            assertEquals(segment.sizeInBytes(), content.remaining(), where + ": the file's length differs from the segment's size");
            assertEquals(next, segment.baseOffset(), where + ": the segment does not start where the previous one ended");
            BatchesRead read = checkBatches(content, next, where);
            next = read.nextOffset();
            batches += read.batches();
            bytes += content.remaining();
            segments++;
        }
        assertEquals(next, log.logEndOffset(), "the log end offset is not the offset after the last batch in the files");
        return new Result(next, segments, batches, bytes);
    }

    /** Reads from the log start to the log end, one read per segment, as a consumer would. */
    private static void auditConsumerReads(PartitionLog log) {
        long end = log.logEndOffset();
        long next = log.logStartOffset();
        while (next < end) {
            ByteBuffer content = copy(log.read(next, Integer.MAX_VALUE, end, true));
            assertTrue(content.hasRemaining(), "a read at offset " + next + " returned nothing below the log end offset " + end);
            next = checkBatches(content, next, "read at offset " + next).nextOffset();
        }
        assertEquals(end, next, "reads went past the log end offset");
    }

    /** Reads single batches at random offsets: each must hold the offset asked for, with its value. */
    private static void auditPointReads(PartitionLog log, Random random, int reads) {
        long end = log.logEndOffset();
        for (int i = 0; i < reads && end > 0; i++) {
            long offset = (long) (random.nextDouble() * end);
            ByteBuffer content = copy(log.read(offset, 1, end, true));
            String where = "read of one batch at offset " + offset;
            assertTrue(content.remaining() >= RecordBatchDescriptor.HEADER_SIZE_BYTES, where + " returned " + content.remaining() + " bytes");
            long base = content.getLong(RecordBatchDescriptor.BASE_OFFSET_OFFSET);
            assertTrue(base <= offset, where + " starts at batch " + base + ", after the offset");
            long next = checkBatches(content, base, where).nextOffset();
            assertTrue(offset < next, where + " returned batches ending at " + next + ", before the offset");
        }
    }

    record BatchesRead(long nextOffset, long batches) {
    }

    /**
     * Checks that {@code content} is a sequence of whole, valid batches holding consecutive offsets
     * from {@code expectedOffset}, each record with the value written at its offset.
     */
    static BatchesRead checkBatches(ByteBuffer content, long expectedOffset, String where) {
        int position = 0;
        long batches = 0;
        long next = expectedOffset;
        while (position < content.limit()) {
            int remaining = content.limit() - position;
            if (remaining < RecordBatchDescriptor.HEADER_SIZE_BYTES) {
                fail(where + ": the last " + remaining + " bytes, from position " + position + ", are a partial batch");
            }
            int size = content.getInt(position + RecordBatchDescriptor.BATCH_LENGTH_OFFSET) + RecordBatchDescriptor.LOG_OVERHEAD_BYTES;
            if (size < RecordBatchDescriptor.HEADER_SIZE_BYTES || size > remaining) {
                fail(where + ": the batch at position " + position + " declares " + size + " bytes but " + remaining + " remain");
            }
            RecordBatch batch = RecordBatch.wrap(content.slice(position, size));
            String batchWhere = where + ", batch at position " + position;
            assertTrue(batch.isValid(), batchWhere + ": CRC or framing check fails");
            assertEquals(next, batch.baseOffset(), batchWhere + ": does not continue the offsets");
            try (RecordIterator records = batch.records()) {
                while (records.hasNext()) {
                    Record record = records.next();
                    assertEquals(next, record.offset(), batchWhere + ": offsets within the batch are not consecutive");
                    assertEquals(OffsetValuedBatches.valueAt(next), StandardCharsets.UTF_8.decode(record.value()).toString(),
                            batchWhere + ": wrong record at offset " + next);
                    next++;
                }
            }
            assertEquals(batch.lastOffset() + 1, next, batchWhere + ": its records disagree with its last offset delta");
            position += size;
            batches++;
        }
        return new BatchesRead(next, batches);
    }

    private static ByteBuffer copy(FetchDataInfo info) {
        ByteBuffer bytes = ByteBuffer.allocate(info.records().sizeInBytes());
        info.records().copyTo(bytes);
        return bytes.flip();
    }
}
