package io.tributary.benchmarks;

import io.tributary.records.MemoryRecords;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * Uncompressed v2 record batches of an exact total size, for benchmarks that need a realistic
 * {@code records} payload. The protocol codec treats records as opaque bytes; these are laid out
 * as a producer would send them (16 KiB batches, the producer's default {@code batch.size}, of
 * ~1 KiB records with random values, correct lengths, counts and CRC-32C) so the payload stays
 * valid if a benchmark later validates or iterates the batches.
 *
 * <p>Written by hand because the records module has no batch builder yet; switch to it once it has.
 *
 * <p>Batch layout (61-byte header, big-endian):
 * <pre>
 *  0 baseOffset int64 |  8 batchLength int32 | 12 partitionLeaderEpoch int32 | 16 magic int8 (2)
 * 17 crc uint32 (CRC-32C of bytes 21..end) | 21 attributes int16 | 23 lastOffsetDelta int32
 * 27 baseTimestamp int64 | 35 maxTimestamp int64 | 43 producerId int64 | 51 producerEpoch int16
 * 53 baseSequence int32 | 57 recordsCount int32 | 61 records...
 * </pre>
 * Each record: length varint, attributes int8, timestampDelta varlong, offsetDelta varint,
 * keyLength varint (-1: null key), value length varint, value, header count varint (0).
 */
final class SyntheticRecordBatches {

    static final int BATCH_SIZE_BYTES = 16 * 1024;
    private static final int HEADER_SIZE_BYTES = 61;
    private static final int CRC_OFFSET = 17;
    private static final int ATTRIBUTES_OFFSET = 21;
    private static final int VALUE_SIZE_BYTES = 1000;
    /** Space left for the record that pads a batch to its exact size; keeps all its varints multi-byte. */
    private static final int MIN_LAST_RECORD_BYTES = 200;
    /** A batch smaller than this could not hold its header and one padding record. */
    static final int MIN_SIZE_BYTES = HEADER_SIZE_BYTES + MIN_LAST_RECORD_BYTES;
    private static final long BASE_TIMESTAMP_MS = 1_700_000_000_000L;

    private SyntheticRecordBatches() {
    }

    /** Exactly {@code sizeBytes} of batches in a new heap buffer, as a view. Deterministic per seed. */
    static MemoryRecords create(int sizeBytes, long seed) {
        if (sizeBytes < MIN_SIZE_BYTES) {
            throw new IllegalArgumentException("records size " + sizeBytes + " is below the minimum of " + MIN_SIZE_BYTES);
        }
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer buffer = ByteBuffer.allocate(sizeBytes);
        long baseOffset = 0;
        while (buffer.hasRemaining()) {
            int remaining = buffer.remaining();
            int batchSize = remaining - BATCH_SIZE_BYTES < MIN_SIZE_BYTES ? remaining : BATCH_SIZE_BYTES;
            baseOffset += writeBatch(buffer, batchSize, baseOffset, random);
        }
        return MemoryRecords.readableRecords(buffer.flip());
    }

    /** Writes one batch of exactly {@code batchSize} bytes and returns its record count. */
    private static int writeBatch(ByteBuffer buffer, int batchSize, long baseOffset, SplittableRandom random) {
        int start = buffer.position();
        buffer.position(start + HEADER_SIZE_BYTES);
        int end = start + batchSize;
        int count = 0;
        while (end - buffer.position() - recordSize(count, VALUE_SIZE_BYTES) >= MIN_LAST_RECORD_BYTES) {
            writeRecord(buffer, count++, VALUE_SIZE_BYTES, random);
        }
        int lastRecordBytes = end - buffer.position();
        writeRecord(buffer, count, paddingValueSize(count, lastRecordBytes), random);
        count++;
        if (buffer.position() != end) {
            throw new IllegalStateException("batch at " + start + " ended at " + buffer.position() + ", expected " + end);
        }

        buffer.putLong(start, baseOffset);
        buffer.putInt(start + 8, batchSize - 12);
        buffer.putInt(start + 12, 0);
        buffer.put(start + 16, (byte) 2);
        buffer.putShort(start + ATTRIBUTES_OFFSET, (short) 0);
        buffer.putInt(start + 23, count - 1);
        buffer.putLong(start + 27, BASE_TIMESTAMP_MS);
        buffer.putLong(start + 35, BASE_TIMESTAMP_MS + count - 1);
        buffer.putLong(start + 43, -1L);
        buffer.putShort(start + 51, (short) -1);
        buffer.putInt(start + 53, -1);
        buffer.putInt(start + 57, count);
        CRC32C crc = new CRC32C();
        crc.update(buffer.slice(start + ATTRIBUTES_OFFSET, batchSize - ATTRIBUTES_OFFSET));
        buffer.putInt(start + CRC_OFFSET, (int) crc.getValue());
        return count;
    }

    /** The value size that makes record {@code offsetDelta} occupy exactly {@code recordBytes}. */
    private static int paddingValueSize(int offsetDelta, int recordBytes) {
        for (int valueSize = recordBytes; valueSize >= 0; valueSize--) {
            if (recordSize(offsetDelta, valueSize) == recordBytes) {
                return valueSize;
            }
        }
        throw new IllegalStateException("no record of offset delta " + offsetDelta + " is exactly " + recordBytes + " bytes");
    }

    /**
     * Timestamp delta equals offset delta (a varlong, encoded like a varint for values that fit in
     * an int); the key is null; no headers.
     */
    private static int bodySize(int offsetDelta, int valueSize) {
        return 1 + varintSize(offsetDelta) + varintSize(offsetDelta) + varintSize(-1)
                + varintSize(valueSize) + valueSize + varintSize(0);
    }

    private static int recordSize(int offsetDelta, int valueSize) {
        int body = bodySize(offsetDelta, valueSize);
        return varintSize(body) + body;
    }

    private static void writeRecord(ByteBuffer buffer, int offsetDelta, int valueSize, SplittableRandom random) {
        writeVarint(buffer, bodySize(offsetDelta, valueSize));
        buffer.put((byte) 0);
        writeVarint(buffer, offsetDelta);
        writeVarint(buffer, offsetDelta);
        writeVarint(buffer, -1);
        writeVarint(buffer, valueSize);
        for (int i = 0; i < valueSize; i++) {
            buffer.put((byte) random.nextInt(256));
        }
        writeVarint(buffer, 0);
    }

    /** Kafka's record varints are zig-zag encoded. */
    private static void writeVarint(ByteBuffer buffer, int value) {
        int zigZag = (value << 1) ^ (value >> 31);
        while ((zigZag & ~0x7F) != 0) {
            buffer.put((byte) ((zigZag & 0x7F) | 0x80));
            zigZag >>>= 7;
        }
        buffer.put((byte) zigZag);
    }

    private static int varintSize(int value) {
        int zigZag = (value << 1) ^ (value >> 31);
        return (32 - Integer.numberOfLeadingZeros(zigZag | 1) + 6) / 7;
    }
}
