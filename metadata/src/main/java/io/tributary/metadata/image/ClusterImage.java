package io.tributary.metadata.image;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registered brokers of the metadata image.
 *
 * <p>Immutable and thread safe.
 *
 * @param brokers the registrations by broker id, in id order
 */
public record ClusterImage(Map<Integer, BrokerRegistration> brokers) {

    public static final ClusterImage EMPTY = new ClusterImage(Map.of());

    public ClusterImage {
        brokers.forEach((id, registration) -> {
            if (registration.id() != id) {
                throw new IllegalArgumentException("registration of broker " + registration.id() + " is keyed by " + id);
            }
        });
        brokers = Collections.unmodifiableMap(new TreeMap<>(brokers));
    }

    public Optional<BrokerRegistration> broker(int brokerId) {
        return Optional.ofNullable(brokers.get(brokerId));
    }

    public boolean isEmpty() {
        return brokers.isEmpty();
    }
}
