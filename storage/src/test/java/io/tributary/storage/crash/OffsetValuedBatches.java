package io.tributary.storage.crash;

import io.tributary.records.CompressionType;
import io.tributary.records.Header;
import io.tributary.records.MemoryRecords;
import io.tributary.records.RecordBatchBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Batches whose content follows from the offsets they are about to get: the record that lands at
 * offset {@code n} holds the value {@code "offset-n"}. A reader of a recovered log can then tell,
 * for every offset, whether it holds the right record, without a record of what was written.
 *
 * <p>Only a single appender knows the offsets in advance (the log end offset before its append),
 * which is how the crash workloads append.
 */
final class OffsetValuedBatches {

    static final int MAX_RECORDS_PER_BATCH = 20;

    private static final CompressionType[] CODECS = CompressionType.values();

    private OffsetValuedBatches() {
    }

    /** The value every record at {@code offset} must hold. */
    static String valueAt(long offset) {
        return "offset-" + offset;
    }

    /**
     * A batch for offsets {@code firstOffset} onwards, shaped by {@code random}: 1 to
     * {@value #MAX_RECORDS_PER_BATCH} records, uncompressed half of the time and otherwise in any
     * codec, and one batch in ten with a header of up to {@code maxPaddingBytes} incompressible
     * bytes on one record, so batch sizes vary from tens of bytes to many pages and segments roll
     * at unpredictable batch boundaries.
     */
    static MemoryRecords random(long firstOffset, Random random, long timestamp, int maxPaddingBytes) {
        int records = 1 + random.nextInt(MAX_RECORDS_PER_BATCH);
        CompressionType codec = random.nextBoolean() ? CompressionType.NONE : CODECS[random.nextInt(CODECS.length)];
        int paddedRecord = random.nextInt(10) == 0 ? random.nextInt(records) : -1;
        RecordBatchBuilder builder = new RecordBatchBuilder().compression(codec);
        for (int i = 0; i < records; i++) {
            byte[] value = valueAt(firstOffset + i).getBytes(StandardCharsets.UTF_8);
            if (i == paddedRecord) {
                byte[] padding = new byte[1 + random.nextInt(maxPaddingBytes)];
                random.nextBytes(padding);
                builder.append(timestamp, null, value, new Header("padding", padding));
            } else {
                builder.append(timestamp, null, value);
            }
        }
        return builder.build();
    }
}
