package io.tributary.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.ManualTime;
import io.tributary.records.CompressionType;
import io.tributary.records.Header;
import io.tributary.records.MemoryRecords;
import io.tributary.records.Record;
import io.tributary.records.RecordBatch;
import io.tributary.records.RecordBatchBuilder;
import io.tributary.records.RecordIterator;
import io.tributary.storage.BatchValidator.ValidatedBatches;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Broker-side recompression for {@code compression.type}: what is stored, and what is kept. */
class BatchRecompressorTest {

    private static final TopicPartition TP = new TopicPartition("orders", 0);
    private static final long NOW = 1_700_000_000_000L;

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

    static Stream<Arguments> everyCodecPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (CompressionType source : CompressionType.values()) {
            for (CompressionType target : CompressionType.values()) {
                pairs.add(Arguments.of(source, target));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyCodecPair")
    void storesTheTopicsCodecAndKeepsEveryRecord(CompressionType source, CompressionType target) throws Exception {
        PartitionLog log = open(LogConfig.builder().compression(TargetCompression.of(target, defaultLevel(target))).build());
        MemoryRecords sent = idempotentBatch(source, false);
        List<String> expected = describeRecords(sent.firstBatch());

        LogAppendInfo info = log.appendAsLeader(Batches.copy(sent), 3);

        RecordBatch stored = storedBatches(log).get(0);
        assertEquals(target, stored.compressionType());
        assertTrue(stored.isValid(), "CRC of the stored batch");
        assertEquals(0, stored.baseOffset());
        assertEquals(3, stored.partitionLeaderEpoch());
        assertEquals(4, info.recordCount());
        assertEquals(expected, describeRecords(stored));
        assertEquals(log.logEndOffset(), stored.nextOffset());
    }

    @Test
    void keepsProducerIdEpochSequenceAndTransactionalFlag() {
        RecordBatch original = idempotentBatch(CompressionType.GZIP, true).firstBatch();
        RecordBatch converted = BatchRecompressor.recompress(original, TargetCompression.of(CompressionType.ZSTD, 3));
        assertEquals(CompressionType.ZSTD, converted.compressionType());
        assertEquals(4242L, converted.producerId());
        assertEquals((short) 7, converted.producerEpoch());
        assertEquals(100, converted.baseSequence());
        assertEquals(original.lastSequence(), converted.lastSequence());
        assertTrue(converted.isTransactional());
        assertFalse(converted.isControlBatch());
        assertEquals(original.maxTimestamp(), converted.maxTimestamp());
        assertEquals(original.recordCount(), converted.recordCount());
        assertTrue(converted.isValid());
    }

    @Test
    void aBatchAlreadyInTheTopicsCodecIsStoredAsSentWhateverItsLevel() throws Exception {
        PartitionLog log = open(LogConfig.builder().compression(TargetCompression.of(CompressionType.GZIP, 9)).build());
        MemoryRecords sent = new RecordBatchBuilder().compression(CompressionType.GZIP, 1)
                .append(NOW, bytes("k"), bytes("value value value value")).build();
        byte[] sentBytes = bytesOf(sent);

        log.appendAsLeader(Batches.copy(sent), 0);

        RecordBatch stored = storedBatches(log).get(0);
        byte[] storedPayload = bytesOf(stored);
        // Only the base offset and leader epoch (outside the CRC) may differ; the payload and CRC are the producer's.
        assertEquals(sent.firstBatch().checksum(), stored.checksum());
        assertArrayEquals(java.util.Arrays.copyOfRange(sentBytes, 17, sentBytes.length),
                java.util.Arrays.copyOfRange(storedPayload, 17, storedPayload.length));
    }

    @Test
    void producerKeepsEveryCodecAndAllocatesNoNewBatches() {
        MemoryRecords sent = Batches.of(CompressionType.LZ4, NOW, "a", "b");
        ValidatedBatches validated = BatchValidator.validate(sent, LogConfig.defaults(), TP, NOW);
        assertSame(validated, BatchRecompressor.toTargetCodec(validated, LogConfig.defaults(), TP));
        LogConfig lz4 = LogConfig.builder().compression(TargetCompression.of(CompressionType.LZ4, 9)).build();
        assertSame(validated, BatchRecompressor.toTargetCodec(validated, lz4, TP));
    }

    @Test
    void uncompressedStoresCompressedBatchesUncompressed() throws Exception {
        PartitionLog log = open(LogConfig.builder().compression(TargetCompression.of(CompressionType.NONE, 0)).build());
        log.appendAsLeader(Batches.of(CompressionType.SNAPPY, NOW, "a", "b", "c"), 0);
        RecordBatch stored = storedBatches(log).get(0);
        assertEquals(CompressionType.NONE, stored.compressionType());
        assertEquals(List.of("0:a", "1:b", "2:c"), Batches.values(log.read(0, 1 << 20, log.logEndOffset(), true), 0));
    }

    @Test
    void theLevelOfTheTopicIsUsed() {
        RecordBatchBuilder builder = new RecordBatchBuilder();
        for (int i = 0; i < 200; i++) {
            builder.append(NOW, bytes("key-" + i), bytes("the quick brown fox jumps over the lazy dog " + (i % 7)));
        }
        RecordBatch original = builder.build().firstBatch();
        int fast = BatchRecompressor.recompress(original, TargetCompression.of(CompressionType.ZSTD, 1)).sizeInBytes();
        int strong = BatchRecompressor.recompress(original, TargetCompression.of(CompressionType.ZSTD, 19)).sizeInBytes();
        assertTrue(strong < fast, "zstd level 19 (" + strong + " bytes) should beat level 1 (" + fast + " bytes)");
        int gzipFast = BatchRecompressor.recompress(original, TargetCompression.of(CompressionType.GZIP, 1)).sizeInBytes();
        int gzipStrong = BatchRecompressor.recompress(original, TargetCompression.of(CompressionType.GZIP, 9)).sizeInBytes();
        assertTrue(gzipStrong < gzipFast, "gzip level 9 (" + gzipStrong + ") should beat level 1 (" + gzipFast + ")");
    }

    @Test
    void maxMessageBytesAppliesToTheBatchAsStored() throws Exception {
        RecordBatchBuilder builder = new RecordBatchBuilder().compression(CompressionType.GZIP);
        for (int i = 0; i < 100; i++) {
            builder.append(NOW, bytes("k" + i), new byte[1000]);
        }
        MemoryRecords sent = builder.build();
        assertTrue(sent.sizeInBytes() < 5_000, "the zeros compress well: " + sent.sizeInBytes());
        PartitionLog log = open(LogConfig.builder().maxMessageBytes(10_000)
                .compression(TargetCompression.of(CompressionType.NONE, 0)).build());

        RecordTooLargeException e = assertThrows(RecordTooLargeException.class, () -> log.appendAsLeader(sent, 0));

        assertTrue(e.getMessage().contains("exceeds the maximum configured size of 10000"), e.getMessage());
        assertEquals(0, log.logEndOffset());
        assertEquals(0, log.sizeInBytes());
    }

    @Test
    void idempotentRetriesOfARecompressedBatchAreDeduplicated() throws Exception {
        PartitionLog log = open(LogConfig.builder().compression(TargetCompression.of(CompressionType.ZSTD, 3)).build());
        MemoryRecords sent = idempotentBatch(CompressionType.GZIP, false);
        LogAppendInfo first = log.appendAsLeader(Batches.copy(sent), 0);
        LogAppendInfo retry = log.appendAsLeader(Batches.copy(sent), 0);
        assertFalse(first.duplicate());
        assertTrue(retry.duplicate());
        assertEquals(first.firstOffset(), retry.firstOffset());
        assertEquals(4, log.logEndOffset());
    }

    private PartitionLog open(LogConfig config) throws Exception {
        manager = new LogManager(List.of(dir), config, time, 1, 60_000, 60_000);
        manager.startup();
        return manager.getOrCreateLog(TP);
    }

    private static int defaultLevel(CompressionType type) {
        return switch (type) {
            case GZIP -> -1;
            case LZ4 -> 9;
            case ZSTD -> 3;
            default -> 0;
        };
    }

    /** Four records with keys, a null value, headers and distinct timestamps, from an idempotent producer. */
    private static MemoryRecords idempotentBatch(CompressionType compression, boolean transactional) {
        return new RecordBatchBuilder().compression(compression)
                .producer(4242L, (short) 7, 100)
                .transactional(transactional)
                .append(NOW - 30, bytes("k0"), bytes("v0"), Header.ofUtf8("trace", "t0"), new Header("empty", null))
                .append(NOW - 10, bytes("k1"), null)
                .append(NOW - 20, null, bytes("v2"))
                .append(NOW, bytes("k3"), bytes("v3".repeat(100)), Header.ofUtf8("h", "x"))
                .build();
    }

    private static List<String> describeRecords(RecordBatch batch) {
        List<String> out = new ArrayList<>();
        try (RecordIterator records = batch.records()) {
            while (records.hasNext()) {
                Record r = records.next();
                out.add(r.offsetDelta() + "@" + r.timestamp() + " " + text(r.key()) + "=" + text(r.value()) + " " + headers(r));
            }
        }
        return out;
    }

    private static String headers(Record record) {
        StringBuilder out = new StringBuilder("[");
        for (Header header : record.headers()) {
            out.append(header.key()).append(':').append(text(header.value())).append(' ');
        }
        return out.append(']').toString();
    }

    private List<RecordBatch> storedBatches(PartitionLog log) {
        FetchDataInfo info = log.read(0, Integer.MAX_VALUE, log.logEndOffset(), true);
        ByteBuffer bytes = ByteBuffer.allocate(info.records().sizeInBytes());
        info.records().copyTo(bytes);
        List<RecordBatch> batches = new ArrayList<>();
        MemoryRecords.readableRecords(bytes.flip()).batches().forEach(batches::add);
        return batches;
    }

    private static byte[] bytesOf(MemoryRecords records) {
        ByteBuffer copy = ByteBuffer.allocate(records.sizeInBytes());
        records.copyTo(copy);
        return copy.array();
    }

    private static byte[] bytesOf(RecordBatch batch) {
        ByteBuffer buffer = batch.buffer();
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    private static String text(ByteBuffer buffer) {
        return buffer == null ? "null" : StandardCharsets.UTF_8.decode(buffer).toString();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
