package io.tributary.records;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.records.ObservedBatch.ObservedHeader;
import io.tributary.records.ObservedBatch.ObservedRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.utils.ByteBufferOutputStream;

/**
 * Apache Kafka's own record classes (kafka-clients, test scope) as the oracle: they write batches
 * for us to read and read the batches we write. Kafka's types appear fully qualified only here,
 * because their simple names clash with ours.
 */
final class KafkaOracle {

    private KafkaOracle() {
    }

    /** Builds the batch with Kafka's {@code MemoryRecordsBuilder}. */
    static ByteBuffer write(TestBatchSpec spec) {
        MemoryRecordsBuilder builder = new MemoryRecordsBuilder(
                new ByteBufferOutputStream(1024),
                org.apache.kafka.common.record.internal.RecordBatch.MAGIC_VALUE_V2,
                compression(spec.compression),
                spec.logAppendTimeMs == null
                        ? org.apache.kafka.common.record.TimestampType.CREATE_TIME
                        : org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME,
                spec.baseOffset,
                spec.logAppendTimeMs == null ? -1L : spec.logAppendTimeMs,
                spec.producerId, spec.producerEpoch, spec.baseSequence,
                spec.transactional,
                spec.marker != null,
                spec.partitionLeaderEpoch,
                Integer.MAX_VALUE,
                spec.deleteHorizonMs == null ? -1L : spec.deleteHorizonMs);
        if (spec.marker != null) {
            builder.appendEndTxnMarker(spec.markerTimestamp, new org.apache.kafka.common.record.internal.EndTransactionMarker(
                    org.apache.kafka.common.record.internal.ControlRecordType.fromTypeId(spec.marker.type().typeId()),
                    spec.marker.coordinatorEpoch()));
        }
        for (TestBatchSpec.TestRecord record : spec.records) {
            org.apache.kafka.common.header.Header[] headers = record.headers().stream()
                    .map(h -> new RecordHeader(h.key(), h.valueBytes()))
                    .toArray(org.apache.kafka.common.header.Header[]::new);
            builder.append(record.timestamp(), record.key(), record.value(), headers);
        }
        return builder.build().buffer();
    }

    static Compression compression(CompressionType compression) {
        return Compression.of(org.apache.kafka.common.record.internal.CompressionType.forId(compression.id())).build();
    }

    static org.apache.kafka.common.record.internal.MemoryRecords records(ByteBuffer buffer) {
        return org.apache.kafka.common.record.internal.MemoryRecords.readableRecords(buffer.duplicate());
    }

    /** Observes every batch through Kafka, requiring {@code isValid()} and {@code ensureValid()} to pass. */
    static List<ObservedBatch> read(ByteBuffer buffer) {
        List<ObservedBatch> observed = new ArrayList<>();
        for (MutableRecordBatch batch : records(buffer).batches()) {
            assertTrue(batch.isValid(), "Kafka finds the batch invalid: " + batch);
            batch.ensureValid();
            observed.add(observe((DefaultRecordBatch) batch));
        }
        return observed;
    }

    /** How many batches Kafka's own iteration finds in {@code buffer}. */
    static int countBatches(ByteBuffer buffer) {
        int count = 0;
        for (MutableRecordBatch ignored : records(buffer).batches()) {
            count++;
        }
        return count;
    }

    private static ObservedBatch observe(DefaultRecordBatch batch) {
        List<ObservedRecord> records = new ArrayList<>();
        for (org.apache.kafka.common.record.internal.Record record : batch) {
            records.add(observe(record));
        }
        return new ObservedBatch(batch.baseOffset(), batch.lastOffset(), batch.partitionLeaderEpoch(), batch.magic(),
                batch.checksum(), batch.compressionType().id, timestampType(batch.timestampType()),
                batch.isTransactional(), batch.isControlBatch(), batch.deleteHorizonMs(), batch.baseTimestamp(),
                batch.maxTimestamp(), batch.producerId(), batch.producerEpoch(), batch.baseSequence(),
                batch.lastSequence(), batch.countOrNull(), batch.sizeInBytes(), records);
    }

    private static ObservedRecord observe(org.apache.kafka.common.record.internal.Record record) {
        List<ObservedHeader> headers = new ArrayList<>();
        for (org.apache.kafka.common.header.Header header : record.headers()) {
            headers.add(new ObservedHeader(header.key(), TestBytes.hex(header.value())));
        }
        return new ObservedRecord(record.offset(), record.timestamp(), record.sequence(),
                TestBytes.hex(record.key()), TestBytes.hex(record.value()), headers);
    }

    private static TimestampType timestampType(org.apache.kafka.common.record.TimestampType type) {
        return switch (type) {
            case CREATE_TIME -> TimestampType.CREATE_TIME;
            case LOG_APPEND_TIME -> TimestampType.LOG_APPEND_TIME;
            default -> throw new AssertionError("Kafka reports " + type + " for a magic 2 batch");
        };
    }

    /** What a well-behaved reader should observe for {@code spec}, computed from Kafka's reading of Kafka's bytes. */
    static List<ObservedBatch> expected(TestBatchSpec spec) {
        return read(write(spec));
    }
}
