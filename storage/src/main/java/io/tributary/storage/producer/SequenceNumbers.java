package io.tributary.storage.producer;

/**
 * Arithmetic on producer sequence numbers. A sequence is a non-negative {@code int} that wraps from
 * {@link Integer#MAX_VALUE} to 0 (never to a negative value), as Kafka's producer assigns them; a
 * batch of {@code n} records starting at {@code base} ends at {@code increment(base, n - 1)}.
 *
 * <p>Stateless; thread-safe.
 */
public final class SequenceNumbers {

    /** The sequence of a batch written without idempotence (Kafka's {@code RecordBatch.NO_SEQUENCE}). */
    public static final int NO_SEQUENCE = -1;

    private SequenceNumbers() {
    }

    /** {@code sequence + delta}, wrapping past {@link Integer#MAX_VALUE} to 0. */
    public static int increment(int sequence, int delta) {
        if (sequence > Integer.MAX_VALUE - delta) {
            return delta - (Integer.MAX_VALUE - sequence) - 1;
        }
        return sequence + delta;
    }

    /** {@code sequence - delta}, wrapping below 0 to {@link Integer#MAX_VALUE}. */
    public static int decrement(int sequence, int delta) {
        if (sequence < delta) {
            return Integer.MAX_VALUE - (delta - sequence) + 1;
        }
        return sequence - delta;
    }

    /** Whether {@code next} directly follows {@code last}, including the wrap from MAX_VALUE to 0. */
    public static boolean isNext(int last, int next) {
        return next == last + 1L || (next == 0 && last == Integer.MAX_VALUE);
    }

    /**
     * The last sequence of a batch whose header holds {@code baseSequence} and {@code lastOffsetDelta};
     * {@link #NO_SEQUENCE} when the batch has none.
     */
    public static int lastSequence(int baseSequence, int lastOffsetDelta) {
        return baseSequence == NO_SEQUENCE ? NO_SEQUENCE : increment(baseSequence, lastOffsetDelta);
    }
}
