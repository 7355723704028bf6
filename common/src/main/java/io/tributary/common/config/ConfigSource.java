package io.tributary.common.config;

/**
 * Where the value of a config came from, as DescribeConfigs reports it (the {@code ConfigSource} field
 * of DescribeConfigsResponse v1+, with Kafka's ids). The most specific source wins: a topic's own
 * setting over a dynamic broker setting over the static file over the built-in default.
 */
public enum ConfigSource {
    UNKNOWN(0),
    /** Set on the topic (CreateTopics or AlterConfigs). */
    DYNAMIC_TOPIC_CONFIG(1),
    /** Set dynamically for one broker. */
    DYNAMIC_BROKER_CONFIG(2),
    /** Set dynamically as the default for all brokers. */
    DYNAMIC_DEFAULT_BROKER_CONFIG(3),
    /** Set in the broker's properties file or by a command-line override. */
    STATIC_BROKER_CONFIG(4),
    /** Nobody set it: the built-in default. */
    DEFAULT_CONFIG(5),
    DYNAMIC_BROKER_LOGGER_CONFIG(6),
    CLIENT_METRICS_CONFIG(7),
    GROUP_CONFIG(8);

    private final int id;

    ConfigSource(int id) {
        this.id = id;
    }

    /** The id on the wire. */
    public int id() {
        return id;
    }
}
