package io.tributary.broker.config;

import static io.tributary.broker.config.BrokerConfigs.*;

import io.tributary.common.config.ConfigException;
import io.tributary.common.config.ConfigSource;
import io.tributary.common.config.ParsedConfig;
import io.tributary.coordinator.group.GroupConfig;
import io.tributary.records.TimestampType;
import io.tributary.storage.LogConfig;
import io.tributary.storage.cleaner.CleanerConfig;
import io.tributary.storage.producer.ProducerStateConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The broker's configuration, parsed by {@link BrokerConfigs#CONFIG_DEF} and checked as a whole at
 * start-up, with typed accessors. A Kafka {@code server.properties} loads (DESIGN D10): settings we do
 * not implement are {@linkplain #unknownKeys() collected} for a warning, not refused; any invalid value
 * fails the load with a {@link ConfigException} naming the key and the value.
 *
 * <p>Where Kafka derives one setting from others, so does this class, by Kafka's rules:
 * {@code log.dirs} over {@code log.dir}; {@code log.roll.ms} over {@code log.roll.hours};
 * {@code log.retention.ms} over {@code log.retention.minutes} over {@code log.retention.hours}, a
 * negative result meaning "forever" (-1); {@code log.flush.interval.ms}, when unset, is
 * {@code log.flush.scheduler.interval.ms}; {@code advertised.listeners}, when unset, is
 * {@code listeners}; {@code broker.id} is read as {@code node.id} when only it is set.
 *
 * <p>Immutable and thread-safe.
 */
public final class BrokerConfig {

    private final ParsedConfig values;
    private final Set<ProcessRole> processRoles;
    private final Listeners listeners;
    private final List<Path> logDirs;
    /** The sources of settings that dynamic broker configs supply; empty for the static configuration. */
    private final Map<String, ConfigSource> dynamicSources;

    private BrokerConfig(ParsedConfig values) {
        this(values, Map.of());
    }

    private BrokerConfig(ParsedConfig values, Map<String, ConfigSource> dynamicSources) {
        this.values = values;
        this.processRoles = processRoles(values);
        this.listeners = Listeners.resolve(values, processRoles);
        this.logDirs = paths(values);
        this.dynamicSources = Map.copyOf(dynamicSources);
    }

    /**
     * This configuration with the settings in {@code sources} reported as coming from dynamic broker
     * configs ({@link DynamicBrokerConfig#effective}, which has already applied their values).
     */
    BrokerConfig withDynamicSources(Map<String, ConfigSource> sources) {
        return new BrokerConfig(values, sources);
    }

    /** The zero-configuration broker (DESIGN D11): every setting at its default. */
    public static BrokerConfig defaults() {
        return load(Map.of(), List.of());
    }

    /**
     * Loads a properties file, as {@code kafka-server-start.sh server.properties --override k=v} does.
     *
     * @throws IOException     when the file cannot be read
     * @throws ConfigException when a setting is invalid
     */
    public static BrokerConfig load(Path file, List<String> overrides) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return load(properties, overrides);
    }

    /** Loads properties, then {@code overrides} ({@code key=value}), which take precedence. */
    public static BrokerConfig load(Properties properties, List<String> overrides) {
        Map<String, String> map = new LinkedHashMap<>();
        properties.forEach((key, value) -> map.put(String.valueOf(key), String.valueOf(value)));
        return load(map, overrides);
    }

    /**
     * Loads settings, then {@code overrides} ({@code key=value}, split at the first '='), which take precedence.
     *
     * @throws ConfigException when an override is malformed or a setting is invalid
     */
    public static BrokerConfig load(Map<String, String> properties, List<String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(properties);
        merged.putAll(parseOverrides(overrides));
        populateNodeIdSynonym(merged);
        BrokerConfig config = new BrokerConfig(BrokerConfigs.CONFIG_DEF.parse(merged));
        config.checkNodeId();
        config.checkCleanerBuffer();
        TopicConfigs.checkBrokerDefaults(config);
        config.defaultLogConfig();
        return config;
    }

    /** Parses {@code key=value} overrides; the value may be empty and may contain '='. */
    public static Map<String, String> parseOverrides(List<String> overrides) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String override : overrides) {
            int equals = override.indexOf('=');
            if (equals <= 0 || override.substring(0, equals).isBlank()) {
                throw new ConfigException("Invalid override '" + override + "': expected key=value");
            }
            parsed.put(override.substring(0, equals).trim(), override.substring(equals + 1));
        }
        return parsed;
    }

    // ---- the configuration as a whole

    /** Every setting's parsed value, for DescribeConfigs and logging. */
    public ParsedConfig values() {
        return values;
    }

    /** Given keys that no broker setting has, sorted: to be logged as a warning. */
    public Set<String> unknownKeys() {
        return values.unknownKeys();
    }

    /** Problems that were repaired rather than refused (duplicate list values): to be logged. */
    public List<String> warnings() {
        return values.warnings();
    }

    /** Where a setting's value came from: a dynamic broker config, the file or an override, or the default. */
    public ConfigSource source(String name) {
        ConfigSource dynamic = dynamicSources.get(name);
        if (dynamic != null) {
            return dynamic;
        }
        return values.isSet(name) ? ConfigSource.STATIC_BROKER_CONFIG : ConfigSource.DEFAULT_CONFIG;
    }

    // ---- node, roles and listeners

    public int nodeId() {
        return values.getInt(NODE_ID_CONFIG);
    }

    public Set<ProcessRole> processRoles() {
        return processRoles;
    }

    public boolean isBroker() {
        return processRoles.contains(ProcessRole.BROKER);
    }

    public boolean isController() {
        return processRoles.contains(ProcessRole.CONTROLLER);
    }

    /** Every listener to bind, controller listeners included, in the order given. */
    public List<Endpoint> listeners() {
        return listeners.all();
    }

    /** The listeners that serve Kafka clients: {@link #listeners()} without the controller listeners. */
    public List<Endpoint> brokerListeners() {
        return listeners.broker();
    }

    /**
     * The broker addresses published to clients and brokers: {@code advertised.listeners}, or else
     * {@code listeners}, without the controller listeners.
     */
    public List<Endpoint> advertisedListeners() {
        return listeners.advertisedBroker();
    }

    /** Upper-case names. */
    public List<String> controllerListenerNames() {
        return listeners.controllerListenerNames();
    }

    /** Upper-case name of the listener brokers use to reach each other. */
    public String interBrokerListenerName() {
        return listeners.interBrokerListenerName();
    }

    /** Upper-case listener name to protocol, including Kafka's implicit PLAINTEXT for controller listeners. */
    public Map<String, SecurityProtocol> listenerSecurityProtocolMap() {
        return listeners.securityProtocolMap();
    }

    public List<String> controllerQuorumVoters() {
        return values.getList(CONTROLLER_QUORUM_VOTERS_CONFIG);
    }

    public List<String> controllerQuorumBootstrapServers() {
        return values.getList(CONTROLLER_QUORUM_BOOTSTRAP_SERVERS_CONFIG);
    }

    // ---- socket server

    public int socketRequestMaxBytes() {
        return values.getInt(SOCKET_REQUEST_MAX_BYTES_CONFIG);
    }

    public int socketSendBufferBytes() {
        return values.getInt(SOCKET_SEND_BUFFER_BYTES_CONFIG);
    }

    public int socketReceiveBufferBytes() {
        return values.getInt(SOCKET_RECEIVE_BUFFER_BYTES_CONFIG);
    }

    public int queuedMaxRequests() {
        return values.getInt(QUEUED_MAX_REQUESTS_CONFIG);
    }

    public int numNetworkThreads() {
        return values.getInt(NUM_NETWORK_THREADS_CONFIG);
    }

    public int numIoThreads() {
        return values.getInt(NUM_IO_THREADS_CONFIG);
    }

    // ---- topics

    public int numPartitions() {
        return values.getInt(NUM_PARTITIONS_CONFIG);
    }

    public int defaultReplicationFactor() {
        return values.getInt(DEFAULT_REPLICATION_FACTOR_CONFIG);
    }

    public boolean autoCreateTopicsEnable() {
        return values.getBoolean(AUTO_CREATE_TOPICS_ENABLE_CONFIG);
    }

    public boolean deleteTopicEnable() {
        return values.getBoolean(DELETE_TOPIC_ENABLE_CONFIG);
    }

    public int minInsyncReplicas() {
        return values.getInt(MIN_INSYNC_REPLICAS_CONFIG);
    }

    public boolean uncleanLeaderElectionEnable() {
        return values.getBoolean(UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG);
    }

    /** One of uncompressed, zstd, lz4, snappy, gzip, producer. */
    public String compressionType() {
        return values.getString(COMPRESSION_TYPE_CONFIG);
    }

    public int messageMaxBytes() {
        return values.getInt(MESSAGE_MAX_BYTES_CONFIG);
    }

    // ---- logs

    /** {@code log.dirs}, or {@code log.dir} when it is not set. */
    public List<Path> logDirs() {
        return logDirs;
    }

    /** {@code metadata.log.dir}, or the first log directory. */
    public Path metadataLogDir() {
        String dir = values.getString(METADATA_LOG_DIR_CONFIG);
        return dir == null ? logDirs.get(0) : path(METADATA_LOG_DIR_CONFIG, dir);
    }

    public int numRecoveryThreadsPerDataDir() {
        return values.getInt(NUM_RECOVERY_THREADS_PER_DATA_DIR_CONFIG);
    }

    public int logSegmentBytes() {
        return values.getInt(LOG_SEGMENT_BYTES_CONFIG);
    }

    /** {@code log.roll.ms}, or {@code log.roll.hours} in milliseconds. */
    public long logRollTimeMillis() {
        Long ms = values.getLong(LOG_ROLL_MS_CONFIG);
        return ms != null ? ms : TimeUnit.HOURS.toMillis(values.getInt(LOG_ROLL_HOURS_CONFIG));
    }

    /** {@code log.roll.jitter.ms}, or {@code log.roll.jitter.hours} in milliseconds. */
    public long logRollTimeJitterMillis() {
        Long ms = values.getLong(LOG_ROLL_JITTER_MS_CONFIG);
        return ms != null ? ms : TimeUnit.HOURS.toMillis(values.getInt(LOG_ROLL_JITTER_HOURS_CONFIG));
    }

    public int logIndexSizeMaxBytes() {
        return values.getInt(LOG_INDEX_SIZE_MAX_BYTES_CONFIG);
    }

    public int logIndexIntervalBytes() {
        return values.getInt(LOG_INDEX_INTERVAL_BYTES_CONFIG);
    }

    public long logDeleteDelayMs() {
        return values.getLong(LOG_SEGMENT_DELETE_DELAY_MS_CONFIG);
    }

    public TimestampType logMessageTimestampType() {
        return timestampType(values.getString(LOG_MESSAGE_TIMESTAMP_TYPE_CONFIG));
    }

    /** Tributary's durability switch (DESIGN D5): whether acks=all waits for fsync. */
    public boolean logFlushOnAcksAll() {
        return values.getBoolean(LOG_FLUSH_ON_ACKS_ALL_CONFIG);
    }

    public long logFlushIntervalMessages() {
        return values.getLong(LOG_FLUSH_INTERVAL_MESSAGES_CONFIG);
    }

    /** {@code log.flush.interval.ms}, or {@code log.flush.scheduler.interval.ms} when it is not set. */
    public long logFlushIntervalMs() {
        Long ms = values.getLong(LOG_FLUSH_INTERVAL_MS_CONFIG);
        return ms != null ? ms : logFlushSchedulerIntervalMs();
    }

    public long logFlushSchedulerIntervalMs() {
        return values.getLong(LOG_FLUSH_SCHEDULER_INTERVAL_MS_CONFIG);
    }

    public long logFlushOffsetCheckpointIntervalMs() {
        return values.getInt(LOG_FLUSH_OFFSET_CHECKPOINT_INTERVAL_MS_CONFIG);
    }

    public long logFlushStartOffsetCheckpointIntervalMs() {
        return values.getInt(LOG_FLUSH_START_OFFSET_CHECKPOINT_INTERVAL_MS_CONFIG);
    }

    /** {@code log.retention.ms}, else minutes, else hours, in milliseconds; -1 (forever) for any negative value. */
    public long logRetentionTimeMillis() {
        Long ms = values.getLong(LOG_RETENTION_MS_CONFIG);
        if (ms == null) {
            Integer minutes = values.getInt(LOG_RETENTION_MINUTES_CONFIG);
            ms = minutes != null ? TimeUnit.MINUTES.toMillis(minutes)
                    : TimeUnit.HOURS.toMillis(values.getInt(LOG_RETENTION_HOURS_CONFIG));
        }
        return ms < 0 ? -1 : ms;
    }

    public long logRetentionBytes() {
        return values.getLong(LOG_RETENTION_BYTES_CONFIG);
    }

    public long logRetentionCheckIntervalMs() {
        return values.getLong(LOG_RETENTION_CHECK_INTERVAL_MS_CONFIG);
    }

    /** Some of compact and delete; empty for neither. */
    public List<String> logCleanupPolicy() {
        return values.getList(LOG_CLEANUP_POLICY_CONFIG);
    }

    public boolean logCleanerEnable() {
        return values.getBoolean(LOG_CLEANER_ENABLE_CONFIG);
    }

    /** The log cleaner's settings: {@code log.cleaner.threads}, {@code log.cleaner.dedupe.buffer.size}, {@code log.cleaner.io.*}, {@code log.cleaner.backoff.ms}. */
    public CleanerConfig cleanerConfig() {
        return new CleanerConfig(values.getInt(LOG_CLEANER_THREADS_CONFIG), values.getLong(LOG_CLEANER_DEDUPE_BUFFER_SIZE_CONFIG),
                values.getDouble(LOG_CLEANER_IO_BUFFER_LOAD_FACTOR_CONFIG), values.getInt(LOG_CLEANER_IO_BUFFER_SIZE_CONFIG),
                values.getDouble(LOG_CLEANER_IO_MAX_BYTES_PER_SECOND_CONFIG), values.getLong(LOG_CLEANER_BACKOFF_MS_CONFIG),
                logCleanerEnable());
    }

    /** The settings of a log whose topic overrides nothing. */
    public LogConfig defaultLogConfig() {
        return TopicConfigs.logConfig(Map.of(), this);
    }

    // ---- replication, producer state, coordinators

    public int numReplicaFetchers() {
        return values.getInt(NUM_REPLICA_FETCHERS_CONFIG);
    }

    public long replicaLagTimeMaxMs() {
        return values.getLong(REPLICA_LAG_TIME_MAX_MS_CONFIG);
    }

    public ProducerStateConfig producerStateConfig() {
        return new ProducerStateConfig(values.getInt(PRODUCER_ID_EXPIRATION_MS_CONFIG));
    }

    public int transactionalIdExpirationMs() {
        return values.getInt(TRANSACTIONAL_ID_EXPIRATION_MS_CONFIG);
    }

    public int transactionMaxTimeoutMs() {
        return values.getInt(TRANSACTION_MAX_TIMEOUT_MS_CONFIG);
    }

    public int transactionStateLogNumPartitions() {
        return values.getInt(TRANSACTION_STATE_LOG_NUM_PARTITIONS_CONFIG);
    }

    public short transactionStateLogReplicationFactor() {
        return values.getShort(TRANSACTION_STATE_LOG_REPLICATION_FACTOR_CONFIG);
    }

    public int transactionStateLogMinIsr() {
        return values.getInt(TRANSACTION_STATE_LOG_MIN_ISR_CONFIG);
    }

    public int offsetsTopicNumPartitions() {
        return values.getInt(OFFSETS_TOPIC_NUM_PARTITIONS_CONFIG);
    }

    public short offsetsTopicReplicationFactor() {
        return values.getShort(OFFSETS_TOPIC_REPLICATION_FACTOR_CONFIG);
    }

    public int groupInitialRebalanceDelayMs() {
        return values.getInt(GROUP_INITIAL_REBALANCE_DELAY_MS_CONFIG);
    }

    public int groupMinSessionTimeoutMs() {
        return values.getInt(GROUP_MIN_SESSION_TIMEOUT_MS_CONFIG);
    }

    public int groupMaxSessionTimeoutMs() {
        return values.getInt(GROUP_MAX_SESSION_TIMEOUT_MS_CONFIG);
    }

    public int groupCoordinatorThreads() {
        return values.getInt(GROUP_COORDINATOR_THREADS_CONFIG);
    }

    public int offsetsTopicSegmentBytes() {
        return values.getInt(OFFSETS_TOPIC_SEGMENT_BYTES_CONFIG);
    }

    /** The group coordinator's settings. */
    public GroupConfig groupConfig() {
        return new GroupConfig(
                offsetsTopicNumPartitions(),
                values.getInt(OFFSET_METADATA_MAX_BYTES_CONFIG),
                values.getInt(OFFSETS_RETENTION_MINUTES_CONFIG) * 60_000L,
                values.getLong(OFFSETS_RETENTION_CHECK_INTERVAL_MS_CONFIG),
                groupMinSessionTimeoutMs(),
                groupMaxSessionTimeoutMs(),
                groupInitialRebalanceDelayMs(),
                values.getInt(GROUP_MAX_SIZE_CONFIG),
                values.getInt(GROUP_CONSUMER_SESSION_TIMEOUT_MS_CONFIG),
                values.getInt(GROUP_CONSUMER_MIN_SESSION_TIMEOUT_MS_CONFIG),
                values.getInt(GROUP_CONSUMER_MAX_SESSION_TIMEOUT_MS_CONFIG),
                values.getInt(GROUP_CONSUMER_HEARTBEAT_INTERVAL_MS_CONFIG),
                values.getInt(GROUP_CONSUMER_MAX_SIZE_CONFIG),
                values.getList(GROUP_CONSUMER_ASSIGNORS_CONFIG),
                values.getList(GROUP_COORDINATOR_REBALANCE_PROTOCOLS_CONFIG).contains("consumer"));
    }

    // ---- derivation and whole-configuration checks

    static TimestampType timestampType(String configValue) {
        return configValue.equals("LogAppendTime") ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME;
    }

    /** Kafka reads {@code broker.id} as {@code node.id} and the other way round when only one is given. */
    private static void populateNodeIdSynonym(Map<String, String> settings) {
        String brokerId = settings.get(BROKER_ID_CONFIG);
        String nodeId = settings.get(NODE_ID_CONFIG);
        if (brokerId != null && nodeId == null) {
            settings.put(NODE_ID_CONFIG, brokerId);
        } else if (brokerId == null && nodeId != null) {
            settings.put(BROKER_ID_CONFIG, nodeId);
        }
    }

    /** Kafka's start-up rule: each cleaner thread needs more than 1 MiB of offset map. */
    private void checkCleanerBuffer() {
        long buffer = values.getLong(LOG_CLEANER_DEDUPE_BUFFER_SIZE_CONFIG);
        int threads = values.getInt(LOG_CLEANER_THREADS_CONFIG);
        if (threads > 0 && buffer / threads <= 1024 * 1024) {
            throw new ConfigException(LOG_CLEANER_DEDUPE_BUFFER_SIZE_CONFIG, buffer,
                    "log.cleaner.dedupe.buffer.size must be at least 1MB per cleaner thread.");
        }
    }

    private void checkNodeId() {
        int brokerId = values.getInt(BROKER_ID_CONFIG);
        if (values.isSet(BROKER_ID_CONFIG) && brokerId != nodeId()) {
            throw new ConfigException(BROKER_ID_CONFIG, brokerId, "it must equal " + NODE_ID_CONFIG + " ("
                    + nodeId() + ") when both are set");
        }
    }

    private static Set<ProcessRole> processRoles(ParsedConfig values) {
        Set<ProcessRole> roles = EnumSet.noneOf(ProcessRole.class);
        values.getList(PROCESS_ROLES_CONFIG).forEach(role -> roles.add(ProcessRole.forConfigName(role)));
        return Collections.unmodifiableSet(roles);
    }

    private static List<Path> paths(ParsedConfig values) {
        String key = values.getList(LOG_DIRS_CONFIG) != null ? LOG_DIRS_CONFIG : LOG_DIR_CONFIG;
        List<Path> paths = new ArrayList<>();
        for (String dir : values.getList(key)) {
            paths.add(path(key, dir));
        }
        return List.copyOf(paths);
    }

    private static Path path(String key, String dir) {
        try {
            return Path.of(dir);
        } catch (InvalidPathException e) {
            throw new ConfigException(key, dir, "not a valid path: " + e.getReason());
        }
    }
}
