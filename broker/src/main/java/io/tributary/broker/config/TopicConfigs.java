package io.tributary.broker.config;

import static io.tributary.broker.config.BrokerConfigs.COMPRESSION_TYPES;
import static io.tributary.broker.config.BrokerConfigs.GZIP_LEVEL;
import static io.tributary.common.config.ConfigType.BOOLEAN;
import static io.tributary.common.config.ConfigType.DOUBLE;
import static io.tributary.common.config.ConfigType.INT;
import static io.tributary.common.config.ConfigType.LIST;
import static io.tributary.common.config.ConfigType.LONG;
import static io.tributary.common.config.ConfigType.STRING;
import static io.tributary.common.config.Importance.MEDIUM;
import static io.tributary.common.config.Validator.atLeast;
import static io.tributary.common.config.Validator.between;
import static io.tributary.common.config.Validator.in;
import static io.tributary.common.config.Validator.list;

import io.tributary.common.config.ConfigDef;
import io.tributary.common.config.ConfigException;
import io.tributary.common.config.ConfigKey;
import io.tributary.common.config.ConfigSource;
import io.tributary.common.config.ConfigType;
import io.tributary.common.config.ParsedConfig;
import io.tributary.common.config.Validator;
import io.tributary.records.CompressionType;
import io.tributary.storage.LogConfig;
import io.tributary.storage.TargetCompression;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The topic-level settings (CreateTopics, AlterConfigs, {@code kafka-configs.sh --entity-type topics})
 * with Kafka 4.3.1's names, types, defaults and validators, each with the broker settings that supply
 * its default when the topic does not set it ({@code retention.ms} from {@code log.retention.ms}, ...).
 *
 * <p>A topic's effective value is its own setting if it has one, else the broker's (Kafka's
 * precedence); the defaults written here are only what a broker with default settings would supply,
 * for documentation. {@link #logConfig} builds the storage settings of a partition log from that.
 */
public final class TopicConfigs {

    public static final String CLEANUP_POLICY_CONFIG = "cleanup.policy";
    public static final String COMPRESSION_TYPE_CONFIG = "compression.type";
    public static final String COMPRESSION_GZIP_LEVEL_CONFIG = "compression.gzip.level";
    public static final String COMPRESSION_LZ4_LEVEL_CONFIG = "compression.lz4.level";
    public static final String COMPRESSION_ZSTD_LEVEL_CONFIG = "compression.zstd.level";
    public static final String DELETE_RETENTION_MS_CONFIG = "delete.retention.ms";
    public static final String FILE_DELETE_DELAY_MS_CONFIG = "file.delete.delay.ms";
    public static final String FLUSH_MESSAGES_CONFIG = "flush.messages";
    public static final String FLUSH_MS_CONFIG = "flush.ms";
    public static final String FOLLOWER_REPLICATION_THROTTLED_REPLICAS_CONFIG = "follower.replication.throttled.replicas";
    public static final String INDEX_INTERVAL_BYTES_CONFIG = "index.interval.bytes";
    public static final String INTERNAL_SEGMENT_BYTES_CONFIG = "internal.segment.bytes";
    public static final String LEADER_REPLICATION_THROTTLED_REPLICAS_CONFIG = "leader.replication.throttled.replicas";
    public static final String LOCAL_RETENTION_BYTES_CONFIG = "local.retention.bytes";
    public static final String LOCAL_RETENTION_MS_CONFIG = "local.retention.ms";
    public static final String MAX_COMPACTION_LAG_MS_CONFIG = "max.compaction.lag.ms";
    public static final String MAX_MESSAGE_BYTES_CONFIG = "max.message.bytes";
    public static final String MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG = "message.timestamp.after.max.ms";
    public static final String MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG = "message.timestamp.before.max.ms";
    public static final String MESSAGE_TIMESTAMP_TYPE_CONFIG = "message.timestamp.type";
    public static final String MIN_CLEANABLE_DIRTY_RATIO_CONFIG = "min.cleanable.dirty.ratio";
    public static final String MIN_COMPACTION_LAG_MS_CONFIG = "min.compaction.lag.ms";
    public static final String MIN_INSYNC_REPLICAS_CONFIG = "min.insync.replicas";
    public static final String PREALLOCATE_CONFIG = "preallocate";
    public static final String REMOTE_LOG_COPY_DISABLE_CONFIG = "remote.log.copy.disable";
    public static final String REMOTE_LOG_DELETE_ON_DISABLE_CONFIG = "remote.log.delete.on.disable";
    public static final String REMOTE_STORAGE_ENABLE_CONFIG = "remote.storage.enable";
    public static final String RETENTION_BYTES_CONFIG = "retention.bytes";
    public static final String RETENTION_MS_CONFIG = "retention.ms";
    public static final String SEGMENT_BYTES_CONFIG = "segment.bytes";
    public static final String SEGMENT_INDEX_BYTES_CONFIG = "segment.index.bytes";
    public static final String SEGMENT_JITTER_MS_CONFIG = "segment.jitter.ms";
    public static final String SEGMENT_MS_CONFIG = "segment.ms";
    public static final String UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG = "unclean.leader.election.enable";

    private static final Pattern THROTTLED_REPLICA = Pattern.compile("\\d+:\\d+");

    /** Kafka's {@code ThrottledReplicaListValidator}: {@code *} alone, or partition:broker pairs. */
    private static final Validator THROTTLED_REPLICAS = Validator.custom(
            "[partitionId]:[brokerId],[partitionId]:[brokerId],...", (name, value) -> {
                List<?> replicas = (List<?>) value;
                boolean wildcard = replicas.size() == 1 && replicas.get(0).equals("*");
                if (!wildcard && !replicas.stream().allMatch(r -> THROTTLED_REPLICA.matcher(r.toString()).matches())) {
                    throw new ConfigException(name, value, "must be the literal '*' or a list of replicas in the"
                            + " following format: [partitionId]:[brokerId],[partitionId]:[brokerId],...");
                }
            });

    /** Tributary has no tiered storage; Kafka gives this reason when the broker's tiered storage is off. */
    private static final Validator NO_TIERED_STORAGE = Validator.custom("false", (name, value) -> {
        if ((Boolean) value) {
            throw new ConfigException(name, value, "Tiered Storage functionality is disabled in the broker. Topic"
                    + " cannot be configured with remote log storage.");
        }
    });

    public static final ConfigDef CONFIG_DEF = definition();

    private TopicConfigs() {
    }

    /**
     * Parses a topic's settings, checking each value; names that are not topic settings are
     * {@linkplain ParsedConfig#unknownKeys() collected}. For settings already stored (the metadata log).
     *
     * @throws ConfigException for an invalid value
     */
    public static ParsedConfig parse(Map<String, String> topicConfigs) {
        return CONFIG_DEF.parse(topicConfigs);
    }

    /**
     * Checks settings a client asks to give a topic, as CreateTopics and AlterConfigs must: every name
     * must be a topic setting, every value valid, and the result consistent with the broker's defaults.
     *
     * @throws ConfigException naming the setting and value at fault
     */
    public static void validate(Map<String, String> topicConfigs, BrokerConfig broker) {
        // Names first, then values, as Kafka's LogConfig.validate.
        for (String name : topicConfigs.keySet()) {
            if (!CONFIG_DEF.contains(name)) {
                throw new ConfigException("Unknown topic config name: " + name);
            }
        }
        ParsedConfig topic = parse(topicConfigs);
        long minLag = (Long) effectiveValue(MIN_COMPACTION_LAG_MS_CONFIG, topic, broker);
        long maxLag = (Long) effectiveValue(MAX_COMPACTION_LAG_MS_CONFIG, topic, broker);
        if (minLag > maxLag) {
            throw new ConfigException("conflict topic config setting " + MIN_COMPACTION_LAG_MS_CONFIG + " (" + minLag
                    + ") > " + MAX_COMPACTION_LAG_MS_CONFIG + " (" + maxLag + ")");
        }
    }

    /**
     * The value the broker supplies for a topic setting the topic does not set: its synonym's value,
     * converted to the topic setting's unit by Kafka's rules, or the topic default when it has no synonym.
     */
    public static Object brokerDefault(String name, BrokerConfig broker) {
        ConfigKey key = CONFIG_DEF.key(name)
                .orElseThrow(() -> new IllegalArgumentException("Unknown topic config " + name));
        return switch (name) {
            case RETENTION_MS_CONFIG -> broker.logRetentionTimeMillis();
            case SEGMENT_MS_CONFIG -> broker.logRollTimeMillis();
            case SEGMENT_JITTER_MS_CONFIG -> broker.logRollTimeJitterMillis();
            case FLUSH_MS_CONFIG -> broker.logFlushIntervalMs();
            default -> key.synonyms().isEmpty() ? key.defaultValue() : broker.values().get(key.synonyms().get(0));
        };
    }

    /** A topic setting's effective value: the topic's own, else the broker's. */
    public static Object effectiveValue(String name, ParsedConfig topic, BrokerConfig broker) {
        return topic.isSet(name) ? topic.get(name) : brokerDefault(name, broker);
    }

    /** Every topic setting's effective value, in definition order; internal settings only when set. */
    public static Map<String, Object> effectiveValues(Map<String, String> topicConfigs, BrokerConfig broker) {
        ParsedConfig topic = parse(topicConfigs);
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConfigKey key : CONFIG_DEF.keys()) {
            if (!key.internal() || topic.isSet(key.name())) {
                values.put(key.name(), effectiveValue(key.name(), topic, broker));
            }
        }
        return values;
    }

    /** Where a topic setting's effective value comes from, as DescribeConfigs reports it. */
    public static ConfigSource source(String name, ParsedConfig topic, BrokerConfig broker) {
        if (topic.isSet(name)) {
            return ConfigSource.DYNAMIC_TOPIC_CONFIG;
        }
        for (String synonym : topic.definition().key(name).orElseThrow().synonyms()) {
            if (broker.values().isSet(synonym)) {
                return broker.source(synonym);
            }
        }
        return ConfigSource.DEFAULT_CONFIG;
    }

    /**
     * The settings of a partition log of a topic with these settings on this broker. Names that are not
     * topic settings are ignored here; {@link #validate} is where they are refused.
     *
     * @throws ConfigException for an invalid value, or one the storage layer cannot use
     */
    public static LogConfig logConfig(Map<String, String> topicConfigs, BrokerConfig broker) {
        ParsedConfig topic = parse(topicConfigs);
        Integer internalSegmentBytes = topic.getInt(INTERNAL_SEGMENT_BYTES_CONFIG);
        int segmentBytes = internalSegmentBytes != null ? internalSegmentBytes
                : (Integer) effectiveValue(SEGMENT_BYTES_CONFIG, topic, broker);
        List<?> cleanupPolicy = (List<?>) effectiveValue(CLEANUP_POLICY_CONFIG, topic, broker);
        try {
            return LogConfig.builder()
                    .segmentBytes(segmentBytes)
                    .segmentMs((Long) effectiveValue(SEGMENT_MS_CONFIG, topic, broker))
                    .segmentIndexBytes((Integer) effectiveValue(SEGMENT_INDEX_BYTES_CONFIG, topic, broker))
                    .indexIntervalBytes((Integer) effectiveValue(INDEX_INTERVAL_BYTES_CONFIG, topic, broker))
                    .maxMessageBytes((Integer) effectiveValue(MAX_MESSAGE_BYTES_CONFIG, topic, broker))
                    .logAppendTime("LogAppendTime".equals(effectiveValue(MESSAGE_TIMESTAMP_TYPE_CONFIG, topic, broker)))
                    .timestampBeforeMaxMs((Long) effectiveValue(MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG, topic, broker))
                    .timestampAfterMaxMs((Long) effectiveValue(MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, topic, broker))
                    .compression(targetCompression(topic, broker))
                    .flushMessages((Long) effectiveValue(FLUSH_MESSAGES_CONFIG, topic, broker))
                    .flushMs((Long) effectiveValue(FLUSH_MS_CONFIG, topic, broker))
                    .fileDeleteDelayMs((Long) effectiveValue(FILE_DELETE_DELAY_MS_CONFIG, topic, broker))
                    .retentionMs((Long) effectiveValue(RETENTION_MS_CONFIG, topic, broker))
                    .retentionBytes((Long) effectiveValue(RETENTION_BYTES_CONFIG, topic, broker))
                    .deleteEnabled(cleanupPolicy.contains("delete"))
                    .compactEnabled(cleanupPolicy.contains("compact"))
                    .deleteRetentionMs((Long) effectiveValue(DELETE_RETENTION_MS_CONFIG, topic, broker))
                    .minCleanableDirtyRatio((Double) effectiveValue(MIN_CLEANABLE_DIRTY_RATIO_CONFIG, topic, broker))
                    .minCompactionLagMs((Long) effectiveValue(MIN_COMPACTION_LAG_MS_CONFIG, topic, broker))
                    .maxCompactionLagMs((Long) effectiveValue(MAX_COMPACTION_LAG_MS_CONFIG, topic, broker))
                    .build();
        } catch (IllegalArgumentException e) {
            // LogConfig's own checks, stricter than Kafka's where the storage format needs it
            // (segment.index.bytes >= 8).
            throw new ConfigException(e.getMessage());
        }
    }

    /** A topic's effective {@code min.insync.replicas}: its own, else the broker's. */
    public static int minInsyncReplicas(Map<String, String> topicConfigs, BrokerConfig broker) {
        return (Integer) effectiveValue(MIN_INSYNC_REPLICAS_CONFIG, parse(topicConfigs), broker);
    }

    /** {@code compression.type} with the level setting of the chosen codec. */
    private static TargetCompression targetCompression(ParsedConfig topic, BrokerConfig broker) {
        String type = (String) effectiveValue(COMPRESSION_TYPE_CONFIG, topic, broker);
        return switch (type) {
            case "producer" -> TargetCompression.PRODUCER;
            case "uncompressed" -> TargetCompression.of(CompressionType.NONE, 0);
            case "snappy" -> TargetCompression.of(CompressionType.SNAPPY, 0);
            case "gzip" -> TargetCompression.of(CompressionType.GZIP, (Integer) effectiveValue(COMPRESSION_GZIP_LEVEL_CONFIG, topic, broker));
            case "lz4" -> TargetCompression.of(CompressionType.LZ4, (Integer) effectiveValue(COMPRESSION_LZ4_LEVEL_CONFIG, topic, broker));
            case "zstd" -> TargetCompression.of(CompressionType.ZSTD, (Integer) effectiveValue(COMPRESSION_ZSTD_LEVEL_CONFIG, topic, broker));
            default -> throw new ConfigException(COMPRESSION_TYPE_CONFIG, type, "String must be one of: uncompressed, zstd, lz4, snappy, gzip, producer");
        };
    }

    /**
     * Checks the values the broker supplies as topic defaults against the topic settings' validators,
     * so that a bad broker setting (say {@code log.roll.ms=0}) fails at start-up, naming the broker key.
     */
    static void checkBrokerDefaults(BrokerConfig broker) {
        for (ConfigKey key : CONFIG_DEF.keys()) {
            if (key.synonyms().isEmpty() || key.validator() == null) {
                continue;
            }
            Object value = brokerDefault(key.name(), broker);
            if (value != null) {
                String brokerKey = key.synonyms().stream().filter(broker.values()::isSet).findFirst()
                        .orElse(key.synonyms().get(0));
                key.validator().ensureValid(brokerKey, value);
            }
        }
    }

    private static ConfigDef definition() {
        ConfigDef.Builder def = ConfigDef.builder();
        retentionAndCleaning(def);
        segmentsAndFlush(def);
        messages(def);
        replicationAndTieredStorage(def);
        return def.build();
    }

    private static ConfigKey key(String name, ConfigType type, Object defaultValue, Validator validator,
                                 String documentation, String... brokerSynonyms) {
        return ConfigKey.of(name, type, defaultValue, validator, MEDIUM, documentation).withSynonyms(brokerSynonyms);
    }

    private static void retentionAndCleaning(ConfigDef.Builder def) {
        def.define(key(CLEANUP_POLICY_CONFIG, LIST, "delete", list(true, "compact", "delete"),
                "What happens to old segments: delete removes them past retention.ms or retention.bytes; compact"
                        + " keeps the latest record of each key; both (delete,compact) compacts and removes;"
                        + " empty keeps everything forever.", "log.cleanup.policy"));
        def.define(key(RETENTION_MS_CONFIG, LONG, 604_800_000L, atLeast(-1),
                "How long data is kept before its segment may be deleted (delete policy); -1 keeps it forever.",
                "log.retention.ms", "log.retention.minutes", "log.retention.hours"));
        def.define(key(RETENTION_BYTES_CONFIG, LONG, -1L, null,
                "The size a partition may grow to before its oldest segments are deleted (delete policy); -1 for no"
                        + " limit.", "log.retention.bytes"));
        def.define(key(DELETE_RETENTION_MS_CONFIG, LONG, 86_400_000L, atLeast(0),
                "How long delete markers (tombstones) are kept in a compacted topic.",
                "log.cleaner.delete.retention.ms"));
        def.define(key(MIN_CLEANABLE_DIRTY_RATIO_CONFIG, DOUBLE, 0.5, between(0, 1),
                "The share of a log that must be uncompacted before it is compacted again.",
                "log.cleaner.min.cleanable.ratio"));
        def.define(key(MIN_COMPACTION_LAG_MS_CONFIG, LONG, 0L, atLeast(0),
                "The shortest time a record stays uncompacted.", "log.cleaner.min.compaction.lag.ms"));
        def.define(key(MAX_COMPACTION_LAG_MS_CONFIG, LONG, Long.MAX_VALUE, atLeast(1),
                "The longest time a record may stay uncompacted.", "log.cleaner.max.compaction.lag.ms"));
        def.define(key(FILE_DELETE_DELAY_MS_CONFIG, LONG, 60_000L, atLeast(0),
                "How long a deleted segment's files are kept before they are removed from the file system.",
                "log.segment.delete.delay.ms"));
    }

    private static void segmentsAndFlush(ConfigDef.Builder def) {
        def.define(key(SEGMENT_BYTES_CONFIG, INT, 1024 * 1024 * 1024, atLeast(1024 * 1024),
                "The size at which a new segment is started. Retention and compaction work a segment at a time.",
                "log.segment.bytes"));
        def.define(ConfigKey.of(INTERNAL_SEGMENT_BYTES_CONFIG, INT, null, atLeast(LogConfig.MIN_SEGMENT_BYTES), MEDIUM,
                "segment.bytes without its 1 MiB minimum, for tests only; overrides segment.bytes.").asInternal());
        def.define(key(SEGMENT_MS_CONFIG, LONG, 604_800_000L, atLeast(1),
                "The age at which a new segment is started even if the active one is not full.",
                "log.roll.ms", "log.roll.hours"));
        def.define(key(SEGMENT_JITTER_MS_CONFIG, LONG, 0L, atLeast(0),
                "The most random time taken off segment.ms, so that partitions do not all roll at once.",
                "log.roll.jitter.ms", "log.roll.jitter.hours"));
        def.define(key(SEGMENT_INDEX_BYTES_CONFIG, INT, 10 * 1024 * 1024, atLeast(4),
                "The size each offset index file is preallocated to. Tributary's storage needs at least 8.",
                "log.index.size.max.bytes"));
        def.define(key(INDEX_INTERVAL_BYTES_CONFIG, INT, 4096, atLeast(0),
                "The bytes of log between two offset index entries.", "log.index.interval.bytes"));
        def.define(key(PREALLOCATE_CONFIG, BOOLEAN, false, null,
                "Whether a new segment file is preallocated on disk.", "log.preallocate"));
        def.define(key(FLUSH_MESSAGES_CONFIG, LONG, Long.MAX_VALUE, atLeast(1),
                "fsync the log after this many messages. With log.flush.on.acks.all (the default), acks=all"
                        + " produces are fsynced anyway.", "log.flush.interval.messages"));
        def.define(key(FLUSH_MS_CONFIG, LONG, Long.MAX_VALUE, atLeast(0),
                "fsync the log when its oldest unflushed message is this old; checked every"
                        + " log.flush.scheduler.interval.ms.",
                "log.flush.interval.ms", "log.flush.scheduler.interval.ms"));
    }

    private static void messages(ConfigDef.Builder def) {
        def.define(key(MAX_MESSAGE_BYTES_CONFIG, INT, 1024 * 1024 + 12, atLeast(0),
                "The largest record batch accepted, after compression.", "message.max.bytes"));
        def.define(key(MESSAGE_TIMESTAMP_TYPE_CONFIG, STRING, "CreateTime", in("CreateTime", "LogAppendTime"),
                "Whether records keep the producer's timestamps (CreateTime) or get the broker's append time"
                        + " (LogAppendTime).", "log.message.timestamp.type"));
        def.define(key(MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG, LONG, Long.MAX_VALUE, atLeast(0),
                "With CreateTime, how far a record's timestamp may lie before the broker's time.",
                "log.message.timestamp.before.max.ms"));
        def.define(key(MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, LONG, 3_600_000L, atLeast(0),
                "With CreateTime, how far a record's timestamp may lie after the broker's time.",
                "log.message.timestamp.after.max.ms"));
        def.define(key(COMPRESSION_TYPE_CONFIG, STRING, "producer", in(COMPRESSION_TYPES),
                "The codec batches are stored with; producer keeps the producer's, uncompressed stores none.",
                "compression.type"));
        def.define(key(COMPRESSION_GZIP_LEVEL_CONFIG, INT, -1, GZIP_LEVEL,
                "The gzip level when compression.type is gzip.", "compression.gzip.level"));
        def.define(key(COMPRESSION_LZ4_LEVEL_CONFIG, INT, 9, between(1, 17),
                "The lz4 level when compression.type is lz4.", "compression.lz4.level"));
        def.define(key(COMPRESSION_ZSTD_LEVEL_CONFIG, INT, 3, between(-131072, 22),
                "The zstd level when compression.type is zstd.", "compression.zstd.level"));
    }

    private static void replicationAndTieredStorage(ConfigDef.Builder def) {
        def.define(key(MIN_INSYNC_REPLICAS_CONFIG, INT, 1, atLeast(1),
                "The replicas (leader included) that must be in sync for an acks=all produce to be accepted.",
                "min.insync.replicas"));
        def.define(key(UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, BOOLEAN, false, null,
                "Whether a replica outside the ISR may become leader as a last resort, losing data.",
                "unclean.leader.election.enable"));
        def.define(key(LEADER_REPLICATION_THROTTLED_REPLICAS_CONFIG, LIST, "", THROTTLED_REPLICAS,
                "Replicas whose replication is throttled on the leader, as partition:broker pairs, or * for all."));
        def.define(key(FOLLOWER_REPLICATION_THROTTLED_REPLICAS_CONFIG, LIST, "", THROTTLED_REPLICAS,
                "Replicas whose replication is throttled on the follower, as partition:broker pairs, or * for all."));
        def.define(key(REMOTE_STORAGE_ENABLE_CONFIG, BOOLEAN, false, NO_TIERED_STORAGE,
                "Tiered storage, which Tributary does not have: only false is accepted."));
        def.define(key(LOCAL_RETENTION_MS_CONFIG, LONG, -2L, atLeast(-2),
                "Tiered storage's local retention time; -2 means retention.ms. No effect in Tributary.",
                "log.local.retention.ms"));
        def.define(key(LOCAL_RETENTION_BYTES_CONFIG, LONG, -2L, atLeast(-2),
                "Tiered storage's local retention size; -2 means retention.bytes. No effect in Tributary.",
                "log.local.retention.bytes"));
        def.define(key(REMOTE_LOG_COPY_DISABLE_CONFIG, BOOLEAN, false, null,
                "Tiered storage setting; no effect in Tributary."));
        def.define(key(REMOTE_LOG_DELETE_ON_DISABLE_CONFIG, BOOLEAN, false, null,
                "Tiered storage setting; no effect in Tributary."));
    }
}
