package io.tributary.broker.config;

import io.tributary.common.config.ConfigKey;
import io.tributary.common.config.ConfigSource;
import io.tributary.common.config.ParsedConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A topic's effective configs as Kafka describes them (CreateTopics v5+, DescribeConfigs): every
 * topic config with its value (the topic's own setting, else the broker's synonym, else the
 * default), where it came from, and whether it is sensitive (shown as null).
 */
public final class TopicConfigDescriptions {

    private TopicConfigDescriptions() {
    }

    /** One described config. */
    public record Described(String name, String value, ConfigSource source, boolean sensitive, String documentation) {
    }

    public static List<Described> describe(Map<String, String> topicOverrides, BrokerConfig broker) {
        ParsedConfig topic = TopicConfigs.parse(topicOverrides);
        List<Described> described = new ArrayList<>();
        for (Map.Entry<String, Object> entry : TopicConfigs.effectiveValues(topicOverrides, broker).entrySet()) {
            ConfigKey key = TopicConfigs.CONFIG_DEF.key(entry.getKey()).orElseThrow();
            String value = entry.getValue() == null ? null : render(entry.getValue());
            described.add(new Described(entry.getKey(), key.isSensitive() ? null : value,
                    TopicConfigs.source(entry.getKey(), topic, broker), key.isSensitive(), key.documentation()));
        }
        return described;
    }

    /** Kafka's rendering of a typed value: lists comma-separated without spaces. */
    private static String render(Object value) {
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }
}
