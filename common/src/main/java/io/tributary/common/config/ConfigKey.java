package io.tributary.common.config;

import java.util.List;
import java.util.Objects;

/**
 * The definition of one setting: everything an operator, the parser and DescribeConfigs need to know
 * about it, side by side. Immutable.
 *
 * @param name          the key in a properties file, Kafka's where Kafka has the setting
 * @param type          how the text is parsed
 * @param required      true when there is no default and the setting must be given
 * @param defaultValue  the parsed default; null for a required setting, or for one that is unset
 *                      unless given (its meaning then comes from another setting, e.g. {@code log.roll.ms})
 * @param validator     checks a parsed value; null for none
 * @param importance    how much an operator should care
 * @param documentation what the setting does, for operators; differences from Kafka are stated here
 * @param synonyms      for a topic-level setting, the broker settings that supply its default, most
 *                      specific first ({@code retention.ms}: {@code log.retention.ms},
 *                      {@code log.retention.minutes}, {@code log.retention.hours}); empty otherwise
 * @param internal      true for a setting meant for tests, left out of documentation and DescribeConfigs
 */
public record ConfigKey(
        String name,
        ConfigType type,
        boolean required,
        Object defaultValue,
        Validator validator,
        Importance importance,
        String documentation,
        List<String> synonyms,
        boolean internal) {

    /**
     * Parses a default given as text, widens a numeric one to the type, and checks it with the validator.
     *
     * @throws IllegalArgumentException or ConfigException when the default itself is wrong (a bug in the definition)
     */
    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(importance, "importance");
        Objects.requireNonNull(documentation, "documentation");
        synonyms = List.copyOf(synonyms);
        if (required && defaultValue != null) {
            throw new IllegalArgumentException("Configuration " + name + " is required, so it cannot have a default");
        }
        if (defaultValue != null) {
            defaultValue = type.coerce(name, defaultValue);
            if (validator != null) {
                validator.ensureValid(name, defaultValue);
            }
        }
    }

    /** A setting with a default (which may be null: unset unless given). */
    public static ConfigKey of(String name, ConfigType type, Object defaultValue, Validator validator,
                               Importance importance, String documentation) {
        return new ConfigKey(name, type, false, defaultValue, validator, importance, documentation, List.of(), false);
    }

    /** A setting without a default, which must be given. */
    public static ConfigKey required(String name, ConfigType type, Validator validator, Importance importance,
                                     String documentation) {
        return new ConfigKey(name, type, true, null, validator, importance, documentation, List.of(), false);
    }

    /** This key with the broker settings that supply its default, most specific first. */
    public ConfigKey withSynonyms(String... brokerSettings) {
        return new ConfigKey(name, type, required, defaultValue, validator, importance, documentation,
                List.of(brokerSettings), internal);
    }

    /** This key marked as internal (for tests; not documented or described). */
    public ConfigKey asInternal() {
        return new ConfigKey(name, type, required, defaultValue, validator, importance, documentation, synonyms, true);
    }

    /** Whether the setting may be left out. */
    public boolean hasDefault() {
        return !required;
    }

    /** Whether the value must never be shown (DescribeConfigs' {@code IsSensitive}). */
    public boolean isSensitive() {
        return type.isSensitive();
    }

    /** The valid values in words, for documentation; empty when anything of the type goes. */
    public String validValues() {
        return validator == null ? "" : validator.toString();
    }
}
