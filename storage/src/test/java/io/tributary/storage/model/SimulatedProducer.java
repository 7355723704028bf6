package io.tributary.storage.model;

import io.tributary.records.MemoryRecords;
import io.tributary.records.RecordBatch;
import io.tributary.records.RecordBatchBuilder;
import io.tributary.records.RecordBatchDescriptor;
import io.tributary.storage.model.LogModel.ModelBatch;
import io.tributary.storage.model.LogModel.ModelRecord;
import io.tributary.storage.model.LogOperation.BatchSpec;
import io.tributary.storage.model.LogOperation.RecordSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * Turns {@link BatchSpec}s into the bytes a producer sends (base offset 0, no leader epoch,
 * CreateTime) and says what the log must make of them. Record contents are derived from a running
 * record number, so they are deterministic for a sequence of operations and printable: keys start
 * {@code k<n>-}, values {@code v<n>|} followed by pseudo-random letters (compressible, but not to
 * nothing). The producer's clock starts at {@link #START_MS} and only moves forward; record
 * timestamps are the clock plus each record's skew.
 *
 * <p>Not thread-safe.
 */
final class SimulatedProducer {

    static final long START_MS = 1_700_000_000_000L;

    private long clockMs = START_MS;
    private long recordNumber;

    /** One produce request and, per batch, the records in it as the model will hold them (offsets still unassigned). */
    record Request(MemoryRecords records, List<SentBatch> batches) {
    }

    /** A batch as sent: its bytes (a private copy, since the log rewrites the request in place) and records. */
    record SentBatch(byte[] bytes, List<ModelRecord> records) {

        /**
         * The batch as the log must store it: base offset and leader epoch set, records numbered
         * from the base; for a LogAppendTime topic ({@code logAppendTimeMs >= 0}) also the
         * timestamp type, the max timestamp (which every record then reports) and the CRC.
         */
        ModelBatch assign(long baseOffset, int leaderEpoch, long logAppendTimeMs) {
            ByteBuffer stored = ByteBuffer.wrap(bytes.clone());
            stored.putLong(RecordBatchDescriptor.BASE_OFFSET_OFFSET, baseOffset);
            stored.putInt(RecordBatchDescriptor.PARTITION_LEADER_EPOCH_OFFSET, leaderEpoch);
            if (logAppendTimeMs >= 0) {
                stampLogAppendTime(stored, logAppendTimeMs);
            }
            List<ModelRecord> numbered = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                ModelRecord r = records.get(i);
                long timestamp = logAppendTimeMs >= 0 ? logAppendTimeMs : r.timestamp();
                numbered.add(new ModelRecord(baseOffset + i, timestamp, r.key(), r.value()));
            }
            return new ModelBatch(baseOffset, List.copyOf(numbered), stored.array());
        }

        private static void stampLogAppendTime(ByteBuffer batch, long logAppendTimeMs) {
            short attributes = batch.getShort(RecordBatchDescriptor.ATTRIBUTES_OFFSET);
            batch.putShort(RecordBatchDescriptor.ATTRIBUTES_OFFSET, (short) (attributes | RecordBatchDescriptor.TIMESTAMP_TYPE_MASK));
            batch.putLong(RecordBatchDescriptor.MAX_TIMESTAMP_OFFSET, logAppendTimeMs);
            CRC32C crc = new CRC32C();
            crc.update(batch.array(), RecordBatchDescriptor.CRC_COVERED_FROM_OFFSET,
                    batch.capacity() - RecordBatchDescriptor.CRC_COVERED_FROM_OFFSET);
            batch.putInt(RecordBatchDescriptor.CRC_OFFSET, (int) crc.getValue());
        }
    }

    Request produce(List<BatchSpec> specs) {
        List<SentBatch> sent = new ArrayList<>(specs.size());
        int total = 0;
        for (BatchSpec spec : specs) {
            SentBatch batch = build(spec);
            sent.add(batch);
            total += batch.bytes().length;
        }
        ByteBuffer request = ByteBuffer.allocate(total);
        sent.forEach(b -> request.put(b.bytes()));
        return new Request(MemoryRecords.readableRecords(request.flip()), sent);
    }

    private SentBatch build(BatchSpec spec) {
        RecordBatchBuilder builder = new RecordBatchBuilder().compression(spec.compression());
        List<ModelRecord> records = new ArrayList<>(spec.records().size());
        for (RecordSpec record : spec.records()) {
            clockMs += record.clockStepMs();
            long timestamp = spec.withoutTimestamps() ? RecordBatch.NO_TIMESTAMP : clockMs + record.timestampSkewMs();
            long n = recordNumber++;
            String key = text("k" + n + "-", record.keySize(), n);
            String value = text("v" + n + "|", record.valueSize(), ~n);
            builder.append(timestamp, bytes(key), bytes(value));
            records.add(new ModelRecord(-1, timestamp, key, value));
        }
        ByteBuffer built = builder.build().buffer();
        byte[] bytes = new byte[built.remaining()];
        built.duplicate().get(bytes);
        return new SentBatch(bytes, records);
    }

    /** {@code size} ASCII characters starting with {@code prefix}; null for a negative size. */
    private static String text(String prefix, int size, long seed) {
        if (size < 0) {
            return null;
        }
        StringBuilder text = new StringBuilder(size).append(prefix, 0, Math.min(prefix.length(), size));
        SplittableRandom random = new SplittableRandom(seed);
        while (text.length() < size) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.US_ASCII);
    }
}
