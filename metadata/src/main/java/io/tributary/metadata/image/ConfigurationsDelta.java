package io.tributary.metadata.image;

import io.tributary.metadata.record.ConfigRecord;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The changes to a {@link ConfigurationsImage}: each touched resource's complete new configs. A
 * {@code ConfigRecord} with a null value deletes its key; removing a topic deletes all its configs.
 *
 * <p>Not thread safe: owned by the thread replaying the metadata log, read-only once applied.
 */
public final class ConfigurationsDelta {

    private final ConfigurationsImage image;
    /** The full new configs of every resource touched, copied from the image on first touch. */
    private final Map<ConfigResource, Map<String, String>> changes = new TreeMap<>();

    ConfigurationsDelta(ConfigurationsImage image) {
        this.image = image;
    }

    public ConfigurationsImage image() {
        return image;
    }

    /** The resources whose configs this delta changes. */
    public Set<ConfigResource> changedResources() {
        return Collections.unmodifiableSet(changes.keySet());
    }

    /** The configs of {@code resource} with this delta's changes so far. */
    public Map<String, String> configs(ConfigResource resource) {
        Map<String, String> changed = changes.get(resource);
        return changed != null ? Collections.unmodifiableMap(changed) : image.configs(resource);
    }

    void replay(ConfigResource resource, ConfigRecord record) {
        Map<String, String> configs = changes.computeIfAbsent(resource, r -> new TreeMap<>(image.configs(r)));
        if (record.value() == null) {
            configs.remove(record.name());
        } else {
            configs.put(record.name(), record.value());
        }
    }

    /** Deletes every config of {@code resource}, as when its topic is removed. */
    void deleteAll(ConfigResource resource) {
        if (changes.containsKey(resource) || !image.configs(resource).isEmpty()) {
            changes.put(resource, new TreeMap<>());
        }
    }

    public ConfigurationsImage apply() {
        if (changes.isEmpty()) {
            return image;
        }
        Map<ConfigResource, Map<String, String>> resources = new HashMap<>(image.resources());
        resources.putAll(changes);
        return new ConfigurationsImage(resources);
    }

    @Override
    public String toString() {
        return "ConfigurationsDelta(" + changes + ")";
    }
}
