package io.tributary.common.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings of one component, in definition order, and the parser that turns a map of strings
 * into a {@link ParsedConfig}. Built once with {@link #builder()}; immutable and thread-safe after.
 *
 * <p>{@link #parse} follows Kafka's {@code ConfigDef.parse}: for each defined key, the given text is
 * parsed by its {@link ConfigType} and checked by its {@link Validator}; a key that is not given takes
 * its default, or fails with {@code Missing required configuration "KEY" which has no default value.}
 * The first bad value ends the parse with a {@link ConfigException} naming that key and value. A key
 * in the input that is not defined is not an error: it is listed in {@link ParsedConfig#unknownKeys()}
 * for the caller to warn about, because Kafka files carry settings we do not implement.
 */
public final class ConfigDef {

    private final Map<String, ConfigKey> keys;

    private ConfigDef(Map<String, ConfigKey> keys) {
        this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every key, in definition order. */
    public Collection<ConfigKey> keys() {
        return keys.values();
    }

    /** Every key's name, in definition order. */
    public Set<String> names() {
        return keys.keySet();
    }

    public Optional<ConfigKey> key(String name) {
        return Optional.ofNullable(keys.get(name));
    }

    public boolean contains(String name) {
        return keys.containsKey(name);
    }

    /**
     * Parses and validates one value of a defined setting, e.g. one entry of an AlterConfigs request.
     *
     * @throws IllegalArgumentException when {@code name} is not defined
     * @throws ConfigException          when the value is not valid
     */
    public Object parseValue(String name, String text) {
        return parseValue(requireKey(name), text, null);
    }

    /**
     * Parses every defined setting from {@code properties} (null values count as not given).
     *
     * @throws ConfigException at the first value that does not parse or validate, or a missing required setting
     */
    public ParsedConfig parse(Map<String, String> properties) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (ConfigKey key : keys.values()) {
            String text = properties.get(key.name());
            if (text != null) {
                values.put(key.name(), parseValue(key, text, warnings));
            } else if (key.required()) {
                throw new ConfigException("Missing required configuration \"" + key.name()
                        + "\" which has no default value.");
            } else {
                values.put(key.name(), key.defaultValue());
            }
        }
        Map<String, String> originals = new LinkedHashMap<>();
        Set<String> unknown = new TreeSet<>();
        properties.forEach((name, text) -> {
            if (text != null) {
                originals.put(name, text);
                if (!keys.containsKey(name)) {
                    unknown.add(name);
                }
            }
        });
        return new ParsedConfig(this, values, originals, unknown, warnings);
    }

    ConfigKey requireKey(String name) {
        ConfigKey key = keys.get(name);
        if (key == null) {
            throw new IllegalArgumentException("Unknown configuration '" + name + "'");
        }
        return key;
    }

    private static Object parseValue(ConfigKey key, String text, List<String> warnings) {
        Object value = key.type().parse(key.name(), text);
        if (key.validator() instanceof Validator.ValidList && value instanceof List<?> list) {
            value = withoutDuplicates(key.name(), list, warnings);
        }
        if (key.validator() != null) {
            key.validator().ensureValid(key.name(), value);
        }
        return value;
    }

    /** Kafka 4 removes duplicates from a validated list with a warning rather than failing. */
    private static List<?> withoutDuplicates(String name, List<?> list, List<String> warnings) {
        List<?> distinct = List.copyOf(new LinkedHashSet<>(list));
        if (distinct.size() != list.size() && warnings != null) {
            warnings.add("Configuration " + name + " contains duplicate values; they were removed. The value "
                    + ConfigException.display(list) + " became " + ConfigException.display(distinct));
        }
        return distinct;
    }

    /** Collects keys; not thread-safe, used once to build a definition. */
    public static final class Builder {

        private final Map<String, ConfigKey> keys = new LinkedHashMap<>();

        private Builder() {
        }

        /** @throws IllegalArgumentException when a key of that name is already defined */
        public Builder define(ConfigKey key) {
            if (keys.putIfAbsent(key.name(), key) != null) {
                throw new IllegalArgumentException("Configuration " + key.name() + " is defined twice.");
            }
            return this;
        }

        /** A setting with a default (null: unset unless given) and a validator (null: none). */
        public Builder define(String name, ConfigType type, Object defaultValue, Validator validator,
                              Importance importance, String documentation) {
            return define(ConfigKey.of(name, type, defaultValue, validator, importance, documentation));
        }

        /** A setting with a default (null: unset unless given) and no validator. */
        public Builder define(String name, ConfigType type, Object defaultValue, Importance importance,
                              String documentation) {
            return define(ConfigKey.of(name, type, defaultValue, null, importance, documentation));
        }

        /** A setting that must be given. */
        public Builder defineRequired(String name, ConfigType type, Validator validator, Importance importance,
                                      String documentation) {
            return define(ConfigKey.required(name, type, validator, importance, documentation));
        }

        public ConfigDef build() {
            return new ConfigDef(keys);
        }
    }
}
