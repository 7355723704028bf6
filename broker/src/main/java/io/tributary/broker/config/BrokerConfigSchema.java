package io.tributary.broker.config;

import io.tributary.common.config.ConfigDef;
import io.tributary.common.config.ConfigException;
import io.tributary.common.config.ConfigKey;
import io.tributary.common.config.ConfigType;
import io.tributary.controller.ConfigSchema;
import io.tributary.metadata.image.ConfigResource;
import io.tributary.metadata.image.MetadataImage;
import java.util.List;
import java.util.Map;

/**
 * The broker's config definitions ({@link TopicConfigs}, {@link BrokerConfigs}) as the controller's
 * {@link io.tributary.controller.ConfigControl} needs them. Topic configs are validated against the
 * broker's effective defaults, dynamic broker configs included, so that a topic's
 * {@code min.compaction.lag.ms} is compared with the {@code max.compaction.lag.ms} it would really get.
 *
 * <p>Immutable; thread-safe.
 */
public final class BrokerConfigSchema implements ConfigSchema {

    private final BrokerConfig staticConfig;

    public BrokerConfigSchema(BrokerConfig staticConfig) {
        this.staticConfig = staticConfig;
    }

    @Override
    public boolean isList(ConfigResource.Type type, String name) {
        ConfigKey key = definition(type).key(name).orElse(null);
        return key != null && key.type() == ConfigType.LIST;
    }

    @Override
    public String defaultValue(ConfigResource.Type type, String name) {
        Object value = definition(type).key(name).map(ConfigKey::defaultValue).orElse(null);
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return value == null ? null : String.valueOf(value);
    }

    @Override
    public String invalidTopicConfigs(Map<String, String> configs, MetadataImage image) {
        try {
            TopicConfigs.validate(configs, DynamicBrokerConfig.effective(staticConfig, image.configs()));
            return null;
        } catch (ConfigException e) {
            return e.getMessage();
        }
    }

    private static ConfigDef definition(ConfigResource.Type type) {
        return type == ConfigResource.Type.TOPIC ? TopicConfigs.CONFIG_DEF : BrokerConfigs.CONFIG_DEF;
    }
}
