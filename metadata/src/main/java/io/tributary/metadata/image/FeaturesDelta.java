package io.tributary.metadata.image;

import io.tributary.metadata.record.FeatureLevelRecord;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The changes to a {@link FeaturesImage}. A {@code FeatureLevelRecord} with level 0 disables its
 * feature, which {@code metadata.version} cannot be; a negative level is impossible.
 *
 * <p>Not thread safe: owned by the thread replaying the metadata log, read-only once applied.
 */
public final class FeaturesDelta {

    private final FeaturesImage image;
    /** The new level of every feature touched; 0 for a feature disabled. */
    private final Map<String, Short> changes = new TreeMap<>();

    FeaturesDelta(FeaturesImage image) {
        this.image = image;
    }

    public FeaturesImage image() {
        return image;
    }

    /** The new level of every feature this delta touches; 0 for a feature it disables. */
    public Map<String, Short> changes() {
        return Collections.unmodifiableMap(changes);
    }

    void replay(FeatureLevelRecord record) {
        short level = record.featureLevel();
        if (level < 0 || (level == 0 && record.name().equals(FeaturesImage.METADATA_VERSION))) {
            throw new IllegalStateException("FeatureLevelRecord sets feature " + record.name() + " to impossible level " + level);
        }
        changes.put(record.name(), level);
    }

    public FeaturesImage apply() {
        if (changes.isEmpty()) {
            return image;
        }
        Map<String, Short> levels = new HashMap<>(image.finalizedLevels());
        changes.forEach((name, level) -> {
            if (level == 0) {
                levels.remove(name);
            } else {
                levels.put(name, level);
            }
        });
        return new FeaturesImage(levels);
    }

    @Override
    public String toString() {
        return "FeaturesDelta(" + changes + ")";
    }
}
