package io.tributary.records;

import java.util.ArrayList;
import java.util.List;

/**
 * What a test wants in one batch, independent of who writes it: {@link KafkaOracle#write} builds it
 * with Kafka's {@code MemoryRecordsBuilder}, {@link TributaryCodec#write} with ours.
 */
final class TestBatchSpec {

    /** One data record as appended by a producer. */
    record TestRecord(long timestamp, byte[] key, byte[] value, List<Header> headers) {
    }

    CompressionType compression = CompressionType.NONE;
    Long logAppendTimeMs;
    long baseOffset;
    long producerId = -1;
    short producerEpoch = -1;
    int baseSequence = -1;
    boolean transactional;
    int partitionLeaderEpoch = -1;
    Long deleteHorizonMs;
    EndTransactionMarker marker;
    long markerTimestamp;
    final List<TestRecord> records = new ArrayList<>();

    static TestBatchSpec batch() {
        return new TestBatchSpec();
    }

    TestBatchSpec compression(CompressionType compression) {
        this.compression = compression;
        return this;
    }

    TestBatchSpec logAppendTime(long logAppendTimeMs) {
        this.logAppendTimeMs = logAppendTimeMs;
        return this;
    }

    TestBatchSpec baseOffset(long baseOffset) {
        this.baseOffset = baseOffset;
        return this;
    }

    TestBatchSpec producer(long producerId, short producerEpoch, int baseSequence) {
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.baseSequence = baseSequence;
        return this;
    }

    TestBatchSpec transactional() {
        this.transactional = true;
        return this;
    }

    TestBatchSpec partitionLeaderEpoch(int partitionLeaderEpoch) {
        this.partitionLeaderEpoch = partitionLeaderEpoch;
        return this;
    }

    TestBatchSpec deleteHorizonMs(long deleteHorizonMs) {
        this.deleteHorizonMs = deleteHorizonMs;
        return this;
    }

    TestBatchSpec record(long timestamp, byte[] key, byte[] value, Header... headers) {
        records.add(new TestRecord(timestamp, key, value, List.of(headers)));
        return this;
    }

    TestBatchSpec record(long timestamp, String key, String value, Header... headers) {
        return record(timestamp, TestBytes.utf8(key), TestBytes.utf8(value), headers);
    }

    TestBatchSpec marker(long timestamp, ControlRecordType type, int coordinatorEpoch) {
        this.marker = new EndTransactionMarker(type, coordinatorEpoch);
        this.markerTimestamp = timestamp;
        return this;
    }

    /** A mixed set of records: keys, null keys, null values, empty values, headers, out-of-order timestamps. */
    static TestBatchSpec typicalRecords() {
        return batch()
                .baseOffset(1000)
                .record(1_700_000_000_000L, "key-0", "value-0")
                .record(1_700_000_000_005L, null, "value with a null key")
                .record(1_699_999_999_000L, "tombstone", (String) null)
                .record(1_700_000_000_010L, "empty value", "")
                .record(1_700_000_000_020L, "with headers", "v",
                        Header.ofUtf8("trace-id", "abc123"),
                        new Header("null-valued", null),
                        new Header("empty", new byte[0]),
                        Header.ofUtf8("ünïcödé ключ", "значение"))
                .record(1_700_000_000_030L, TestBytes.pattern(3000, 7), TestBytes.pattern(20_000, 11));
    }
}
