package io.tributary.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random batches round-trip between Kafka's record classes and ours, in both directions. */
class KafkaCompatibilityPropertyTest {

    @Provide
    Arbitrary<TestBatchSpec> specs() {
        return BatchArbitraries.specs();
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void randomBatchesWrittenByKafkaAreReadAsKafkaReadsThem(@ForAll("specs") TestBatchSpec spec) {
        ByteBuffer bytes = KafkaOracle.write(spec);

        assertEquals(KafkaOracle.read(bytes), TributaryCodec.read(bytes));
        BatchValidator.deep(RecordBatch.DEFAULT_MAX_UNCOMPRESSED_BYTES).validate(MemoryRecords.readableRecords(bytes));
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void randomBatchesWrittenByTributaryAreReadByKafkaAsItsOwn(@ForAll("specs") TestBatchSpec spec) {
        ByteBuffer ours = TributaryCodec.write(spec);
        List<ObservedBatch> expected = KafkaOracle.expected(spec);
        List<ObservedBatch> actual = KafkaOracle.read(ours);

        assertEquals(expected.size(), actual.size());
        assertEquals(expected.get(0).ignoringCompressedBytes(), actual.get(0).ignoringCompressedBytes());
        if (spec.compression == CompressionType.NONE) {
            assertArrayEquals(TestBytes.toArray(KafkaOracle.write(spec)), TestBytes.toArray(ours));
        }
    }
}
