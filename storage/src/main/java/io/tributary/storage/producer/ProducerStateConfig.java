package io.tributary.storage.producer;

/**
 * The settings of producer state, with Kafka's broker-level names and defaults. Immutable; thread-safe.
 *
 * @param producerIdExpirationMs {@code producer.id.expiration.ms}: how long after a producer's last
 *                               batch timestamp its state is dropped, unless it has a transaction open
 */
public record ProducerStateConfig(long producerIdExpirationMs) {

    public static final String PRODUCER_ID_EXPIRATION_MS_CONFIG = "producer.id.expiration.ms";
    public static final long PRODUCER_ID_EXPIRATION_MS_DEFAULT = 86_400_000L;
    public static final String PRODUCER_ID_EXPIRATION_MS_DOC = "The time in ms that a topic partition leader will"
            + " wait before expiring producer IDs. Producer IDs will not expire while a transaction associated to"
            + " them is still ongoing.";

    public ProducerStateConfig {
        if (producerIdExpirationMs < 1) {
            throw new IllegalArgumentException(PRODUCER_ID_EXPIRATION_MS_CONFIG + " must be at least 1, got "
                    + producerIdExpirationMs);
        }
    }

    /** Kafka's defaults. */
    public static ProducerStateConfig defaults() {
        return new ProducerStateConfig(PRODUCER_ID_EXPIRATION_MS_DEFAULT);
    }
}
