package io.tributary.benchmarks.storage;

import io.tributary.records.CompressionType;
import io.tributary.records.MemoryRecords;
import io.tributary.records.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * One magic 2 batch as a Kafka producer with the default {@code batch.size} (16 KiB) sends it when
 * every record is 1 KiB: as many records as fit in 16 KiB uncompressed (15; 16 would be 16,589
 * bytes), so the batch itself is 15,556 bytes uncompressed. Records have a null key, a 1,024-byte
 * value, no headers, CreateTime timestamps, and no producer id (not idempotent: producer-state
 * checks are not part of what is measured). With lz4 the same 15 records are compressed.
 *
 * <p>Values are text-like: random 8-letter words from a 256-word vocabulary separated by spaces,
 * so lz4 finds matches as it would in JSON or log lines. (The content makes no difference to an
 * uncompressed append, which only checksums it.)
 *
 * <p>An append rewrites the batch header in place (base offset, leader epoch), so every append needs
 * bytes of its own: {@link #copyInto} copies the template over a caller-owned buffer, as if a new
 * produce request had just been read into it. Not thread-safe; one per benchmark thread.
 */
final class BatchTemplate {

    /** The producer's default {@code batch.size}. */
    static final int BATCH_SIZE_BYTES = 16 * 1024;
    static final int VALUE_SIZE_BYTES = 1024;
    private static final int VOCABULARY_WORDS = 256;
    private static final int WORD_LETTERS = 8;

    private final ByteBuffer bytes;
    private final int recordCount;

    private BatchTemplate(ByteBuffer bytes, int recordCount) {
        this.bytes = bytes;
        this.recordCount = recordCount;
    }

    /** A template of 1 KiB records in a 16 KiB producer batch, compressed with {@code compression}. */
    static BatchTemplate create(CompressionType compression, long timestampMs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[][] vocabulary = vocabulary(random);
        int recordCount = recordsPerUncompressedBatch(timestampMs);
        RecordBatchBuilder builder = new RecordBatchBuilder().compression(compression);
        for (int i = 0; i < recordCount; i++) {
            builder.append(timestampMs + i, null, value(vocabulary, random));
        }
        MemoryRecords batch = builder.build();
        ByteBuffer bytes = ByteBuffer.allocateDirect(batch.sizeInBytes());
        batch.copyTo(bytes);
        return new BatchTemplate(bytes.flip().asReadOnlyBuffer(), recordCount);
    }

    /** How many 1 KiB records a producer puts in one uncompressed batch of at most {@link #BATCH_SIZE_BYTES}. */
    private static int recordsPerUncompressedBatch(long timestampMs) {
        RecordBatchBuilder builder = new RecordBatchBuilder();
        byte[] value = new byte[VALUE_SIZE_BYTES];
        int count = 0;
        while (builder.append(timestampMs + count, null, value).build().sizeInBytes() <= BATCH_SIZE_BYTES) {
            count++;
        }
        return count;
    }

    private static byte[][] vocabulary(SplittableRandom random) {
        byte[][] words = new byte[VOCABULARY_WORDS][WORD_LETTERS];
        for (byte[] word : words) {
            for (int i = 0; i < word.length; i++) {
                word[i] = (byte) ('a' + random.nextInt(26));
            }
        }
        return words;
    }

    private static byte[] value(byte[][] vocabulary, SplittableRandom random) {
        ByteBuffer value = ByteBuffer.allocate(VALUE_SIZE_BYTES);
        while (value.hasRemaining()) {
            byte[] word = vocabulary[random.nextInt(vocabulary.length)];
            value.put(word, 0, Math.min(word.length, value.remaining()));
            if (value.hasRemaining()) {
                value.put((byte) ' ');
            }
        }
        return value.array();
    }

    int sizeInBytes() {
        return bytes.remaining();
    }

    int recordCount() {
        return recordCount;
    }

    /** A buffer of the template's size for {@link #copyInto}: direct, like the pooled buffers a network layer reads into, or heap. */
    ByteBuffer newScratch(boolean direct) {
        return direct ? ByteBuffer.allocateDirect(sizeInBytes()) : ByteBuffer.allocate(sizeInBytes());
    }

    /**
     * Overwrites {@code scratch} (from {@link #newScratch}) with the template's bytes. A
     * {@link MemoryRecords} made once over {@code scratch} then holds a fresh batch; nothing is
     * allocated.
     */
    void copyInto(ByteBuffer scratch) {
        scratch.put(0, bytes, 0, bytes.remaining());
    }
}
