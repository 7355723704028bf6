package io.tributary.metadata.image;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The finalized feature levels of the cluster, Kafka's {@code metadata.version} among them. A
 * feature that is absent is at level 0 (not enabled).
 *
 * <p>Immutable and thread safe.
 *
 * @param finalizedLevels the level of every enabled feature, by name; no level is 0
 */
public record FeaturesImage(Map<String, Short> finalizedLevels) {

    /** The feature that versions the metadata log's own records. */
    public static final String METADATA_VERSION = "metadata.version";

    public static final FeaturesImage EMPTY = new FeaturesImage(Map.of());

    public FeaturesImage {
        finalizedLevels.forEach((name, level) -> {
            if (level <= 0) {
                throw new IllegalArgumentException("feature " + name + " has level " + level + "; absent features are level 0");
            }
        });
        finalizedLevels = Collections.unmodifiableMap(new TreeMap<>(finalizedLevels));
    }

    /** The finalized level of {@code feature}, 0 if it is not enabled. */
    public short finalizedLevel(String feature) {
        return finalizedLevels.getOrDefault(feature, (short) 0);
    }

    public boolean isEmpty() {
        return finalizedLevels.isEmpty();
    }
}
