package io.tributary.coordinator.runtime;

import io.tributary.protocol.Errors;

/** A failure a coordinator reports to clients with a Kafka error code. */
public final class CoordinatorException extends RuntimeException {

    private final Errors error;

    public CoordinatorException(Errors error, String message) {
        super(message);
        this.error = error;
    }

    public CoordinatorException(Errors error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    public Errors error() {
        return error;
    }

    /** The Kafka error for any failure: a coordinator exception's own, otherwise UNKNOWN_SERVER_ERROR. */
    public static Errors errorOf(Throwable failure) {
        Throwable t = failure;
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof CoordinatorException ce ? ce.error : Errors.UNKNOWN_SERVER_ERROR;
    }
}
