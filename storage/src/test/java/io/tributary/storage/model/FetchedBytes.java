package io.tributary.storage.model;

import io.tributary.records.MemoryRecords;
import io.tributary.records.Record;
import io.tributary.records.RecordBatch;
import io.tributary.records.RecordIterator;
import io.tributary.records.Records;
import io.tributary.storage.model.LogModel.ModelRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes a read returned, decoded the way a consumer decodes a fetch response: whole batches,
 * then possibly a partial trailing batch that is dropped.
 *
 * @param bytes           everything returned
 * @param batches         the whole batches, in order
 * @param wholeBatchBytes the bytes the whole batches occupy; any bytes after them are a partial batch
 */
record FetchedBytes(byte[] bytes, List<RecordBatch> batches, int wholeBatchBytes) {

    static FetchedBytes of(Records records) {
        ByteBuffer buffer = ByteBuffer.allocate(records.sizeInBytes());
        records.copyTo(buffer);
        byte[] bytes = buffer.array();
        List<RecordBatch> batches = new ArrayList<>();
        int whole = 0;
        for (RecordBatch batch : MemoryRecords.readableRecords(ByteBuffer.wrap(bytes)).batches()) {
            batches.add(batch);
            whole += batch.sizeInBytes();
        }
        return new FetchedBytes(bytes, List.copyOf(batches), whole);
    }

    boolean hasPartialTrailingBatch() {
        return wholeBatchBytes < bytes.length;
    }

    /** Every record of the whole batches, CRCs checked. */
    List<ModelRecord> records() {
        List<ModelRecord> out = new ArrayList<>();
        for (RecordBatch batch : batches) {
            batch.ensureValid();
            try (RecordIterator records = batch.records()) {
                while (records.hasNext()) {
                    Record r = records.next();
                    out.add(new ModelRecord(r.offset(), r.timestamp(), text(r.key()), text(r.value())));
                }
            }
        }
        return out;
    }

    private static String text(ByteBuffer bytes) {
        return bytes == null ? null : StandardCharsets.US_ASCII.decode(bytes).toString();
    }
}
