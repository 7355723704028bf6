package io.tributary.controller;

import java.util.Map;

/** Checks topic configs by name and value; supplied by the broker, which owns the config definitions. */
@FunctionalInterface
public interface TopicConfigValidator {

    /** Null if every entry is valid, else Kafka's message for the first invalid one (INVALID_CONFIG). */
    String invalidReason(Map<String, String> configs);
}
