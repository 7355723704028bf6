package io.tributary.records;

import java.nio.ByteBuffer;

/** Records read straight from an uncompressed batch's bytes: bodies are slices, never copies. */
final class UncompressedRecordSource implements RecordSource {

    private final ByteBuffer records;

    /** @param records the bytes after the batch header, positioned at the first record */
    UncompressedRecordSource(ByteBuffer records) {
        this.records = records.slice();
    }

    @Override
    public ByteBuffer nextRecordBody() {
        if (!records.hasRemaining()) {
            return null;
        }
        int length = Varint.readVarint(records);
        if (length < MIN_BODY_BYTES) {
            throw new CorruptRecordException("record length " + length + " is less than the minimum of " + MIN_BODY_BYTES);
        }
        if (length > records.remaining()) {
            throw new CorruptRecordException("record length " + length + " exceeds the "
                    + records.remaining() + " bytes remaining in the batch");
        }
        ByteBuffer body = records.slice(records.position(), length);
        records.position(records.position() + length);
        return body;
    }

    @Override
    public String position() {
        return "byte " + (RecordBatchDescriptor.RECORDS_OFFSET + records.position()) + " of the batch";
    }

    @Override
    public void ensureExhausted() {
        if (records.hasRemaining()) {
            throw new CorruptRecordException(records.remaining() + " bytes follow the last record the batch declares");
        }
    }

    @Override
    public void close() {
    }
}
