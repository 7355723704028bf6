package io.tributary.storage.cleaner;

/** Cleaning of a log stopped because the log was deleted, changed under the cleaner, or the cleaner is shutting down. */
public final class LogCleaningAbortedException extends RuntimeException {

    public LogCleaningAbortedException(String message) {
        super(message);
    }

    public LogCleaningAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
