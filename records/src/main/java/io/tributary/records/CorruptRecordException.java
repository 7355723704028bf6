package io.tributary.records;

/**
 * The bytes are damaged or not a record batch at all: a size or count larger than what the batch
 * holds, a CRC-32C mismatch, a truncated batch, a malformed varint, a compressed payload that does
 * not decompress or decompresses to more than the configured bound. Kafka answers such produce
 * requests with {@code CORRUPT_MESSAGE}.
 */
public final class CorruptRecordException extends RecordsException {

    public CorruptRecordException(String message) {
        super(message, null);
    }

    public CorruptRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
