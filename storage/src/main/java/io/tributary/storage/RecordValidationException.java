package io.tributary.storage;

import java.util.List;

/**
 * Records of a batch break a topic's record-level rules (a key is missing on a compacted topic, a
 * timestamp lies outside {@code message.timestamp.before.max.ms} / {@code after.max.ms}): Kafka's
 * {@code RecordValidationException}. The whole batch is refused and nothing is written; the broker
 * answers INVALID_TIMESTAMP if any record's timestamp is at fault, else INVALID_RECORD, with the
 * failing records in {@link #recordErrors()} and Kafka's summary as the message.
 */
public final class RecordValidationException extends StorageException {

    private static final int ERRORS_IN_MESSAGE = 3;

    private final List<RecordError> recordErrors;
    private final boolean invalidTimestamp;

    /**
     * @param recordErrors     every refused record of the batch, at least one
     * @param invalidTimestamp whether any of them was refused for its timestamp
     */
    public RecordValidationException(List<RecordError> recordErrors, boolean invalidTimestamp) {
        super(summary(recordErrors, invalidTimestamp));
        this.recordErrors = List.copyOf(recordErrors);
        this.invalidTimestamp = invalidTimestamp;
    }

    /** The refused records, in batch order. */
    public List<RecordError> recordErrors() {
        return recordErrors;
    }

    /** INVALID_TIMESTAMP rather than INVALID_RECORD. */
    public boolean invalidTimestamp() {
        return invalidTimestamp;
    }

    private static String summary(List<RecordError> errors, boolean invalidTimestamp) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a record validation failure needs at least one record error");
        }
        if (invalidTimestamp) {
            return "One or more records have been rejected due to invalid timestamp";
        }
        return "One or more records have been rejected due to " + errors.size() + " record errors in total, and only"
                + " showing the first three errors at most: " + errors.subList(0, Math.min(errors.size(), ERRORS_IN_MESSAGE));
    }
}
