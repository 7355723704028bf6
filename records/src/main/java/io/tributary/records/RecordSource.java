package io.tributary.records;

import java.nio.ByteBuffer;

/**
 * Where a {@link RecordIterator} gets each record's bytes from: the batch itself when it is
 * uncompressed, a bounded decompressor otherwise. Not thread-safe; owned by one iterator.
 */
interface RecordSource extends AutoCloseable {

    /** The shortest record body: attributes plus five one-byte varints. */
    int MIN_BODY_BYTES = RecordBatchDescriptor.MIN_RECORD_SIZE_BYTES - 1;

    /**
     * Reads the next record's length varint and returns exactly that many following bytes (the
     * record's body), or null if the records ended cleanly before another record began.
     *
     * @throws CorruptRecordException if the length is impossible or the data ends inside it
     */
    ByteBuffer nextRecordBody();

    /** Where the next record starts, for error messages. */
    String position();

    /** Throws {@link CorruptRecordException} unless every byte of the records has been read. */
    void ensureExhausted();

    @Override
    void close();
}
