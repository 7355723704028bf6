package io.tributary.common.config;

/**
 * The value of a {@link ConfigType#PASSWORD} setting. Its {@link #toString()} hides the secret, so a
 * password never reaches a log line or an error message by accident; {@link #value()} is the only way
 * to read it.
 */
public final class Password {

    /** What {@link #toString()} prints instead of the secret; Kafka's text. */
    public static final String HIDDEN = "[hidden]";

    private final String value;

    public Password(String value) {
        if (value == null) {
            throw new NullPointerException("value");
        }
        this.value = value;
    }

    /** The secret itself. */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Password password && password.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return HIDDEN;
    }
}
