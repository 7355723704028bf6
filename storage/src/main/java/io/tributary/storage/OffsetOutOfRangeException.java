package io.tributary.storage;

/** A read asked for an offset outside [log start offset, log end offset]: Kafka's OFFSET_OUT_OF_RANGE. */
public final class OffsetOutOfRangeException extends StorageException {

    public OffsetOutOfRangeException(String message) {
        super(message);
    }
}
