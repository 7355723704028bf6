package io.tributary.records;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.records.ObservedBatch.ObservedHeader;
import io.tributary.records.ObservedBatch.ObservedRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Our side of the oracle tests: writes a {@link TestBatchSpec} and observes batches with this module's classes. */
final class TributaryCodec {

    private TributaryCodec() {
    }

    static ByteBuffer write(TestBatchSpec spec) {
        RecordBatchBuilder builder = new RecordBatchBuilder()
                .compression(spec.compression)
                .baseOffset(spec.baseOffset)
                .producer(spec.producerId, spec.producerEpoch, spec.baseSequence)
                .transactional(spec.transactional)
                .partitionLeaderEpoch(spec.partitionLeaderEpoch);
        if (spec.logAppendTimeMs != null) {
            builder.logAppendTime(spec.logAppendTimeMs);
        }
        if (spec.deleteHorizonMs != null) {
            builder.deleteHorizonMs(spec.deleteHorizonMs);
        }
        if (spec.marker != null) {
            builder.appendEndTxnMarker(spec.markerTimestamp, spec.marker);
        }
        for (TestBatchSpec.TestRecord record : spec.records) {
            builder.append(record.timestamp(), record.key(), record.value(), record.headers().toArray(new Header[0]));
        }
        return builder.build().buffer();
    }

    /** Observes every batch in {@code buffer}, requiring each to pass {@link RecordBatch#ensureValid()}. */
    static List<ObservedBatch> read(ByteBuffer buffer) {
        List<ObservedBatch> observed = new ArrayList<>();
        for (RecordBatch batch : MemoryRecords.readableRecords(buffer.duplicate()).batches()) {
            batch.ensureValid();
            assertTrue(batch.isValid());
            observed.add(observe(batch));
        }
        return observed;
    }

    static ObservedBatch observe(RecordBatch batch) {
        List<ObservedRecord> records = new ArrayList<>();
        for (Record record : batch.records().toList()) {
            records.add(observe(record));
        }
        return new ObservedBatch(batch.baseOffset(), batch.lastOffset(), batch.partitionLeaderEpoch(), batch.magic(),
                batch.checksum(), batch.compressionType().id(), batch.timestampType(), batch.isTransactional(),
                batch.isControlBatch(), batch.deleteHorizonMs(), batch.baseTimestamp(), batch.maxTimestamp(),
                batch.producerId(), batch.producerEpoch(), batch.baseSequence(), batch.lastSequence(),
                batch.recordCount(), batch.sizeInBytes(), records);
    }

    static ObservedRecord observe(Record record) {
        List<ObservedHeader> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(new ObservedHeader(header.key(), TestBytes.hex(header.value())));
        }
        return new ObservedRecord(record.offset(), record.timestamp(), record.sequence(),
                TestBytes.hex(record.key()), TestBytes.hex(record.value()), headers);
    }
}
