package io.tributary.records;

import static io.tributary.records.RecordBatchDescriptor.NO_SEQUENCE;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one record body (the bytes after its length varint) against its batch's header.
 * Every length and count is checked against the bytes left in the body before it is used, and
 * the body must be consumed exactly. Stateless apart from the batch fields; owned by one iterator.
 */
final class RecordDecoder {

    /** The smallest header: a one-byte key length and a one-byte value length. */
    private static final int MIN_HEADER_BYTES = 2;

    private final long baseOffset;
    private final long baseTimestamp;
    private final boolean logAppendTime;
    private final long maxTimestamp;
    private final int baseSequence;

    RecordDecoder(RecordBatch batch) {
        this.baseOffset = batch.baseOffset();
        this.baseTimestamp = batch.baseTimestamp();
        this.logAppendTime = batch.timestampType() == TimestampType.LOG_APPEND_TIME;
        this.maxTimestamp = batch.maxTimestamp();
        this.baseSequence = batch.baseSequence();
    }

    /** @param body exactly one record's body, positioned at its attributes byte */
    Record decode(ByteBuffer body) {
        int bodySize = body.remaining();
        byte attributes = body.get();
        long timestampDelta = Varint.readVarlong(body);
        int offsetDelta = Varint.readVarint(body);
        ByteBuffer key = readNullableBytes(body, "key");
        ByteBuffer value = readNullableBytes(body, "value");
        List<Header> headers = readHeaders(body);
        if (body.hasRemaining()) {
            throw new CorruptRecordException(body.remaining() + " bytes follow the headers inside the record's "
                    + bodySize + " bytes");
        }
        long timestamp = logAppendTime ? maxTimestamp : baseTimestamp + timestampDelta;
        int sequence = baseSequence < 0 ? NO_SEQUENCE : RecordBatch.incrementSequence(baseSequence, offsetDelta);
        int sizeInBytes = Varint.sizeOfVarint(bodySize) + bodySize;
        return new Record(baseOffset + offsetDelta, offsetDelta, timestamp, timestampDelta, attributes, sequence,
                sizeInBytes, key, value, headers);
    }

    private static ByteBuffer readNullableBytes(ByteBuffer body, String field) {
        int length = Varint.readVarint(body);
        if (length == -1) {
            return null;
        }
        return readBytes(body, length, field);
    }

    private static ByteBuffer readBytes(ByteBuffer body, int length, String field) {
        if (length < 0) {
            throw new CorruptRecordException(field + " length " + length + " is negative");
        }
        if (length > body.remaining()) {
            throw new CorruptRecordException(field + " length " + length + " exceeds the "
                    + body.remaining() + " bytes remaining in the record");
        }
        ByteBuffer bytes = body.slice(body.position(), length);
        body.position(body.position() + length);
        return bytes;
    }

    private static List<Header> readHeaders(ByteBuffer body) {
        int count = Varint.readVarint(body);
        if (count == 0) {
            return List.of();
        }
        if (count < 0) {
            throw new CorruptRecordException("header count " + count + " is negative");
        }
        if (count > body.remaining() / MIN_HEADER_BYTES) {
            throw new CorruptRecordException("header count " + count + " cannot fit in the "
                    + body.remaining() + " bytes remaining in the record");
        }
        List<Header> headers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ByteBuffer key = readBytes(body, Varint.readVarint(body), "header " + i + " key");
            ByteBuffer value = readNullableBytes(body, "header " + i + " value");
            headers.add(Header.view(StandardCharsets.UTF_8.decode(key).toString(), value));
        }
        return headers;
    }
}
