package io.tributary.broker.api;

import static io.tributary.broker.config.BrokerConfigs.LOG_FLUSH_INTERVAL_MS_CONFIG;
import static io.tributary.broker.config.BrokerConfigs.LOG_FLUSH_SCHEDULER_INTERVAL_MS_CONFIG;
import static io.tributary.broker.config.BrokerConfigs.LOG_RETENTION_HOURS_CONFIG;
import static io.tributary.broker.config.BrokerConfigs.LOG_RETENTION_MINUTES_CONFIG;
import static io.tributary.broker.config.BrokerConfigs.LOG_RETENTION_MS_CONFIG;
import static io.tributary.broker.config.BrokerConfigs.LOG_ROLL_HOURS_CONFIG;
import static io.tributary.broker.config.BrokerConfigs.LOG_ROLL_JITTER_HOURS_CONFIG;
import static io.tributary.broker.config.BrokerConfigs.LOG_ROLL_JITTER_MS_CONFIG;
import static io.tributary.broker.config.BrokerConfigs.LOG_ROLL_MS_CONFIG;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.config.BrokerConfigs;
import io.tributary.broker.config.TopicConfigs;
import io.tributary.common.config.ConfigException;
import io.tributary.common.config.ConfigKey;
import io.tributary.common.config.ConfigSource;
import io.tributary.common.config.ConfigType;
import io.tributary.common.config.Password;
import io.tributary.metadata.image.ConfigResource;
import io.tributary.metadata.image.ConfigurationsImage;
import io.tributary.protocol.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import io.tributary.protocol.message.DescribeConfigsResponseData.DescribeConfigsSynonym;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The config entries of DescribeConfigs for a topic, this broker, and the cluster-wide broker default,
 * by the rules of Kafka 4.3.1's {@code ConfigHelper} (checked against a running Kafka broker):
 *
 * <ul>
 *   <li><b>Synonyms</b> of a broker setting are looked up, for each of its broker names
 *       ({@link #brokerSynonymNames}), in the dynamic per-broker configs, then the dynamic
 *       cluster-wide defaults, then the static file, then the built-in defaults (only those that are
 *       not null); every synonym before the first one named like the setting itself is dropped.
 *       So {@code retention.ms}, whose first broker synonym {@code log.retention.ms} is unset by
 *       default, reports no synonyms at all even when {@code log.retention.hours} is set, exactly as
 *       Kafka does.</li>
 *   <li>A topic setting's synonyms are its own override (source DYNAMIC_TOPIC_CONFIG) followed by the
 *       synonyms of its first broker synonym.</li>
 *   <li>The source is that of the first synonym, or DEFAULT_CONFIG when there is none, whether or not
 *       synonyms were requested.</li>
 *   <li>A setting whose type is unknown (a name the definitions do not have) is reported as
 *       sensitive, with a null value and type UNKNOWN (0); so is every PASSWORD.</li>
 *   <li>Broker settings are read-only unless Kafka can update them dynamically; topic settings never
 *       are.</li>
 * </ul>
 *
 * <p>One instance serves one request: it holds the image's dynamic broker configs of that moment.
 * Not thread-safe; used on one event loop.
 */
final class ConfigDescriber {

    /**
     * The settings Kafka 4.3.1 can update without a restart ({@code DynamicBrokerConfig.ALL_DYNAMIC_CONFIGS}),
     * restricted to those {@link BrokerConfigs} defines: DescribeConfigs reports these as not read-only.
     */
    static final Set<String> KAFKA_DYNAMIC_BROKER_CONFIGS = Set.of(
            "compression.gzip.level", "compression.lz4.level", "compression.type", "compression.zstd.level",
            "listener.security.protocol.map", "listeners", "log.cleaner.backoff.ms", "log.cleaner.dedupe.buffer.size",
            "log.cleaner.delete.retention.ms", "log.cleaner.io.buffer.load.factor", "log.cleaner.io.buffer.size",
            "log.cleaner.io.max.bytes.per.second", "log.cleaner.max.compaction.lag.ms", "log.cleaner.min.cleanable.ratio",
            "log.cleaner.min.compaction.lag.ms", "log.cleaner.threads", "log.cleanup.policy", "log.flush.interval.messages", "log.flush.interval.ms",
            "log.index.interval.bytes", "log.index.size.max.bytes", "log.local.retention.bytes",
            "log.local.retention.ms", "log.message.timestamp.after.max.ms", "log.message.timestamp.before.max.ms",
            "log.message.timestamp.type", "log.preallocate", "log.retention.bytes", "log.retention.ms",
            "log.roll.jitter.ms", "log.roll.ms", "log.segment.bytes", "log.segment.delete.delay.ms",
            "message.max.bytes", "min.insync.replicas", "num.io.threads", "num.network.threads",
            "num.recovery.threads.per.data.dir", "num.replica.fetchers", "producer.id.expiration.ms",
            "unclean.leader.election.enable");

    /** The built-in defaults as Kafka lists them for synonyms: rendered, and only those not null. */
    private static final Map<String, String> BROKER_DEFAULTS = brokerDefaults();

    private final BrokerConfig staticConfig;
    private final Map<String, String> dynamicBroker;
    private final Map<String, String> dynamicDefault;
    private final boolean includeSynonyms;
    private final boolean includeDocumentation;
    private BrokerConfig effectiveConfig;

    ConfigDescriber(BrokerConfig staticConfig, ConfigurationsImage configs, boolean includeSynonyms,
                    boolean includeDocumentation) {
        this.staticConfig = staticConfig;
        this.dynamicBroker = configs.configs(ConfigResource.broker(staticConfig.nodeId()));
        this.dynamicDefault = configs.configs(ConfigResource.brokerDefault());
        this.includeSynonyms = includeSynonyms;
        this.includeDocumentation = includeDocumentation;
    }

    /**
     * Kafka's {@code DynamicBrokerConfig.brokerConfigSynonyms}: the broker settings that are one
     * setting under several names, most specific first; just {@code name} for every other setting.
     */
    static List<String> brokerSynonymNames(String name) {
        return switch (name) {
            case LOG_ROLL_MS_CONFIG, LOG_ROLL_HOURS_CONFIG -> List.of(LOG_ROLL_MS_CONFIG, LOG_ROLL_HOURS_CONFIG);
            case LOG_ROLL_JITTER_MS_CONFIG, LOG_ROLL_JITTER_HOURS_CONFIG ->
                    List.of(LOG_ROLL_JITTER_MS_CONFIG, LOG_ROLL_JITTER_HOURS_CONFIG);
            case LOG_FLUSH_INTERVAL_MS_CONFIG -> List.of(LOG_FLUSH_INTERVAL_MS_CONFIG, LOG_FLUSH_SCHEDULER_INTERVAL_MS_CONFIG);
            case LOG_RETENTION_MS_CONFIG, LOG_RETENTION_MINUTES_CONFIG, LOG_RETENTION_HOURS_CONFIG ->
                    List.of(LOG_RETENTION_MS_CONFIG, LOG_RETENTION_MINUTES_CONFIG, LOG_RETENTION_HOURS_CONFIG);
            default -> List.of(name);
        };
    }

    /**
     * The configs of a topic with these overrides: every topic setting (internal ones only when set),
     * then any override the definitions do not know.
     *
     * @throws ConfigException if a stored override does not parse (a corrupt metadata log)
     */
    List<DescribeConfigsResourceResult> topic(Map<String, String> overrides, Predicate<String> wanted) {
        List<DescribeConfigsResourceResult> entries = new ArrayList<>();
        TopicConfigs.effectiveValues(overrides, effectiveConfig()).forEach((name, value) -> {
            if (wanted.test(name)) {
                entries.add(topicEntry(name, value, overrides.containsKey(name)));
            }
        });
        for (String unknown : TopicConfigs.parse(overrides).unknownKeys()) {
            if (wanted.test(unknown)) {
                List<DescribeConfigsSynonym> synonyms = List.of(synonym(unknown, null, ConfigSource.DYNAMIC_TOPIC_CONFIG));
                entries.add(entry(unknown, null, false, true, synonyms, null, null));
            }
        }
        return entries;
    }

    private DescribeConfigsResourceResult topicEntry(String name, Object value, boolean overridden) {
        ConfigKey key = TopicConfigs.CONFIG_DEF.key(name).orElseThrow();
        boolean sensitive = key.isSensitive();
        String text = sensitive ? null : render(value);
        List<DescribeConfigsSynonym> synonyms = new ArrayList<>();
        if (overridden) {
            synonyms.add(synonym(name, text, ConfigSource.DYNAMIC_TOPIC_CONFIG));
        }
        if (!key.synonyms().isEmpty()) {
            String brokerName = key.synonyms().get(0);
            synonyms.addAll(brokerSynonyms(brokerName, brokerSynonymNames(brokerName), sensitive));
        }
        return entry(name, text, false, sensitive, synonyms, key.type(), key.documentation());
    }

    /**
     * This broker's configs: every broker setting, then every setting given in its file that the
     * definitions do not know (sensitive, as in Kafka).
     */
    List<DescribeConfigsResourceResult> broker(Predicate<String> wanted) {
        List<DescribeConfigsResourceResult> entries = new ArrayList<>();
        for (ConfigKey key : BrokerConfigs.CONFIG_DEF.keys()) {
            if (!key.internal() && wanted.test(key.name())) {
                String name = key.name();
                boolean sensitive = key.isSensitive();
                entries.add(entry(name, sensitive ? null : render(brokerValue(name)), isReadOnly(name), sensitive,
                        brokerSynonyms(name, brokerSynonymNames(name), sensitive), key.type(), key.documentation()));
            }
        }
        for (String unknown : staticConfig.unknownKeys()) {
            if (wanted.test(unknown)) {
                entries.add(entry(unknown, null, true, true, brokerSynonyms(unknown, List.of(unknown), true), null, null));
            }
        }
        return entries;
    }

    /**
     * The cluster-wide broker defaults (resource name ""): only the settings set dynamically for all
     * brokers, each with only its DYNAMIC_DEFAULT_BROKER_CONFIG synonyms.
     */
    List<DescribeConfigsResourceResult> brokerDefault(Predicate<String> wanted) {
        List<DescribeConfigsResourceResult> entries = new ArrayList<>();
        dynamicDefault.forEach((name, value) -> {
            if (wanted.test(name)) {
                ConfigKey key = BrokerConfigs.CONFIG_DEF.key(name).orElse(null);
                boolean sensitive = key == null || key.isSensitive();
                List<DescribeConfigsSynonym> synonyms = brokerSynonyms(name, brokerSynonymNames(name), sensitive).stream()
                        .filter(s -> s.source() == ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG.id()).toList();
                entries.add(entry(name, sensitive ? null : value, isReadOnly(name), sensitive, synonyms,
                        key == null ? null : key.type(), key == null ? null : key.documentation()));
            }
        });
        return entries;
    }

    private DescribeConfigsResourceResult entry(String name, String value, boolean readOnly, boolean sensitive,
                                                List<DescribeConfigsSynonym> synonyms, ConfigType type, String documentation) {
        byte source = synonyms.isEmpty() ? (byte) ConfigSource.DEFAULT_CONFIG.id() : synonyms.get(0).source();
        return new DescribeConfigsResourceResult()
                .setName(name)
                .setValue(value)
                .setReadOnly(readOnly)
                .setConfigSource(source)
                .setIsSensitive(sensitive)
                .setSynonyms(includeSynonyms ? new ArrayList<>(synonyms) : new ArrayList<>())
                .setConfigType((byte) (type == null ? 0 : type.id()))
                .setDocumentation(includeDocumentation ? documentation : null);
    }

    /** Kafka's {@code ConfigHelper.configSynonyms}: see the class comment. */
    private List<DescribeConfigsSynonym> brokerSynonyms(String name, List<String> names, boolean sensitive) {
        List<DescribeConfigsSynonym> all = new ArrayList<>();
        addSynonyms(all, names, dynamicBroker, ConfigSource.DYNAMIC_BROKER_CONFIG, sensitive);
        addSynonyms(all, names, dynamicDefault, ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG, sensitive);
        addSynonyms(all, names, staticConfig.values().originals(), ConfigSource.STATIC_BROKER_CONFIG, sensitive);
        addSynonyms(all, names, BROKER_DEFAULTS, ConfigSource.DEFAULT_CONFIG, sensitive);
        int first = 0;
        while (first < all.size() && !all.get(first).name().equals(name)) {
            first++;
        }
        return all.subList(first, all.size());
    }

    private static void addSynonyms(List<DescribeConfigsSynonym> all, List<String> names, Map<String, String> values,
                                    ConfigSource source, boolean sensitive) {
        for (String name : names) {
            if (values.containsKey(name)) {
                all.add(synonym(name, sensitive ? null : values.get(name), source));
            }
        }
    }

    private static DescribeConfigsSynonym synonym(String name, String value, ConfigSource source) {
        return new DescribeConfigsSynonym().setName(name).setValue(value).setSource((byte) source.id());
    }

    /** A broker setting's current value: set for this broker, else for all brokers, else static or default. */
    private Object brokerValue(String name) {
        String dynamic = dynamicBroker.containsKey(name) ? dynamicBroker.get(name) : dynamicDefault.get(name);
        if (dynamic == null) {
            return staticConfig.values().get(name);
        }
        try {
            return BrokerConfigs.CONFIG_DEF.parseValue(name, dynamic);
        } catch (ConfigException e) {
            return dynamic;
        }
    }

    private static boolean isReadOnly(String name) {
        return !KAFKA_DYNAMIC_BROKER_CONFIGS.contains(name);
    }

    /**
     * The broker configuration topics default to: the static one with the dynamic broker configs
     * applied, as Kafka's topics follow a dynamic {@code log.retention.ms}. A dynamic value that does
     * not load is ignored (the controller should never have accepted it).
     */
    private BrokerConfig effectiveConfig() {
        if (effectiveConfig == null) {
            effectiveConfig = staticConfig;
            if (!dynamicBroker.isEmpty() || !dynamicDefault.isEmpty()) {
                Map<String, String> merged = new LinkedHashMap<>(staticConfig.values().originals());
                merged.putAll(dynamicDefault);
                merged.putAll(dynamicBroker);
                try {
                    effectiveConfig = BrokerConfig.load(merged, List.of());
                } catch (ConfigException e) {
                    effectiveConfig = staticConfig;
                }
            }
        }
        return effectiveConfig;
    }

    /** Kafka's {@code ConfigDef.convertToString}: lists comma-separated without spaces, null stays null. */
    static String render(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        if (value instanceof Password password) {
            return password.value();
        }
        return String.valueOf(value);
    }

    private static Map<String, String> brokerDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (ConfigKey key : BrokerConfigs.CONFIG_DEF.keys()) {
            if (key.defaultValue() != null) {
                defaults.put(key.name(), render(key.defaultValue()));
            }
        }
        return Collections.unmodifiableMap(defaults);
    }
}
