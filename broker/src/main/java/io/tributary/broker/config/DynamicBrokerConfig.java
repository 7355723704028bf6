package io.tributary.broker.config;

import io.tributary.common.config.ConfigException;
import io.tributary.common.config.ConfigSource;
import io.tributary.metadata.image.ConfigResource;
import io.tributary.metadata.image.ConfigurationsImage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broker settings changed at run time (IncrementalAlterConfigs / AlterConfigs on a BROKER resource,
 * {@code kafka-configs.sh --entity-type brokers}), kept as ConfigRecords in the metadata log: for one
 * broker (resource name = its id) or for every broker (resource name ""). A setting's value is, by
 * Kafka's precedence, the one set for this broker, else the one set for all brokers, else the
 * static one ({@code server.properties} and overrides), else the default.
 *
 * <p>What takes effect without a restart: every setting that supplies a topic default (log
 * retention, segments, cleanup policy, compression, {@code message.max.bytes}, ...) reaches the live
 * logs of topics that do not override it. The other settings Kafka lets change dynamically (thread
 * counts, listeners) are accepted and kept, and apply from the next start, where they are read
 * back from the metadata log.
 *
 * <p>Stateless; thread-safe.
 */
public final class DynamicBrokerConfig {

    private static final Logger log = LoggerFactory.getLogger(DynamicBrokerConfig.class);

    /**
     * The settings Kafka 4.3.1 can update without a restart ({@code DynamicBrokerConfig.ALL_DYNAMIC_CONFIGS}),
     * restricted to those {@link BrokerConfigs} defines. Every other defined setting is read-only.
     */
    public static final Set<String> DYNAMIC_CONFIGS = Set.of(
            "compression.gzip.level", "compression.lz4.level", "compression.type", "compression.zstd.level",
            "listener.security.protocol.map", "listeners", "log.cleaner.backoff.ms",
            "log.cleaner.dedupe.buffer.size", "log.cleaner.delete.retention.ms", "log.cleaner.io.buffer.load.factor",
            "log.cleaner.io.buffer.size", "log.cleaner.io.max.bytes.per.second", "log.cleaner.max.compaction.lag.ms", "log.cleaner.min.cleanable.ratio", "log.cleaner.min.compaction.lag.ms",
            "log.cleaner.threads", "log.cleanup.policy", "log.flush.interval.messages", "log.flush.interval.ms",
            "log.index.interval.bytes", "log.index.size.max.bytes", "log.local.retention.bytes",
            "log.local.retention.ms", "log.message.timestamp.after.max.ms", "log.message.timestamp.before.max.ms",
            "log.message.timestamp.type", "log.preallocate", "log.retention.bytes", "log.retention.ms",
            "log.roll.jitter.ms", "log.roll.ms", "log.segment.bytes", "log.segment.delete.delay.ms",
            "message.max.bytes", "min.insync.replicas", "num.io.threads", "num.network.threads",
            "num.recovery.threads.per.data.dir", "num.replica.fetchers", "producer.id.expiration.ms",
            "unclean.leader.election.enable");

    /** Dynamic settings that only make sense for one broker (Kafka's {@code PerBrokerConfigs}). */
    static final Set<String> PER_BROKER_CONFIGS = Set.of("listeners", "listener.security.protocol.map");

    private DynamicBrokerConfig() {
    }

    /**
     * This broker's configuration with the dynamic settings of {@code configs} applied: what topic
     * defaults and DescribeConfigs follow. A dynamic value that does not load (the controller should
     * never have accepted it) is ignored with a warning, keeping the static configuration.
     */
    public static BrokerConfig effective(BrokerConfig staticConfig, ConfigurationsImage configs) {
        Map<String, String> perBroker = configs.configs(ConfigResource.broker(staticConfig.nodeId()));
        Map<String, String> clusterDefault = configs.configs(ConfigResource.brokerDefault());
        if (perBroker.isEmpty() && clusterDefault.isEmpty()) {
            return staticConfig;
        }
        try {
            return merge(staticConfig, clusterDefault, perBroker);
        } catch (ConfigException e) {
            log.warn("ignoring the dynamic broker configs {} (all brokers) and {} (broker {}): {}", clusterDefault, perBroker,
                    staticConfig.nodeId(), e.getMessage());
            return staticConfig;
        }
    }

    /**
     * Checks the complete dynamic configs a BROKER resource would have after a change, with Kafka's
     * messages (which Kafka answers with INVALID_REQUEST): only dynamic settings, per-broker ones
     * only for one broker, every value valid, and the configuration they make valid as a whole.
     * Names no broker setting has are accepted, as Kafka accepts them (for plug-ins).
     *
     * @param resourceConfigs the resource's dynamic configs after the change
     * @param perBroker       true for one broker's configs, false for the cluster-wide default
     * @throws ConfigException naming what is wrong
     */
    public static void validate(Map<String, String> resourceConfigs, boolean perBroker, BrokerConfig staticConfig,
                                ConfigurationsImage configs) {
        checkNames(nonDynamic(resourceConfigs.keySet()), "Cannot update these configs dynamically");
        if (!perBroker) {
            Set<String> perBrokerOnly = new HashSet<>(resourceConfigs.keySet());
            perBrokerOnly.retainAll(PER_BROKER_CONFIGS);
            checkNames(perBrokerOnly, "Cannot update these configs at default cluster level, broker id must be specified");
        }
        resourceConfigs.forEach((name, value) -> {
            if (BrokerConfigs.CONFIG_DEF.contains(name)) {
                BrokerConfigs.CONFIG_DEF.parseValue(name, value);
            }
        });
        Map<String, String> perBrokerConfigs = perBroker ? resourceConfigs : configs.configs(ConfigResource.broker(staticConfig.nodeId()));
        Map<String, String> clusterDefault = perBroker ? configs.configs(ConfigResource.brokerDefault()) : resourceConfigs;
        BrokerConfig next = merge(staticConfig, clusterDefault, perBrokerConfigs);
        checkCleanerThreads(effective(staticConfig, configs).cleanerConfig().numThreads(), next.cleanerConfig().numThreads());
    }

    /**
     * Kafka's {@code LogCleaner.validateReconfiguration}: a change of {@code log.cleaner.threads}
     * keeps at least one thread, and at least half and at most double the current number.
     */
    private static void checkCleanerThreads(int currentThreads, int numThreads) {
        if (numThreads == currentThreads) {
            return;
        }
        if (numThreads < 1) {
            throw new ConfigException("Log cleaner threads should be at least 1");
        }
        if (numThreads < currentThreads / 2) {
            throw new ConfigException("Log cleaner threads cannot be reduced to less than half the current value " + currentThreads);
        }
        if (numThreads > currentThreads * 2) {
            throw new ConfigException("Log cleaner threads cannot be increased to more than double the current value " + currentThreads);
        }
    }

    /** The defined settings among {@code names} that cannot change at run time; a HashSet, as Kafka prints it. */
    private static Set<String> nonDynamic(Set<String> names) {
        Set<String> readOnly = new HashSet<>();
        for (String name : names) {
            if (BrokerConfigs.CONFIG_DEF.contains(name) && !DYNAMIC_CONFIGS.contains(name)) {
                readOnly.add(name);
            }
        }
        return readOnly;
    }

    private static void checkNames(Set<String> invalid, String message) {
        if (!invalid.isEmpty()) {
            throw new ConfigException(message + ": " + invalid);
        }
    }

    private static BrokerConfig merge(BrokerConfig staticConfig, Map<String, String> clusterDefault, Map<String, String> perBroker) {
        Map<String, String> merged = new LinkedHashMap<>(staticConfig.values().originals());
        merged.putAll(clusterDefault);
        merged.putAll(perBroker);
        Map<String, ConfigSource> sources = new HashMap<>();
        clusterDefault.keySet().forEach(name -> sources.put(name, ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG));
        perBroker.keySet().forEach(name -> sources.put(name, ConfigSource.DYNAMIC_BROKER_CONFIG));
        return BrokerConfig.load(merged, List.of()).withDynamicSources(sources);
    }
}
