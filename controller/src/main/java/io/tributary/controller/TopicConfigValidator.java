package io.tributary.controller;

import io.tributary.metadata.image.MetadataImage;
import java.util.Map;

/** Checks topic configs by name and value; supplied by the broker, which owns the config definitions. */
@FunctionalInterface
public interface TopicConfigValidator {

    /**
     * Null if every entry is valid, else Kafka's message for the first invalid one (INVALID_CONFIG).
     * {@code image} holds the dynamic broker configs that supply the topic's defaults.
     */
    String invalidReason(Map<String, String> configs, MetadataImage image);
}
