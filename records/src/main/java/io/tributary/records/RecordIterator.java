package io.tributary.records;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The records of one batch, decoded one at a time; obtained from {@link RecordBatch#records()}.
 *
 * <p>Exactly {@link RecordBatch#recordCount()} records are returned. Reading the last one also
 * checks that no bytes follow it; records running out early, trailing bytes, or any malformed
 * field end the iteration with a {@link CorruptRecordException} naming the batch, the record's
 * index and its position. After a failure the iterator is closed and {@link #hasNext()} answers
 * false.
 *
 * <p>Close it (try-with-resources) unless it is read to the end or fails: a compressed batch's
 * decompressor holds native memory or an {@link java.util.zip.Inflater} until then. Closing twice
 * is harmless. Not thread-safe.
 */
public final class RecordIterator implements Iterator<Record>, AutoCloseable {

    private final String batchDescription;
    private final int recordCount;
    private final RecordSource source;
    private final RecordDecoder decoder;
    private int nextIndex;
    private boolean closed;

    RecordIterator(RecordBatch batch, RecordSource source) {
        this.batchDescription = batch.describe();
        this.recordCount = batch.recordCount();
        this.source = source;
        this.decoder = new RecordDecoder(batch);
        if (recordCount == 0) {
            finish();
        }
    }

    @Override
    public boolean hasNext() {
        return !closed && nextIndex < recordCount;
    }

    /**
     * @throws CorruptRecordException if the record, or what follows the last one, is malformed
     */
    @Override
    public Record next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String position = source.position();
        Record record;
        try {
            ByteBuffer body = source.nextRecordBody();
            if (body == null) {
                throw new CorruptRecordException("the records end, but the batch declares " + recordCount);
            }
            record = decoder.decode(body);
        } catch (CorruptRecordException e) {
            close();
            throw new CorruptRecordException(batchDescription + ": record " + nextIndex + " at " + position + ": "
                    + e.getMessage(), e);
        }
        nextIndex++;
        if (nextIndex == recordCount) {
            finish();
        }
        return record;
    }

    /** Reads every remaining record into a list, closing the iterator. */
    public List<Record> toList() {
        try {
            List<Record> records = new ArrayList<>();
            while (hasNext()) {
                records.add(next());
            }
            return records;
        } finally {
            close();
        }
    }

    private void finish() {
        try {
            source.ensureExhausted();
        } catch (CorruptRecordException e) {
            throw new CorruptRecordException(batchDescription + ": after " + recordCount + " records: "
                    + e.getMessage(), e);
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            source.close();
        }
    }
}
