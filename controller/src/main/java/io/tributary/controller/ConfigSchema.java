package io.tributary.controller;

import io.tributary.metadata.image.ConfigResource;
import io.tributary.metadata.image.MetadataImage;
import java.util.Map;

/**
 * What {@link ConfigControl} needs to know of config definitions, which the broker owns: which
 * settings are lists (APPEND and SUBTRACT apply only to those), their defaults, and whether a
 * resource's complete set of configs is valid. Implementations are stateless and thread-safe.
 */
public interface ConfigSchema {

    /** Whether {@code name} is a setting of LIST type for resources of {@code type}; false for unknown names. */
    boolean isList(ConfigResource.Type type, String name);

    /** The default of {@code name} as a string (lists comma-separated), or null when it has none or is unknown. */
    String defaultValue(ConfigResource.Type type, String name);

    /**
     * Checks the complete configs a topic would have after an alteration: names, values, and
     * settings that must agree with each other or with the broker's defaults in {@code image}.
     *
     * @return null if valid, else Kafka's message for INVALID_CONFIG
     */
    String invalidTopicConfigs(Map<String, String> configs, MetadataImage image);
}
