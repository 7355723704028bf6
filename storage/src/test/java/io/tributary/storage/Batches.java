package io.tributary.storage;

import io.tributary.records.CompressionType;
import io.tributary.records.MemoryRecords;
import io.tributary.records.Record;
import io.tributary.records.RecordBatch;
import io.tributary.records.RecordBatchBuilder;
import io.tributary.records.RecordIterator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds batches as a client would send them, and reads values back, for storage tests. */
final class Batches {

    private Batches() {
    }

    /** One uncompressed batch of {@code values}, timestamps from {@code timestamp}. */
    static MemoryRecords of(long timestamp, String... values) {
        return of(CompressionType.NONE, timestamp, values);
    }

    static MemoryRecords of(CompressionType compression, long timestamp, String... values) {
        RecordBatchBuilder builder = new RecordBatchBuilder().compression(compression);
        for (int i = 0; i < values.length; i++) {
            builder.append(timestamp + i, ("k" + i).getBytes(StandardCharsets.UTF_8), values[i].getBytes(StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    /** One batch whose single value has {@code size} bytes. */
    static MemoryRecords ofSize(int size, long timestamp) {
        return new RecordBatchBuilder().append(timestamp, null, new byte[size]).build();
    }

    /** A private copy: appends rewrite batch headers in place. */
    static MemoryRecords copy(MemoryRecords records) {
        ByteBuffer copy = ByteBuffer.allocate(records.sizeInBytes());
        records.copyTo(copy);
        return MemoryRecords.readableRecords(copy.flip());
    }

    /** Every record in {@code info} at or after {@code fromOffset}, as "offset:value". */
    static List<String> values(FetchDataInfo info, long fromOffset) {
        ByteBuffer bytes = ByteBuffer.allocate(info.records().sizeInBytes());
        info.records().copyTo(bytes);
        List<String> out = new ArrayList<>();
        for (RecordBatch batch : MemoryRecords.readableRecords(bytes.flip()).batches()) {
            try (RecordIterator records = batch.records()) {
                while (records.hasNext()) {
                    Record r = records.next();
                    if (r.offset() >= fromOffset) {
                        out.add(r.offset() + ":" + StandardCharsets.UTF_8.decode(r.value()));
                    }
                }
            }
        }
        return out;
    }
}
