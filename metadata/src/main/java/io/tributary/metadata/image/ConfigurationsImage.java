package io.tributary.metadata.image;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Dynamic configuration of the metadata image: for each resource, its keys and values. Only
 * values set through the metadata log are here, not the static configuration of a broker or the
 * defaults; a resource without any key is absent.
 *
 * <p>Immutable and thread safe.
 *
 * @param resources each resource's configs, key to value, both in key order
 */
public record ConfigurationsImage(Map<ConfigResource, Map<String, String>> resources) {

    public static final ConfigurationsImage EMPTY = new ConfigurationsImage(Map.of());

    public ConfigurationsImage {
        TreeMap<ConfigResource, Map<String, String>> copy = new TreeMap<>();
        resources.forEach((resource, configs) -> {
            if (!configs.isEmpty()) {
                copy.put(resource, Collections.unmodifiableMap(new TreeMap<>(configs)));
            }
        });
        resources = Collections.unmodifiableMap(copy);
    }

    /** The configs of {@code resource}; empty if it has none. */
    public Map<String, String> configs(ConfigResource resource) {
        return resources.getOrDefault(resource, Map.of());
    }

    public Optional<String> value(ConfigResource resource, String key) {
        return Optional.ofNullable(configs(resource).get(key));
    }

    public boolean isEmpty() {
        return resources.isEmpty();
    }
}
