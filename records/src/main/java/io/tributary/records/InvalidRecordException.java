package io.tributary.records;

/**
 * The bytes form a well-framed batch with a correct CRC, but one the broker must not accept: a
 * magic other than 2, a record count that disagrees with the offset range, offset deltas that are
 * not 0, 1, 2, ..., a producer id without a base sequence, records that do not decode or do not
 * match the declared count. Kafka answers such produce requests with
 * {@code INVALID_RECORD}.
 */
public final class InvalidRecordException extends RecordsException {

    public InvalidRecordException(String message) {
        super(message, null);
    }

    public InvalidRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
