package io.tributary.records;

import static io.tributary.records.TestBytes.concat;
import static io.tributary.records.TestBytes.varint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Damaged and hostile batches end in {@link CorruptRecordException} naming the batch and the problem:
 * never an IndexOutOfBoundsException, an OutOfMemoryError or a read past the buffer. Record-level
 * damage is tested under every codec with the CRC recomputed, so that the decoder itself, not the
 * CRC, has to catch it.
 */
class CorruptBatchTest {

    /** A batch declaring {@code count} records whose uncompressed records bytes are {@code records}. */
    static ByteBuffer batchOf(CompressionType compression, int count, byte[] records) {
        ByteBuffer template = KafkaOracle.write(TestBatchSpec.typicalRecords());
        byte[] payload = compression == CompressionType.NONE ? records : TestBytes.compress(compression, records);
        ByteBuffer batch = TestBytes.withPayload(template, compression, payload);
        batch.putInt(RecordBatchDescriptor.RECORD_COUNT_OFFSET, count);
        batch.putInt(RecordBatchDescriptor.LAST_OFFSET_DELTA_OFFSET, count - 1);
        TestBytes.fixCrc(batch);
        return batch;
    }

    /** A record: its length varint, then the body parts. */
    static byte[] record(byte[]... bodyParts) {
        byte[] body = concat(bodyParts);
        return concat(varint(body.length), body);
    }

    static byte[] field(String value) {
        byte[] bytes = TestBytes.utf8(value);
        return concat(varint(bytes.length), bytes);
    }

    /** Attributes, timestamp delta 0 and the offset delta. */
    static byte[] prefix(int offsetDelta) {
        return concat(new byte[] {0, 0}, varint(offsetDelta));
    }

    static byte[] validRecord(int offsetDelta) {
        return record(prefix(offsetDelta), field("k"), field("v"), varint(0));
    }

    private static String assertReadingFails(ByteBuffer bytes, String expectedProblem) {
        RecordBatch batch = RecordBatch.wrap(bytes);
        assertTrue(batch.isValid(), "the damage is behind a correct CRC");
        CorruptRecordException e = assertThrows(CorruptRecordException.class, () -> batch.records().toList());
        assertTrue(e.getMessage().contains("base offset 1000"), e.getMessage());
        assertTrue(e.getMessage().contains(expectedProblem), e.getMessage());
        return e.getMessage();
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void wellFormedHandBuiltRecordsAreReadUnderEveryCodec(CompressionType compression) {
        ByteBuffer bytes = batchOf(compression, 2, concat(validRecord(0), validRecord(1)));

        assertEquals(2, RecordBatch.wrap(bytes).records().toList().size());
        assertEquals(KafkaOracle.read(bytes), TributaryCodec.read(bytes));
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void negativeRecordLengthIsCorrupt(CompressionType compression) {
        assertReadingFails(batchOf(compression, 1, concat(varint(-5), new byte[10])), "record length -5");
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void recordLengthBelowTheMinimumIsCorrupt(CompressionType compression) {
        assertReadingFails(batchOf(compression, 1, concat(varint(2), new byte[20])), "record length 2");
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void recordLengthBeyondTheRecordsIsCorrupt(CompressionType compression) {
        String message = assertReadingFails(batchOf(compression, 1, concat(varint(1000), prefix(0), field("k"))),
                "record length 1000");
        assertTrue(message.contains("record 0"), message);
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void recordLengthOfTwoGigabytesIsRefusedWithoutAllocatingIt(CompressionType compression) {
        assertReadingFails(batchOf(compression, 1, concat(varint(Integer.MAX_VALUE), validRecord(0))),
                "record length " + Integer.MAX_VALUE);
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void varintLongerThanFiveBytesIsCorrupt(CompressionType compression) {
        byte[] overlong = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01};
        assertReadingFails(batchOf(compression, 1, concat(overlong, validRecord(0))), "varint longer than 5 bytes");
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void varlongCutShortByTheRecordEndIsCorrupt(CompressionType compression) {
        byte[] body = {0, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80};
        assertReadingFails(batchOf(compression, 1, record(body)), "varlong cut short");
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void keyLengthBeyondTheRecordIsCorrupt(CompressionType compression) {
        assertReadingFails(batchOf(compression, 1, record(prefix(0), varint(100), new byte[3], varint(-1), varint(0))),
                "key length 100 exceeds");
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void keyLengthBelowMinusOneIsCorrupt(CompressionType compression) {
        assertReadingFails(batchOf(compression, 1, record(prefix(0), varint(-2), field("v"), varint(0))),
                "key length -2");
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void valueLengthBeyondTheRecordIsCorrupt(CompressionType compression) {
        assertReadingFails(batchOf(compression, 1, record(prefix(0), field("k"), varint(50), new byte[4], varint(0))),
                "value length 50 exceeds");
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void negativeHeaderCountIsCorrupt(CompressionType compression) {
        assertReadingFails(batchOf(compression, 1, record(prefix(0), field("k"), field("v"), varint(-1))),
                "header count -1");
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void headerCountLargerThanTheRecordCanHoldIsRefusedBeforeAllocating(CompressionType compression) {
        assertReadingFails(batchOf(compression, 1,
                record(prefix(0), field("k"), field("v"), varint(Integer.MAX_VALUE), field("h"), field("x"))),
                "header count " + Integer.MAX_VALUE);
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void nullHeaderKeyIsCorrupt(CompressionType compression) {
        assertReadingFails(batchOf(compression, 1, record(prefix(0), field("k"), field("v"), varint(1), varint(-1),
                field("x"))), "header 0 key length -1");
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void headerValueLengthBeyondTheRecordIsCorrupt(CompressionType compression) {
        assertReadingFails(batchOf(compression, 1, record(prefix(0), field("k"), field("v"), varint(1), field("h"),
                varint(9), new byte[2])), "header 0 value length 9");
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void bytesAfterTheHeadersInsideARecordAreCorrupt(CompressionType compression) {
        assertReadingFails(batchOf(compression, 1, record(prefix(0), field("k"), field("v"), varint(0), new byte[3])),
                "3 bytes follow the headers");
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void recordCountLargerThanTheRecordsPresentIsCorrupt(CompressionType compression) {
        byte[] longerRecord = record(prefix(0), field("a longer key"), field("a longer value"), varint(0));
        assertReadingFails(batchOf(compression, 3, concat(longerRecord, longerRecord)),
                "the records end, but the batch declares 3");
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void recordCountSmallerThanTheRecordsPresentIsCorrupt(CompressionType compression) {
        assertReadingFails(batchOf(compression, 1, concat(validRecord(0), validRecord(1))), "after 1 records");
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void hugeRecordCountIsCorrupt(CompressionType compression) {
        assertReadingFails(batchOf(compression, Integer.MAX_VALUE, concat(validRecord(0), validRecord(1))),
                String.valueOf(Integer.MAX_VALUE));
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void negativeRecordCountIsCorrupt(CompressionType compression) {
        ByteBuffer bytes = batchOf(compression, -1, validRecord(0));

        assertThrows(CorruptRecordException.class, () -> RecordBatch.wrap(bytes).records());
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void everyTruncationOfABatchIsInvalidAndItsRecordsAreRefused(CompressionType compression) {
        ByteBuffer whole = KafkaOracle.write(TestBatchSpec.typicalRecords().compression(compression));
        for (int size = 0; size < whole.limit(); size++) {
            ByteBuffer cut = whole.duplicate().limit(size);
            if (size < RecordBatchDescriptor.HEADER_SIZE_BYTES) {
                assertThrows(CorruptRecordException.class, () -> RecordBatch.wrap(cut));
                continue;
            }
            RecordBatch batch = RecordBatch.wrap(cut);
            assertFalse(batch.isValid());
            assertThrows(CorruptRecordException.class, batch::ensureValid);
            assertThrows(CorruptRecordException.class, batch::records);
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void everyBitFlipUnderTheCrcFailsValidation(CompressionType compression) {
        ByteBuffer bytes = KafkaOracle.write(TestBatchSpec.typicalRecords().compression(compression));
        for (int position = RecordBatchDescriptor.CRC_COVERED_FROM_OFFSET; position < bytes.limit(); position++) {
            ByteBuffer damaged = ByteBuffer.wrap(TestBytes.toArray(bytes));
            damaged.put(position, (byte) (damaged.get(position) ^ (1 << (position % 8))));
            RecordBatch batch = RecordBatch.wrap(damaged);

            assertFalse(batch.isValid(), "flip at " + position);
            CorruptRecordException e = assertThrows(CorruptRecordException.class, batch::ensureValid);
            assertTrue(e.getMessage().contains("CRC mismatch"), e.getMessage());
        }
    }

    @Test
    void baseOffsetAndLeaderEpochAreOutsideTheCrcAsInKafka() {
        ByteBuffer bytes = KafkaOracle.write(TestBatchSpec.typicalRecords());
        bytes.put(3, (byte) 0x55);
        bytes.put(13, (byte) 0x55);

        assertTrue(RecordBatch.wrap(bytes).isValid());
        assertTrue(KafkaOracle.records(bytes).batches().iterator().next().isValid());
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void garbageCompressedPayloadIsCorrupt(CompressionType compression) {
        for (int seed = 0; seed < 20; seed++) {
            ByteBuffer bytes = batchOf(compression, 2, new byte[0]);
            ByteBuffer garbage = TestBytes.withPayload(bytes, compression, TestBytes.pattern(10 + seed * 37, seed));

            assertThrows(CorruptRecordException.class, () -> RecordBatch.wrap(garbage).records().toList());
        }
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void everyTruncationOfACompressedPayloadIsCorrupt(CompressionType compression) {
        ByteBuffer whole = KafkaOracle.write(TestBatchSpec.typicalRecords().compression(compression));
        byte[] payload = TestBytes.payload(whole);
        for (int length = 0; length < payload.length; length++) {
            ByteBuffer cut = TestBytes.withPayload(whole, compression, Arrays.copyOf(payload, length));

            assertThrows(CorruptRecordException.class, () -> RecordBatch.wrap(cut).records().toList(),
                    "payload cut to " + length + " of " + payload.length + " bytes");
        }
    }

    @Test
    void lz4BlockChecksumMismatchIsCorrupt() throws Exception {
        ByteBuffer template = KafkaOracle.write(TestBatchSpec.typicalRecords());
        java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream();
        try (var lz4 = new org.apache.kafka.common.compress.Lz4BlockOutputStream(frame, 4, 9, true, false)) {
            lz4.write(TestBytes.payload(template));
        }
        byte[] payload = frame.toByteArray();
        payload[payload.length - 6] ^= 1;
        ByteBuffer bytes = TestBytes.withPayload(template, CompressionType.LZ4, payload);

        assertReadingFails(bytes, "LZ4 block checksum mismatch");
    }
}
