package io.tributary.common.config;

import java.util.List;

/**
 * Checks a parsed value of one setting. The factories below are Kafka's validators with Kafka's
 * messages ({@code Range}, {@code ValidString}, {@code ValidList}, {@code NonEmptyString}); anything
 * else is a lambda, wrapped with {@link #custom} to give it a description for the documentation.
 *
 * <p>A validator is not called for a null value: null means "not set" and is allowed only as a
 * default.
 */
@FunctionalInterface
public interface Validator {

    /**
     * @param name  the setting, for the message
     * @param value the parsed value, never null
     * @throws ConfigException naming the setting and the value when the value is not valid
     */
    void ensureValid(String name, Object value);

    /** Numbers of at least {@code min}. */
    static Validator atLeast(Number min) {
        return new Range(min, null);
    }

    /** Numbers from {@code min} to {@code max}, both included. */
    static Validator between(Number min, Number max) {
        return new Range(min, max);
    }

    /** One of these strings, case-sensitive. */
    static Validator in(String... validStrings) {
        return new ValidString(List.of(validStrings));
    }

    /**
     * A list whose elements are non-empty and, when {@code validStrings} are given, each one of them.
     * Duplicates are removed by {@link ConfigDef#parse} before this runs, with a warning, as Kafka does.
     */
    static Validator list(boolean emptyAllowed, String... validStrings) {
        return new ValidList(List.of(validStrings), emptyAllowed);
    }

    /** A string that is not empty once trimmed. */
    static Validator nonEmptyString() {
        return new NonEmptyString();
    }

    /** A validator of one's own, with the description the documentation shows for it. */
    static Validator custom(String description, Validator check) {
        return new Custom(description, check);
    }

    /** Kafka's {@code Range}: either bound may be null. */
    record Range(Number min, Number max) implements Validator {
        @Override
        public void ensureValid(String name, Object value) {
            Number number = (Number) value;
            if (min != null && compare(number, min) < 0) {
                throw new ConfigException(name, value, "Value must be at least " + min);
            }
            if (max != null && compare(number, max) > 0) {
                throw new ConfigException(name, value, "Value must be no more than " + max);
            }
        }

        private static int compare(Number a, Number b) {
            boolean integral = !(a instanceof Double || a instanceof Float)
                    && !(b instanceof Double || b instanceof Float);
            return integral ? Long.compare(a.longValue(), b.longValue())
                    : Double.compare(a.doubleValue(), b.doubleValue());
        }

        @Override
        public String toString() {
            if (min == null) {
                return "[...," + max + "]";
            }
            return max == null ? "[" + min + ",...]" : "[" + min + ",...," + max + "]";
        }
    }

    /** Kafka's {@code ValidString}. */
    record ValidString(List<String> validStrings) implements Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (!validStrings.contains(value)) {
                throw new ConfigException(name, value, "String must be one of: " + String.join(", ", validStrings));
            }
        }

        @Override
        public String toString() {
            return "[" + String.join(", ", validStrings) + "]";
        }
    }

    /** Kafka's {@code ValidList}; an empty {@code validStrings} allows any non-empty element. */
    record ValidList(List<String> validStrings, boolean emptyAllowed) implements Validator {
        @Override
        public void ensureValid(String name, Object value) {
            List<?> values = (List<?>) value;
            if (values.isEmpty() && !emptyAllowed) {
                throw new ConfigException(name, value, "List must not be empty"
                        + (validStrings.isEmpty() ? "" : "; valid values: " + String.join(", ", validStrings)));
            }
            for (Object element : values) {
                if (element.toString().isEmpty()) {
                    throw new ConfigException(name, value, "List must not contain empty values");
                }
                if (!validStrings.isEmpty()) {
                    new ValidString(validStrings).ensureValid(name, element);
                }
            }
        }

        @Override
        public String toString() {
            String elements = validStrings.isEmpty() ? "non-empty values" : "[" + String.join(", ", validStrings) + "]";
            return (emptyAllowed ? "list of " : "non-empty list of ") + elements;
        }
    }

    /** Kafka's {@code NonEmptyString}. */
    record NonEmptyString() implements Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value.toString().trim().isEmpty()) {
                throw new ConfigException(name, value, "String must be non-empty");
            }
        }

        @Override
        public String toString() {
            return "non-empty string";
        }
    }

    /** A lambda with a description. */
    record Custom(String description, Validator check) implements Validator {
        @Override
        public void ensureValid(String name, Object value) {
            check.ensureValid(name, value);
        }

        @Override
        public String toString() {
            return description;
        }
    }
}
