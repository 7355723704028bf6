package io.tributary.common.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The type of a setting and how its text is parsed, following Kafka's {@code ConfigDef.parseType}:
 * the text is trimmed first (except a password's); a boolean is {@code true} or {@code false} in any
 * case; a number must parse as its Java type (so {@code 99999999999} is not an INT); a list is split
 * at commas with the blanks around them removed, and blank text is the empty list.
 *
 * <p>The ids are those of DescribeConfigs' {@code ConfigType} field (v3+); CLASS (8) is not used.
 */
public enum ConfigType {
    BOOLEAN(1),
    STRING(2),
    INT(3),
    SHORT(4),
    LONG(5),
    DOUBLE(6),
    LIST(7),
    /** A secret: parsed to a {@link Password}, reported as sensitive, never shown. */
    PASSWORD(9);

    private static final Pattern COMMA_WITH_BLANKS = Pattern.compile("\\s*,\\s*");

    private final int id;

    ConfigType(int id) {
        this.id = id;
    }

    /** The id on the wire. */
    public int id() {
        return id;
    }

    /** Whether values of this type must not be shown (DescribeConfigs' {@code IsSensitive}). */
    public boolean isSensitive() {
        return this == PASSWORD;
    }

    /**
     * Parses the text of setting {@code name}.
     *
     * @return Boolean, String, Integer, Short, Long, Double, an unmodifiable List of String, or a Password
     * @throws ConfigException naming the setting and the text when it does not parse
     */
    public Object parse(String name, String text) {
        String trimmed = text.trim();
        try {
            return switch (this) {
                case BOOLEAN -> parseBoolean(name, text, trimmed);
                case STRING -> trimmed;
                case INT -> Integer.parseInt(trimmed);
                case SHORT -> Short.parseShort(trimmed);
                case LONG -> Long.parseLong(trimmed);
                case DOUBLE -> Double.parseDouble(trimmed);
                case LIST -> trimmed.isEmpty() ? List.of()
                        : List.copyOf(Arrays.asList(COMMA_WITH_BLANKS.split(trimmed, -1)));
                case PASSWORD -> new Password(text);
            };
        } catch (NumberFormatException e) {
            throw new ConfigException(name, text, "Not a number of type " + this);
        }
    }

    /**
     * Turns a default given in code into a value of this type: text is {@link #parse parsed}, a value
     * of the right Java type is taken as it is, an Integer is widened to a Long or Double.
     *
     * @throws IllegalArgumentException for a value of another Java type (a bug in a definition)
     */
    Object coerce(String name, Object value) {
        if (value instanceof String text && this != STRING) {
            return parse(name, text);
        }
        Object coerced = switch (this) {
            case BOOLEAN -> value instanceof Boolean ? value : null;
            case STRING -> value instanceof String text ? text.trim() : null;
            case INT -> value instanceof Integer ? value : null;
            case SHORT -> value instanceof Short ? value : null;
            case LONG -> value instanceof Long ? value : value instanceof Integer i ? Long.valueOf(i) : null;
            case DOUBLE -> value instanceof Double ? value : value instanceof Integer i ? Double.valueOf(i) : null;
            case LIST -> value instanceof List<?> list ? copyOfStrings(name, list) : null;
            case PASSWORD -> value instanceof Password ? value : null;
        };
        if (coerced == null) {
            throw new IllegalArgumentException("Configuration " + name + " is of type " + this
                    + ", but its default " + value + " is a " + value.getClass().getName());
        }
        return coerced;
    }

    private static Object parseBoolean(String name, String text, String trimmed) {
        if (trimmed.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (trimmed.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new ConfigException(name, text, "Expected value to be either true or false");
    }

    private static List<String> copyOfStrings(String name, List<?> list) {
        List<String> strings = new ArrayList<>(list.size());
        for (Object element : list) {
            if (!(element instanceof String text)) {
                throw new IllegalArgumentException("Configuration " + name + " is a LIST of strings, but its default"
                        + " holds " + element);
            }
            strings.add(text.trim());
        }
        return List.copyOf(strings);
    }
}
