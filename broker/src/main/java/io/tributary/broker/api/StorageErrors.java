package io.tributary.broker.api;

import io.tributary.protocol.Errors;
import io.tributary.storage.CorruptBatchException;
import io.tributary.storage.InvalidBatchException;
import io.tributary.storage.LogDirectoryException;
import io.tributary.storage.OffsetOutOfRangeException;
import io.tributary.storage.RecordTooLargeException;
import io.tributary.storage.RecordValidationException;
import io.tributary.storage.producer.InvalidProducerEpochException;
import io.tributary.storage.producer.InvalidTxnStateException;
import io.tributary.storage.producer.OutOfOrderSequenceException;

/**
 * The one place where storage failures become Kafka error codes (STYLE habit 9). Anything not
 * listed is a bug or an unexpected failure: UNKNOWN_SERVER_ERROR.
 */
final class StorageErrors {

    private StorageErrors() {
    }

    static Errors toError(Throwable failure) {
        Throwable t = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (t instanceof CorruptBatchException) {
            return Errors.CORRUPT_MESSAGE;
        }
        if (t instanceof RecordValidationException e) {
            return e.invalidTimestamp() ? Errors.INVALID_TIMESTAMP : Errors.INVALID_RECORD;
        }
        if (t instanceof InvalidBatchException) {
            return Errors.INVALID_RECORD;
        }
        if (t instanceof RecordTooLargeException) {
            return Errors.MESSAGE_TOO_LARGE;
        }
        if (t instanceof OffsetOutOfRangeException) {
            return Errors.OFFSET_OUT_OF_RANGE;
        }
        if (t instanceof OutOfOrderSequenceException) {
            return Errors.OUT_OF_ORDER_SEQUENCE_NUMBER;
        }
        if (t instanceof InvalidProducerEpochException) {
            return Errors.INVALID_PRODUCER_EPOCH;
        }
        if (t instanceof InvalidTxnStateException) {
            return Errors.INVALID_TXN_STATE;
        }
        if (t instanceof LogDirectoryException) {
            return Errors.KAFKA_STORAGE_ERROR;
        }
        return Errors.UNKNOWN_SERVER_ERROR;
    }
}
