package io.tributary.storage;

/** A batch is larger than {@code max.message.bytes} or than a segment can hold: Kafka's RECORD_TOO_LARGE. */
public final class RecordTooLargeException extends StorageException {

    public RecordTooLargeException(String message) {
        super(message);
    }
}
