package io.tributary.common.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The typed values of every setting a {@link ConfigDef} defines, with the text they were parsed from.
 * Made by {@link ConfigDef#parse}; immutable and thread-safe.
 *
 * <p>Getters return the boxed type and null for a setting that is unset and has a null default; they
 * throw {@link IllegalArgumentException} for a name the definition does not have or a getter of the
 * wrong type, because either is a bug in the caller, not in the configuration.
 */
public final class ParsedConfig {

    private final ConfigDef definition;
    private final Map<String, Object> values;
    private final Map<String, String> originals;
    private final Set<String> unknownKeys;
    private final List<String> warnings;

    ParsedConfig(ConfigDef definition, Map<String, Object> values, Map<String, String> originals,
                 Set<String> unknownKeys, List<String> warnings) {
        this.definition = definition;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.originals = Collections.unmodifiableMap(new LinkedHashMap<>(originals));
        this.unknownKeys = Collections.unmodifiableSet(new TreeSet<>(unknownKeys));
        this.warnings = List.copyOf(warnings);
    }

    public ConfigDef definition() {
        return definition;
    }

    /** The value of a defined setting: given, or its default; null when unset with a null default. */
    public Object get(String name) {
        definition.requireKey(name);
        return values.get(name);
    }

    public Boolean getBoolean(String name) {
        return (Boolean) typed(name, ConfigType.BOOLEAN);
    }

    public String getString(String name) {
        return (String) typed(name, ConfigType.STRING);
    }

    public Integer getInt(String name) {
        return (Integer) typed(name, ConfigType.INT);
    }

    public Short getShort(String name) {
        return (Short) typed(name, ConfigType.SHORT);
    }

    public Long getLong(String name) {
        return (Long) typed(name, ConfigType.LONG);
    }

    public Double getDouble(String name) {
        return (Double) typed(name, ConfigType.DOUBLE);
    }

    @SuppressWarnings("unchecked")
    public List<String> getList(String name) {
        return (List<String>) typed(name, ConfigType.LIST);
    }

    public Password getPassword(String name) {
        return (Password) typed(name, ConfigType.PASSWORD);
    }

    /** Whether the setting was given (even if to its default value), rather than defaulted. */
    public boolean isSet(String name) {
        definition.requireKey(name);
        return originals.containsKey(name);
    }

    /** Every defined setting's value, in definition order; null for unset ones without a default. */
    public Map<String, Object> values() {
        return values;
    }

    /** The text as given, including keys the definition does not know. */
    public Map<String, String> originals() {
        return originals;
    }

    /** Given keys the definition does not know, sorted: to be warned about, not rejected. */
    public Set<String> unknownKeys() {
        return unknownKeys;
    }

    /** Problems that were repaired rather than rejected (duplicate list values), to be logged. */
    public List<String> warnings() {
        return warnings;
    }

    private Object typed(String name, ConfigType expected) {
        ConfigKey key = definition.requireKey(name);
        if (key.type() != expected) {
            throw new IllegalArgumentException("Configuration " + name + " is of type " + key.type()
                    + ", not " + expected);
        }
        return values.get(name);
    }

    /** The values, with sensitive ones hidden. */
    @Override
    public String toString() {
        return values.toString();
    }
}
