package io.tributary.records;

/**
 * The one supertype for bytes that do not form acceptable record batches. Callers that only need
 * to refuse bad input catch this; the broker maps the two subtypes to Kafka's error codes at its
 * error boundary: {@link CorruptRecordException} to {@code CORRUPT_MESSAGE} and
 * {@link InvalidRecordException} to {@code INVALID_RECORD}.
 *
 * <p>Messages name the batch (by base offset and byte position) and the problem, e.g.
 * {@code batch at position 0 (base offset 42): record 3 at byte 97: key length 1000 exceeds the 20 bytes remaining in the record}.
 */
public abstract class RecordsException extends RuntimeException {

    RecordsException(String message, Throwable cause) {
        super(message, cause);
    }
}
