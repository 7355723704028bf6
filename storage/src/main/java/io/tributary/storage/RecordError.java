package io.tributary.storage;

/**
 * Why one record of a batch was refused: Kafka's {@code RecordError}, sent back in the produce
 * response's {@code record_errors} (Produce v8+) so the producer fails just that record.
 *
 * @param batchIndex the record's index in its batch, from 0
 * @param message    what is wrong with it, in Kafka's words
 */
public record RecordError(int batchIndex, String message) {

    /** Kafka's rendering, which its error messages embed. */
    @Override
    public String toString() {
        return "RecordError(batchIndex=" + batchIndex + ", message=" + (message == null ? "null" : "'" + message + "'") + ")";
    }
}
