package io.tributary.common.config;

import java.util.List;

/**
 * A configuration that cannot be used: a value that does not parse or does not pass its validator, a
 * missing required setting, or settings that contradict each other. Thrown at start-up (or when a
 * topic config is set), never later.
 *
 * <p>For a bad value the message has Kafka's shape, so operators and scripts recognise it:
 * {@code Invalid value 0 for configuration num.partitions: Value must be at least 1}. Lists are shown
 * as the comma-separated text an operator writes, passwords as {@value Password#HIDDEN}.
 */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final transient Object value;

    /** A problem that is not about one value, e.g. two settings that contradict each other. */
    public ConfigException(String message) {
        super(message);
        this.name = null;
        this.value = null;
    }

    /**
     * A bad value for one setting.
     *
     * @param name   the setting
     * @param value  the offending value, as given or as parsed
     * @param reason why it is bad, or null
     */
    public ConfigException(String name, Object value, String reason) {
        super("Invalid value " + display(value) + " for configuration " + name
                + (reason == null ? "" : ": " + reason));
        this.name = name;
        this.value = value;
    }

    /** The setting at fault, or null when the problem is not about one setting. */
    public String name() {
        return name;
    }

    /** The offending value, or null. */
    public Object value() {
        return value;
    }

    /** How a value is shown in a message: lists comma-separated, passwords hidden. */
    static String display(Object value) {
        if (value instanceof List<?> list) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < list.size(); i++) {
                text.append(i == 0 ? "" : ",").append(list.get(i));
            }
            return text.toString();
        }
        return String.valueOf(value);
    }
}
