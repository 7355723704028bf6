package io.tributary.controller;

import io.tributary.protocol.Errors;

/**
 * An error code with the message a client sees, as one per-resource result of an administrative
 * operation (Kafka's {@code ApiError}). Immutable.
 *
 * @param error   the error; {@link Errors#NONE} for success
 * @param message the message, or null for none (Kafka sends null on success and for unexpected errors)
 */
public record ApiError(Errors error, String message) {

    public static final ApiError NONE = new ApiError(Errors.NONE, null);

    public boolean isFailure() {
        return error != Errors.NONE;
    }
}
