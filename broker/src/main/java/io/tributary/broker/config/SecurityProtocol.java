package io.tributary.broker.config;

import java.util.Locale;
import java.util.Optional;

/** How a listener's connections are secured; Kafka's four protocols with Kafka's ids. */
public enum SecurityProtocol {
    PLAINTEXT(0),
    SSL(1),
    SASL_PLAINTEXT(2),
    SASL_SSL(3);

    private final int id;

    SecurityProtocol(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** Whether connections use TLS or SASL (Kafka then does not map controller listeners to PLAINTEXT by itself). */
    public boolean isSslOrSasl() {
        return this != PLAINTEXT;
    }

    /** The protocol of this name in any case, as Kafka's {@code SecurityProtocol.forName}. */
    public static Optional<SecurityProtocol> forName(String name) {
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
