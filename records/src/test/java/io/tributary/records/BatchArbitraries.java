package io.tributary.records;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random {@link TestBatchSpec}s within what Kafka's builder accepts. */
final class BatchArbitraries {

    private BatchArbitraries() {
    }

    static Arbitrary<TestBatchSpec> specs() {
        Arbitrary<CompressionType> compression = Arbitraries.of(CompressionType.class);
        Arbitrary<Long> baseOffset = Arbitraries.longs().between(0, 1L << 50);
        Arbitrary<Integer> leaderEpoch = Arbitraries.integers().between(-1, Integer.MAX_VALUE);
        Arbitrary<Integer> producerMode = Arbitraries.integers().between(0, 2);
        Arbitrary<Long> logAppendTime = Arbitraries.longs().between(0, 4_000_000_000_000L).injectNull(0.7);
        Arbitrary<List<TestBatchSpec.TestRecord>> records = record().list().ofMinSize(1).ofMaxSize(25);
        return Combinators.combine(compression, baseOffset, leaderEpoch, producerMode, logAppendTime, records)
                .as((codec, offset, epoch, mode, appendTime, list) -> {
                    TestBatchSpec spec = TestBatchSpec.batch().compression(codec).baseOffset(offset)
                            .partitionLeaderEpoch(epoch);
                    if (mode >= 1) {
                        spec.producer(offset % 100_000, (short) (offset % 1000), (int) (offset % Integer.MAX_VALUE));
                    }
                    if (mode == 2) {
                        spec.transactional();
                    }
                    if (appendTime != null) {
                        spec.logAppendTime(appendTime);
                    }
                    spec.records.addAll(list);
                    return spec;
                });
    }

    private static Arbitrary<TestBatchSpec.TestRecord> record() {
        Arbitrary<Long> timestamp = Arbitraries.longs().between(-1, 4_000_000_000_000L);
        Arbitrary<byte[]> key = Arbitraries.bytes().array(byte[].class).ofMaxSize(40).injectNull(0.2);
        Arbitrary<byte[]> value = Arbitraries.bytes().array(byte[].class).ofMaxSize(600).injectNull(0.1);
        Arbitrary<List<Header>> headers = header().list().ofMaxSize(4);
        return Combinators.combine(timestamp, key, value, headers).as(TestBatchSpec.TestRecord::new);
    }

    private static Arbitrary<Header> header() {
        Arbitrary<String> key = Arbitraries.strings().ofMaxLength(12);
        Arbitrary<byte[]> value = Arbitraries.bytes().array(byte[].class).ofMaxSize(20).injectNull(0.2);
        return Combinators.combine(key, value).as(Header::new);
    }
}
