package io.tributary.records;

import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever the bytes, reading them fails only with {@link RecordsException}: random bytes, and
 * valid batches with random bytes overwritten (with the CRC recomputed, so the damage reaches the
 * record decoder and the decompressors).
 */
class RobustnessPropertyTest {

    private static final int LIMIT_BYTES = 1024 * 1024;

    /** Walks everything the API offers over {@code bytes}; only RecordsException may stop it. */
    static void readEverything(ByteBuffer bytes) {
        try {
            for (RecordBatch batch : MemoryRecords.readableRecords(bytes).batches()) {
                readBatch(batch);
            }
        } catch (RecordsException expected) {
            // the point of the property: typed failure
        }
        try {
            BatchValidator.deep(LIMIT_BYTES).validate(MemoryRecords.readableRecords(bytes));
        } catch (RecordsException expected) {
            // typed failure
        }
        if (bytes.remaining() >= RecordBatchDescriptor.HEADER_SIZE_BYTES) {
            readBatch(RecordBatch.wrap(bytes));
        }
    }

    private static void readBatch(RecordBatch batch) {
        batch.isValid();
        batch.toString();
        batch.lastSequence();
        batch.deleteHorizonMs();
        try {
            batch.ensureValid();
        } catch (RecordsException expected) {
            // typed failure
        }
        try (RecordIterator records = batch.records(LIMIT_BYTES)) {
            while (records.hasNext()) {
                Record record = records.next();
                record.toString();
                record.headers().forEach(Header::toString);
                if (batch.isControlBatch()) {
                    EndTransactionMarker.decode(record);
                }
            }
        } catch (RecordsException expected) {
            // typed failure
        }
    }

    @Property(tries = 2000)
    void randomBytesFailOnlyWithRecordsException(@ForAll @Size(max = 400) byte[] bytes) {
        readEverything(ByteBuffer.wrap(bytes));
    }

    @Property(tries = 1000)
    void randomBytesBehindAPlausibleHeaderFailOnlyWithRecordsException(
            @ForAll("codecs") CompressionType compression, @ForAll @Size(max = 400) byte[] payload,
            @ForAll("counts") int recordCount) {
        ByteBuffer template = KafkaOracle.write(TestBatchSpec.typicalRecords());
        ByteBuffer bytes = TestBytes.withPayload(template, compression, payload);
        bytes.putInt(RecordBatchDescriptor.RECORD_COUNT_OFFSET, recordCount);
        TestBytes.fixCrc(bytes);

        readEverything(bytes);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void mutatedValidBatchesFailOnlyWithRecordsException(
            @ForAll("specs") TestBatchSpec spec, @ForAll @Size(min = 1, max = 8) List<Integer> positions,
            @ForAll @Size(min = 8, max = 8) byte[] values, @ForAll boolean fixCrc) {
        ByteBuffer bytes = ByteBuffer.wrap(TestBytes.toArray(KafkaOracle.write(spec)));
        for (int i = 0; i < positions.size(); i++) {
            int position = Math.floorMod(positions.get(i), bytes.limit());
            bytes.put(position, values[i]);
        }
        if (fixCrc && bytes.limit() >= RecordBatchDescriptor.HEADER_SIZE_BYTES
                && bytes.getInt(RecordBatchDescriptor.BATCH_LENGTH_OFFSET) == bytes.limit() - RecordBatchDescriptor.LOG_OVERHEAD_BYTES) {
            TestBytes.fixCrc(bytes);
        }

        readEverything(bytes);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void mutatedCompressedPayloadsFailOnlyWithRecordsException(
            @ForAll("specs") TestBatchSpec spec, @ForAll @Size(min = 1, max = 4) List<Integer> positions,
            @ForAll @Size(min = 4, max = 4) byte[] values) {
        ByteBuffer bytes = ByteBuffer.wrap(TestBytes.toArray(KafkaOracle.write(spec)));
        int payloadBytes = bytes.limit() - RecordBatchDescriptor.HEADER_SIZE_BYTES;
        for (int i = 0; i < positions.size(); i++) {
            int position = RecordBatchDescriptor.HEADER_SIZE_BYTES + Math.floorMod(positions.get(i), payloadBytes);
            bytes.put(position, values[i]);
        }
        TestBytes.fixCrc(bytes);

        readEverything(bytes);
    }

    @Provide
    Arbitrary<TestBatchSpec> specs() {
        return BatchArbitraries.specs();
    }

    @Provide
    Arbitrary<CompressionType> codecs() {
        return Arbitraries.of(CompressionType.class);
    }

    @Provide
    Arbitrary<Integer> counts() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-2, 20), Arbitraries.integers());
    }
}
