package io.tributary.broker.config;

import static io.tributary.common.config.ConfigType.BOOLEAN;
import static io.tributary.common.config.ConfigType.DOUBLE;
import static io.tributary.common.config.ConfigType.INT;
import static io.tributary.common.config.ConfigType.LIST;
import static io.tributary.common.config.ConfigType.LONG;
import static io.tributary.common.config.ConfigType.SHORT;
import static io.tributary.common.config.ConfigType.STRING;
import static io.tributary.common.config.Importance.HIGH;
import static io.tributary.common.config.Importance.LOW;
import static io.tributary.common.config.Importance.MEDIUM;
import static io.tributary.common.config.Validator.atLeast;
import static io.tributary.common.config.Validator.between;
import static io.tributary.common.config.Validator.in;
import static io.tributary.common.config.Validator.list;

import io.tributary.common.config.ConfigDef;
import io.tributary.common.config.ConfigException;
import io.tributary.common.config.Validator;
import io.tributary.storage.producer.ProducerStateConfig;

/**
 * Every broker setting: name, type, default, validator and documentation side by side (STYLE habit 8),
 * with Kafka's names, types, defaults and validators (Kafka 4.3.1's {@code AbstractKafkaConfig}),
 * except where noted. {@link BrokerConfig} is the typed view of a parsed file.
 *
 * <p><b>Differences from Kafka</b>, all so that one process starts with no configuration at all
 * (DESIGN D11); every other default is Kafka's:
 * <ul>
 *   <li>{@code node.id} defaults to 1 (Kafka: required);</li>
 *   <li>{@code process.roles} defaults to {@code broker,controller} (Kafka: required);</li>
 *   <li>{@code controller.listener.names} defaults to empty (Kafka: required), because the metadata
 *       quorum is replicated by Ratis (DESIGN D7) and a single node needs no controller listener;</li>
 *   <li>{@code listeners} defaults to {@code PLAINTEXT://localhost:9092} (Kafka: {@code PLAINTEXT://:9092});</li>
 *   <li>{@code log.dir} defaults to {@code ./data} (Kafka: {@code /tmp/kafka-logs});</li>
 *   <li>{@code offsets.topic.replication.factor} and {@code transaction.state.log.replication.factor}
 *       default to 1 and {@code transaction.state.log.min.isr} to 1 (Kafka: 3, 3 and 2, which leave a
 *       single node without consumer groups or transactions; Kafka's own sample server.properties sets
 *       all three to 1). A cluster should set them, as with Kafka;</li>
 *   <li>{@code log.flush.on.acks.all} is Tributary's own (DESIGN D5).</li>
 * </ul>
 */
public final class BrokerConfigs {

    // Node and roles
    public static final String NODE_ID_CONFIG = "node.id";
    public static final String BROKER_ID_CONFIG = "broker.id";
    public static final String PROCESS_ROLES_CONFIG = "process.roles";
    public static final String CONTROLLER_LISTENER_NAMES_CONFIG = "controller.listener.names";
    public static final String CONTROLLER_QUORUM_VOTERS_CONFIG = "controller.quorum.voters";
    public static final String CONTROLLER_QUORUM_BOOTSTRAP_SERVERS_CONFIG = "controller.quorum.bootstrap.servers";
    public static final String METADATA_LOG_DIR_CONFIG = "metadata.log.dir";

    // Listeners and the socket server
    public static final String LISTENERS_CONFIG = "listeners";
    public static final String ADVERTISED_LISTENERS_CONFIG = "advertised.listeners";
    public static final String LISTENER_SECURITY_PROTOCOL_MAP_CONFIG = "listener.security.protocol.map";
    public static final String INTER_BROKER_LISTENER_NAME_CONFIG = "inter.broker.listener.name";
    public static final String SECURITY_INTER_BROKER_PROTOCOL_CONFIG = "security.inter.broker.protocol";
    public static final String SOCKET_SEND_BUFFER_BYTES_CONFIG = "socket.send.buffer.bytes";
    public static final String SOCKET_RECEIVE_BUFFER_BYTES_CONFIG = "socket.receive.buffer.bytes";
    public static final String SOCKET_REQUEST_MAX_BYTES_CONFIG = "socket.request.max.bytes";
    public static final String QUEUED_MAX_REQUESTS_CONFIG = "queued.max.requests";
    public static final String NUM_NETWORK_THREADS_CONFIG = "num.network.threads";
    public static final String NUM_IO_THREADS_CONFIG = "num.io.threads";

    // Topic defaults
    public static final String NUM_PARTITIONS_CONFIG = "num.partitions";
    public static final String DEFAULT_REPLICATION_FACTOR_CONFIG = "default.replication.factor";
    public static final String AUTO_CREATE_TOPICS_ENABLE_CONFIG = "auto.create.topics.enable";
    public static final String DELETE_TOPIC_ENABLE_CONFIG = "delete.topic.enable";
    public static final String MIN_INSYNC_REPLICAS_CONFIG = "min.insync.replicas";
    public static final String UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG = "unclean.leader.election.enable";
    public static final String COMPRESSION_TYPE_CONFIG = "compression.type";
    public static final String COMPRESSION_GZIP_LEVEL_CONFIG = "compression.gzip.level";
    public static final String COMPRESSION_LZ4_LEVEL_CONFIG = "compression.lz4.level";
    public static final String COMPRESSION_ZSTD_LEVEL_CONFIG = "compression.zstd.level";
    public static final String MESSAGE_MAX_BYTES_CONFIG = "message.max.bytes";

    // Log directories and segments
    public static final String LOG_DIR_CONFIG = "log.dir";
    public static final String LOG_DIRS_CONFIG = "log.dirs";
    public static final String NUM_RECOVERY_THREADS_PER_DATA_DIR_CONFIG = "num.recovery.threads.per.data.dir";
    public static final String LOG_SEGMENT_BYTES_CONFIG = "log.segment.bytes";
    public static final String LOG_ROLL_MS_CONFIG = "log.roll.ms";
    public static final String LOG_ROLL_HOURS_CONFIG = "log.roll.hours";
    public static final String LOG_ROLL_JITTER_MS_CONFIG = "log.roll.jitter.ms";
    public static final String LOG_ROLL_JITTER_HOURS_CONFIG = "log.roll.jitter.hours";
    public static final String LOG_INDEX_SIZE_MAX_BYTES_CONFIG = "log.index.size.max.bytes";
    public static final String LOG_INDEX_INTERVAL_BYTES_CONFIG = "log.index.interval.bytes";
    public static final String LOG_PREALLOCATE_CONFIG = "log.preallocate";
    public static final String LOG_SEGMENT_DELETE_DELAY_MS_CONFIG = "log.segment.delete.delay.ms";
    public static final String LOG_MESSAGE_TIMESTAMP_TYPE_CONFIG = "log.message.timestamp.type";
    public static final String LOG_MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG = "log.message.timestamp.before.max.ms";
    public static final String LOG_MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG = "log.message.timestamp.after.max.ms";

    // Flush and durability
    public static final String LOG_FLUSH_ON_ACKS_ALL_CONFIG = "log.flush.on.acks.all";
    public static final String LOG_FLUSH_INTERVAL_MESSAGES_CONFIG = "log.flush.interval.messages";
    public static final String LOG_FLUSH_INTERVAL_MS_CONFIG = "log.flush.interval.ms";
    public static final String LOG_FLUSH_SCHEDULER_INTERVAL_MS_CONFIG = "log.flush.scheduler.interval.ms";
    public static final String LOG_FLUSH_OFFSET_CHECKPOINT_INTERVAL_MS_CONFIG = "log.flush.offset.checkpoint.interval.ms";
    public static final String LOG_FLUSH_START_OFFSET_CHECKPOINT_INTERVAL_MS_CONFIG =
            "log.flush.start.offset.checkpoint.interval.ms";

    // Retention and cleaning
    public static final String LOG_RETENTION_MS_CONFIG = "log.retention.ms";
    public static final String LOG_RETENTION_MINUTES_CONFIG = "log.retention.minutes";
    public static final String LOG_RETENTION_HOURS_CONFIG = "log.retention.hours";
    public static final String LOG_RETENTION_BYTES_CONFIG = "log.retention.bytes";
    public static final String LOG_RETENTION_CHECK_INTERVAL_MS_CONFIG = "log.retention.check.interval.ms";
    public static final String LOG_LOCAL_RETENTION_MS_CONFIG = "log.local.retention.ms";
    public static final String LOG_LOCAL_RETENTION_BYTES_CONFIG = "log.local.retention.bytes";
    public static final String LOG_CLEANUP_POLICY_CONFIG = "log.cleanup.policy";
    public static final String LOG_CLEANER_ENABLE_CONFIG = "log.cleaner.enable";
    public static final String LOG_CLEANER_THREADS_CONFIG = "log.cleaner.threads";
    public static final String LOG_CLEANER_DELETE_RETENTION_MS_CONFIG = "log.cleaner.delete.retention.ms";
    public static final String LOG_CLEANER_MIN_COMPACTION_LAG_MS_CONFIG = "log.cleaner.min.compaction.lag.ms";
    public static final String LOG_CLEANER_MAX_COMPACTION_LAG_MS_CONFIG = "log.cleaner.max.compaction.lag.ms";
    public static final String LOG_CLEANER_MIN_CLEANABLE_RATIO_CONFIG = "log.cleaner.min.cleanable.ratio";
    public static final String LOG_CLEANER_DEDUPE_BUFFER_SIZE_CONFIG = "log.cleaner.dedupe.buffer.size";
    public static final String LOG_CLEANER_IO_BUFFER_SIZE_CONFIG = "log.cleaner.io.buffer.size";
    public static final String LOG_CLEANER_IO_BUFFER_LOAD_FACTOR_CONFIG = "log.cleaner.io.buffer.load.factor";
    public static final String LOG_CLEANER_IO_MAX_BYTES_PER_SECOND_CONFIG = "log.cleaner.io.max.bytes.per.second";
    public static final String LOG_CLEANER_BACKOFF_MS_CONFIG = "log.cleaner.backoff.ms";

    // Replication
    public static final String NUM_REPLICA_FETCHERS_CONFIG = "num.replica.fetchers";
    public static final String REPLICA_LAG_TIME_MAX_MS_CONFIG = "replica.lag.time.max.ms";
    public static final String REPLICA_FETCH_MAX_BYTES_CONFIG = "replica.fetch.max.bytes";
    public static final String REPLICA_FETCH_MIN_BYTES_CONFIG = "replica.fetch.min.bytes";
    public static final String REPLICA_FETCH_WAIT_MAX_MS_CONFIG = "replica.fetch.wait.max.ms";
    public static final String REPLICA_FETCH_RESPONSE_MAX_BYTES_CONFIG = "replica.fetch.response.max.bytes";
    public static final String REPLICA_FETCH_BACKOFF_MS_CONFIG = "replica.fetch.backoff.ms";
    public static final String REPLICA_HIGH_WATERMARK_CHECKPOINT_INTERVAL_MS_CONFIG =
            "replica.high.watermark.checkpoint.interval.ms";

    // Producer state, transactions, consumer groups
    public static final String PRODUCER_ID_EXPIRATION_MS_CONFIG = ProducerStateConfig.PRODUCER_ID_EXPIRATION_MS_CONFIG;
    public static final String TRANSACTIONAL_ID_EXPIRATION_MS_CONFIG = "transactional.id.expiration.ms";
    public static final String TRANSACTION_MAX_TIMEOUT_MS_CONFIG = "transaction.max.timeout.ms";
    public static final String TRANSACTION_STATE_LOG_NUM_PARTITIONS_CONFIG = "transaction.state.log.num.partitions";
    public static final String TRANSACTION_STATE_LOG_REPLICATION_FACTOR_CONFIG =
            "transaction.state.log.replication.factor";
    public static final String TRANSACTION_STATE_LOG_MIN_ISR_CONFIG = "transaction.state.log.min.isr";
    public static final String TRANSACTION_STATE_LOG_SEGMENT_BYTES_CONFIG = "transaction.state.log.segment.bytes";
    public static final String OFFSETS_TOPIC_NUM_PARTITIONS_CONFIG = "offsets.topic.num.partitions";
    public static final String OFFSETS_TOPIC_REPLICATION_FACTOR_CONFIG = "offsets.topic.replication.factor";
    public static final String OFFSETS_TOPIC_SEGMENT_BYTES_CONFIG = "offsets.topic.segment.bytes";
    public static final String OFFSETS_RETENTION_MINUTES_CONFIG = "offsets.retention.minutes";
    public static final String OFFSETS_RETENTION_CHECK_INTERVAL_MS_CONFIG = "offsets.retention.check.interval.ms";
    public static final String OFFSETS_COMMIT_TIMEOUT_MS_CONFIG = "offsets.commit.timeout.ms";
    public static final String GROUP_INITIAL_REBALANCE_DELAY_MS_CONFIG = "group.initial.rebalance.delay.ms";
    public static final String GROUP_MIN_SESSION_TIMEOUT_MS_CONFIG = "group.min.session.timeout.ms";
    public static final String GROUP_MAX_SESSION_TIMEOUT_MS_CONFIG = "group.max.session.timeout.ms";
    public static final String GROUP_MAX_SIZE_CONFIG = "group.max.size";
    public static final String OFFSET_METADATA_MAX_BYTES_CONFIG = "offset.metadata.max.bytes";
    public static final String GROUP_COORDINATOR_THREADS_CONFIG = "group.coordinator.threads";
    public static final String GROUP_COORDINATOR_REBALANCE_PROTOCOLS_CONFIG = "group.coordinator.rebalance.protocols";
    public static final String GROUP_CONSUMER_SESSION_TIMEOUT_MS_CONFIG = "group.consumer.session.timeout.ms";
    public static final String GROUP_CONSUMER_MIN_SESSION_TIMEOUT_MS_CONFIG = "group.consumer.min.session.timeout.ms";
    public static final String GROUP_CONSUMER_MAX_SESSION_TIMEOUT_MS_CONFIG = "group.consumer.max.session.timeout.ms";
    public static final String GROUP_CONSUMER_HEARTBEAT_INTERVAL_MS_CONFIG = "group.consumer.heartbeat.interval.ms";
    public static final String GROUP_CONSUMER_MIN_HEARTBEAT_INTERVAL_MS_CONFIG = "group.consumer.min.heartbeat.interval.ms";
    public static final String GROUP_CONSUMER_MAX_HEARTBEAT_INTERVAL_MS_CONFIG = "group.consumer.max.heartbeat.interval.ms";
    public static final String GROUP_CONSUMER_MAX_SIZE_CONFIG = "group.consumer.max.size";
    public static final String GROUP_CONSUMER_ASSIGNORS_CONFIG = "group.consumer.assignors";

    /** Kafka's default {@code listener.security.protocol.map}: every protocol under its own name. */
    public static final String DEFAULT_LISTENER_SECURITY_PROTOCOL_MAP =
            "SASL_SSL:SASL_SSL,PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT";

    /** The values {@code compression.type} takes, broker- and topic-level. */
    static final String[] COMPRESSION_TYPES = {"uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"};

    /** Kafka's gzip level rule: 1 to 9, or -1 for the codec's default. */
    static final Validator GZIP_LEVEL = Validator.custom("[1,...,9] or -1", (name, value) -> {
        int level = (Integer) value;
        if (level != -1 && (level < 1 || level > 9)) {
            throw new ConfigException(name, value, "Value must be between 1 and 9 or equal to -1");
        }
    });

    public static final ConfigDef CONFIG_DEF = definition();

    private BrokerConfigs() {
    }

    private static ConfigDef definition() {
        ConfigDef.Builder builder = ConfigDef.builder();
        nodeAndRoles(builder);
        socketServer(builder);
        topicDefaults(builder);
        logSegments(builder);
        flush(builder);
        retentionAndCleaning(builder);
        replication(builder);
        coordinators(builder);
        return builder.build();
    }

    private static void nodeAndRoles(ConfigDef.Builder def) {
        def.define(NODE_ID_CONFIG, INT, 1, atLeast(0), HIGH,
                "This node's id, unique in the cluster, for its broker and controller roles alike. Kafka requires it;"
                        + " Tributary defaults to 1 so that a single node starts with no configuration.");
        def.define(BROKER_ID_CONFIG, INT, -1, HIGH,
                "The old name of node.id, read so that older files load: when only broker.id is set it is the node id;"
                        + " when both are set they must be equal. -1 means not set.");
        def.define(PROCESS_ROLES_CONFIG, LIST, "broker,controller", list(false, "broker", "controller"), HIGH,
                "The roles this process plays: broker, controller, or broker,controller for both. Kafka requires it;"
                        + " Tributary defaults to both, so that one process is a whole cluster.");
        def.define(CONTROLLER_LISTENER_NAMES_CONFIG, LIST, "", list(true), HIGH,
                "The names of the listeners the controller uses. On a node with the controller role each must be one"
                        + " of listeners; on a broker-only node none may be. Kafka requires it; Tributary's metadata"
                        + " quorum is replicated by Ratis, so a single node needs none and the default is empty.");
        def.define(CONTROLLER_QUORUM_VOTERS_CONFIG, LIST, "", list(true), HIGH,
                "The controller quorum's voters as id@host:port entries (Kafka's static quorum).");
        def.define(CONTROLLER_QUORUM_BOOTSTRAP_SERVERS_CONFIG, LIST, "", list(true), HIGH,
                "The host:port entries a node contacts to find the controller quorum (Kafka's dynamic quorum).");
        def.define(METADATA_LOG_DIR_CONFIG, STRING, null, HIGH,
                "The directory of the cluster metadata log. Not set: the first directory of log.dirs.");
    }

    private static void socketServer(ConfigDef.Builder def) {
        def.define(LISTENERS_CONFIG, LIST, "PLAINTEXT://localhost:9092", list(false), HIGH,
                "The addresses to listen on, as comma-separated NAME://host:port entries. NAME is a security protocol"
                        + " or a name mapped to one in listener.security.protocol.map. Names must be unique, and ports"
                        + " too unless one listener has an IPv4 and the other an IPv6 address; port 0 takes a free"
                        + " port. An empty host binds the default interface, 0.0.0.0 every interface. Tributary's"
                        + " default, PLAINTEXT://localhost:9092, is reachable only from this machine; Kafka's is"
                        + " PLAINTEXT://:9092.");
        def.define(ADVERTISED_LISTENERS_CONFIG, LIST, null, list(false), HIGH,
                "The addresses clients and other brokers are told to connect to, as NAME://host:port entries, when they"
                        + " differ from listeners (NAT, containers, cloud). Not set: listeners. Each name must be one of"
                        + " listeners; ports may repeat; 0.0.0.0 is refused since nobody can connect to it.");
        def.define(LISTENER_SECURITY_PROTOCOL_MAP_CONFIG, STRING, DEFAULT_LISTENER_SECURITY_PROTOCOL_MAP, LOW,
                "The security protocol of each listener name, as comma-separated NAME:PROTOCOL pairs, e.g."
                        + " INTERNAL:SSL,EXTERNAL:SASL_SSL. When it is not set and no listener uses SSL or SASL, the"
                        + " controller listener names map to PLAINTEXT, as in Kafka.");
        def.define(INTER_BROKER_LISTENER_NAME_CONFIG, STRING, null, MEDIUM,
                "The listener brokers use to reach each other; one of advertised.listeners. Not set: the listener"
                        + " named after security.inter.broker.protocol. Set at most one of the two.");
        def.define(SECURITY_INTER_BROKER_PROTOCOL_CONFIG, STRING, "PLAINTEXT",
                in("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"), MEDIUM,
                "The security protocol brokers use to reach each other, when inter.broker.listener.name is not set.");
        def.define(SOCKET_SEND_BUFFER_BYTES_CONFIG, INT, 100 * 1024, HIGH,
                "SO_SNDBUF of client connections; -1 leaves the operating system's default.");
        def.define(SOCKET_RECEIVE_BUFFER_BYTES_CONFIG, INT, 100 * 1024, HIGH,
                "SO_RCVBUF of client connections; -1 leaves the operating system's default.");
        def.define(SOCKET_REQUEST_MAX_BYTES_CONFIG, INT, 100 * 1024 * 1024, atLeast(1), HIGH,
                "The largest request accepted; a connection announcing a larger one is closed before anything is"
                        + " allocated.");
        def.define(QUEUED_MAX_REQUESTS_CONFIG, INT, 500, atLeast(1), HIGH,
                "How many requests may wait for a request handler before connections stop being read.");
        def.define(NUM_NETWORK_THREADS_CONFIG, INT, 3, atLeast(1), HIGH,
                "The threads that read requests from and write responses to connections.");
        def.define(NUM_IO_THREADS_CONFIG, INT, 8, atLeast(1), HIGH,
                "The threads that handle requests, including their disk I/O.");
    }

    private static void topicDefaults(ConfigDef.Builder def) {
        def.define(NUM_PARTITIONS_CONFIG, INT, 1, atLeast(1), MEDIUM,
                "The number of partitions of a topic created without one (auto-creation, or CreateTopics with -1).");
        def.define(DEFAULT_REPLICATION_FACTOR_CONFIG, INT, 1, MEDIUM,
                "The replication factor of a topic created without one.");
        def.define(AUTO_CREATE_TOPICS_ENABLE_CONFIG, BOOLEAN, true, HIGH,
                "Whether a Metadata request for a topic that does not exist creates it.");
        def.define(DELETE_TOPIC_ENABLE_CONFIG, BOOLEAN, true, HIGH,
                "Whether topics can be deleted; when false, DeleteTopics is refused.");
        def.define(MIN_INSYNC_REPLICAS_CONFIG, INT, 1, atLeast(1), HIGH,
                "Default for topic min.insync.replicas: the replicas (leader included) that must be in sync for an"
                        + " acks=all produce to be accepted.");
        def.define(UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, BOOLEAN, false, HIGH,
                "Default for topic unclean.leader.election.enable: whether a replica outside the ISR may become"
                        + " leader as a last resort, losing data.");
        def.define(COMPRESSION_TYPE_CONFIG, STRING, "producer", in(COMPRESSION_TYPES), HIGH,
                "Default for topic compression.type: the codec batches are stored with; producer keeps the"
                        + " producer's.");
        def.define(COMPRESSION_GZIP_LEVEL_CONFIG, INT, -1, GZIP_LEVEL, MEDIUM,
                "Default for topic compression.gzip.level.");
        def.define(COMPRESSION_LZ4_LEVEL_CONFIG, INT, 9, between(1, 17), MEDIUM,
                "Default for topic compression.lz4.level.");
        def.define(COMPRESSION_ZSTD_LEVEL_CONFIG, INT, 3, between(-131072, 22), MEDIUM,
                "Default for topic compression.zstd.level.");
        def.define(MESSAGE_MAX_BYTES_CONFIG, INT, 1024 * 1024 + 12, atLeast(0), HIGH,
                "Default for topic max.message.bytes: the largest record batch accepted, after compression.");
    }

    private static void logSegments(ConfigDef.Builder def) {
        def.define(LOG_DIR_CONFIG, LIST, "./data", list(false), HIGH,
                "The directories partition data is stored in, when log.dirs is not set. Tributary's default is ./data;"
                        + " Kafka's is /tmp/kafka-logs.");
        def.define(LOG_DIRS_CONFIG, LIST, null, list(false), HIGH,
                "The directories partition data is stored in, comma-separated. Not set: log.dir.");
        def.define(NUM_RECOVERY_THREADS_PER_DATA_DIR_CONFIG, INT, 2, atLeast(1), HIGH,
                "Threads per log directory that recover logs at start-up and flush them at shutdown.");
        def.define(LOG_SEGMENT_BYTES_CONFIG, INT, 1024 * 1024 * 1024, atLeast(1024 * 1024), HIGH,
                "Default for topic segment.bytes: the size at which a new segment is started.");
        def.define(LOG_ROLL_MS_CONFIG, LONG, null, HIGH,
                "Default for topic segment.ms: the age at which a new segment is started. Not set: log.roll.hours.");
        def.define(LOG_ROLL_HOURS_CONFIG, INT, 168, atLeast(1), HIGH,
                "log.roll.ms in hours, used when log.roll.ms is not set.");
        def.define(LOG_ROLL_JITTER_MS_CONFIG, LONG, null, HIGH,
                "Default for topic segment.jitter.ms. Not set: log.roll.jitter.hours.");
        def.define(LOG_ROLL_JITTER_HOURS_CONFIG, INT, 0, atLeast(0), HIGH,
                "log.roll.jitter.ms in hours, used when log.roll.jitter.ms is not set.");
        def.define(LOG_INDEX_SIZE_MAX_BYTES_CONFIG, INT, 10 * 1024 * 1024, atLeast(4), MEDIUM,
                "Default for topic segment.index.bytes: the size each offset index file is preallocated to.");
        def.define(LOG_INDEX_INTERVAL_BYTES_CONFIG, INT, 4096, atLeast(0), MEDIUM,
                "Default for topic index.interval.bytes: the bytes of log between two offset index entries.");
        def.define(LOG_PREALLOCATE_CONFIG, BOOLEAN, false, MEDIUM, "Default for topic preallocate.");
        def.define(LOG_SEGMENT_DELETE_DELAY_MS_CONFIG, LONG, 60_000L, atLeast(0), HIGH,
                "Default for topic file.delete.delay.ms: how long a deleted segment's files are kept before removal.");
        def.define(LOG_MESSAGE_TIMESTAMP_TYPE_CONFIG, STRING, "CreateTime", in("CreateTime", "LogAppendTime"), MEDIUM,
                "Default for topic message.timestamp.type: the producer's timestamps (CreateTime) or the broker's"
                        + " append time (LogAppendTime).");
        def.define(LOG_MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG, LONG, Long.MAX_VALUE, atLeast(0), MEDIUM,
                "Default for topic message.timestamp.before.max.ms.");
        def.define(LOG_MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, LONG, 3_600_000L, atLeast(0), MEDIUM,
                "Default for topic message.timestamp.after.max.ms.");
    }

    private static void flush(ConfigDef.Builder def) {
        def.define(LOG_FLUSH_ON_ACKS_ALL_CONFIG, BOOLEAN, true, HIGH,
                "Tributary only. true: an acks=all produce is answered only after its batches are fsynced (one fsync"
                        + " covers every write that arrived meanwhile) and replicated to the ISR, so acknowledged data"
                        + " survives power loss. false: Kafka's behaviour, answered once the ISR has the data in the"
                        + " page cache; fsync happens only by flush.messages and flush.ms. acks=0 and acks=1 never"
                        + " wait for fsync.");
        def.define(LOG_FLUSH_INTERVAL_MESSAGES_CONFIG, LONG, Long.MAX_VALUE, atLeast(1), HIGH,
                "Default for topic flush.messages: fsync a log after this many messages.");
        def.define(LOG_FLUSH_INTERVAL_MS_CONFIG, LONG, null, HIGH,
                "Default for topic flush.ms: fsync a log when its oldest unflushed message is this old. Not set:"
                        + " log.flush.scheduler.interval.ms.");
        def.define(LOG_FLUSH_SCHEDULER_INTERVAL_MS_CONFIG, LONG, Long.MAX_VALUE, HIGH,
                "How often logs are checked against flush.ms.");
        def.define(LOG_FLUSH_OFFSET_CHECKPOINT_INTERVAL_MS_CONFIG, INT, 60_000, atLeast(0), HIGH,
                "How often the recovery point of every log is checkpointed.");
        def.define(LOG_FLUSH_START_OFFSET_CHECKPOINT_INTERVAL_MS_CONFIG, INT, 60_000, atLeast(0), HIGH,
                "How often the log start offset of every log is checkpointed.");
    }

    private static void retentionAndCleaning(ConfigDef.Builder def) {
        def.define(LOG_RETENTION_MS_CONFIG, LONG, null, HIGH,
                "Default for topic retention.ms; -1 (or any negative value) keeps data forever. Not set:"
                        + " log.retention.minutes, then log.retention.hours.");
        def.define(LOG_RETENTION_MINUTES_CONFIG, INT, null, HIGH,
                "log.retention.ms in minutes, used when log.retention.ms is not set.");
        def.define(LOG_RETENTION_HOURS_CONFIG, INT, 168, HIGH,
                "log.retention.ms in hours, used when neither log.retention.ms nor log.retention.minutes is set.");
        def.define(LOG_RETENTION_BYTES_CONFIG, LONG, -1L, HIGH,
                "Default for topic retention.bytes: the size a partition may grow to; -1 for no limit.");
        def.define(LOG_RETENTION_CHECK_INTERVAL_MS_CONFIG, LONG, 300_000L, atLeast(1), MEDIUM,
                "How often logs are checked for segments past their retention.");
        def.define(LOG_LOCAL_RETENTION_MS_CONFIG, LONG, -2L, atLeast(-2), MEDIUM,
                "Default for topic local.retention.ms (tiered storage, which Tributary does not have).");
        def.define(LOG_LOCAL_RETENTION_BYTES_CONFIG, LONG, -2L, atLeast(-2), MEDIUM,
                "Default for topic local.retention.bytes (tiered storage, which Tributary does not have).");
        def.define(LOG_CLEANUP_POLICY_CONFIG, LIST, "delete", list(true, "compact", "delete"), MEDIUM,
                "Default for topic cleanup.policy: delete, compact, both, or empty for neither.");
        def.define(LOG_CLEANER_ENABLE_CONFIG, BOOLEAN, true, MEDIUM,
                "Whether the log cleaner runs; compacted topics, __consumer_offsets among them, grow without it.");
        def.define(LOG_CLEANER_THREADS_CONFIG, INT, 1, atLeast(0), MEDIUM, "The threads that compact logs.");
        def.define(LOG_CLEANER_DELETE_RETENTION_MS_CONFIG, LONG, 86_400_000L, atLeast(0), MEDIUM,
                "Default for topic delete.retention.ms.");
        def.define(LOG_CLEANER_MIN_COMPACTION_LAG_MS_CONFIG, LONG, 0L, atLeast(0), MEDIUM,
                "Default for topic min.compaction.lag.ms.");
        def.define(LOG_CLEANER_MAX_COMPACTION_LAG_MS_CONFIG, LONG, Long.MAX_VALUE, atLeast(1), MEDIUM,
                "Default for topic max.compaction.lag.ms.");
        def.define(LOG_CLEANER_MIN_CLEANABLE_RATIO_CONFIG, DOUBLE, 0.5, between(0, 1), MEDIUM,
                "Default for topic min.cleanable.dirty.ratio.");
        def.define(LOG_CLEANER_DEDUPE_BUFFER_SIZE_CONFIG, LONG, 128L * 1024 * 1024, MEDIUM,
                "The total memory used for log deduplication across all cleaner threads.");
        def.define(LOG_CLEANER_IO_BUFFER_SIZE_CONFIG, INT, 512 * 1024, atLeast(0), MEDIUM,
                "The total memory used for log cleaner I/O buffers across all cleaner threads.");
        def.define(LOG_CLEANER_IO_BUFFER_LOAD_FACTOR_CONFIG, DOUBLE, 0.9, MEDIUM,
                "Log cleaner dedupe buffer load factor: how full the dedupe buffer may become. Higher cleans more"
                        + " log at once but with more hash collisions.");
        def.define(LOG_CLEANER_IO_MAX_BYTES_PER_SECOND_CONFIG, DOUBLE, Double.MAX_VALUE, MEDIUM,
                "The log cleaner is throttled so that the sum of its read and write I/O stays below this on average.");
        def.define(LOG_CLEANER_BACKOFF_MS_CONFIG, LONG, 15_000L, atLeast(0), MEDIUM,
                "The amount of time to sleep when there are no logs to clean.");
    }

    private static void replication(ConfigDef.Builder def) {
        def.define(NUM_REPLICA_FETCHERS_CONFIG, INT, 1, atLeast(1), HIGH,
                "Fetcher threads per source broker that replicate partitions to this broker.");
        def.define(REPLICA_LAG_TIME_MAX_MS_CONFIG, LONG, 30_000L, HIGH,
                "A follower that has not caught up with the leader's log end for this long leaves the ISR.");
        def.define(REPLICA_FETCH_MAX_BYTES_CONFIG, INT, 1024 * 1024, atLeast(0), MEDIUM,
                "The bytes a follower asks for per partition in one fetch.");
        def.define(REPLICA_FETCH_MIN_BYTES_CONFIG, INT, 1, HIGH,
                "The bytes a follower's fetch waits for, up to replica.fetch.wait.max.ms.");
        def.define(REPLICA_FETCH_WAIT_MAX_MS_CONFIG, INT, 500, HIGH,
                "How long a follower's fetch waits for data; keep it below replica.lag.time.max.ms.");
        def.define(REPLICA_FETCH_RESPONSE_MAX_BYTES_CONFIG, INT, 10 * 1024 * 1024, atLeast(0), MEDIUM,
                "The bytes a follower asks for in one fetch response.");
        def.define(REPLICA_FETCH_BACKOFF_MS_CONFIG, INT, 1000, atLeast(0), MEDIUM,
                "How long a follower waits after a failed fetch.");
        def.define(REPLICA_HIGH_WATERMARK_CHECKPOINT_INTERVAL_MS_CONFIG, LONG, 5000L, HIGH,
                "How often every partition's high watermark is checkpointed.");
    }

    private static void coordinators(ConfigDef.Builder def) {
        def.define(PRODUCER_ID_EXPIRATION_MS_CONFIG, INT, (int) ProducerStateConfig.PRODUCER_ID_EXPIRATION_MS_DEFAULT,
                atLeast(1), LOW, ProducerStateConfig.PRODUCER_ID_EXPIRATION_MS_DOC);
        def.define(TRANSACTIONAL_ID_EXPIRATION_MS_CONFIG, INT, 604_800_000, atLeast(1), HIGH,
                "How long a transactional id is kept after its producer last used it.");
        def.define(TRANSACTION_MAX_TIMEOUT_MS_CONFIG, INT, 900_000, atLeast(1), HIGH,
                "The largest transaction timeout a producer may ask for.");
        def.define(TRANSACTION_STATE_LOG_NUM_PARTITIONS_CONFIG, INT, 50, atLeast(1), HIGH,
                "Partitions of __transaction_state; do not change once the topic exists.");
        def.define(TRANSACTION_STATE_LOG_REPLICATION_FACTOR_CONFIG, SHORT, "1", atLeast(1), HIGH,
                "Replication factor of __transaction_state. Tributary's default is 1, so that a single node runs"
                        + " transactions; Kafka's is 3. Set it to 3 in a cluster.");
        def.define(TRANSACTION_STATE_LOG_MIN_ISR_CONFIG, INT, 1, atLeast(1), HIGH,
                "min.insync.replicas of __transaction_state. Tributary's default is 1; Kafka's is 2.");
        def.define(TRANSACTION_STATE_LOG_SEGMENT_BYTES_CONFIG, INT, 100 * 1024 * 1024, atLeast(1), HIGH,
                "segment.bytes of __transaction_state.");
        def.define(OFFSETS_TOPIC_NUM_PARTITIONS_CONFIG, INT, 50, atLeast(1), HIGH,
                "Partitions of __consumer_offsets; do not change once the topic exists.");
        def.define(OFFSETS_TOPIC_REPLICATION_FACTOR_CONFIG, SHORT, "1", atLeast(1), HIGH,
                "Replication factor of __consumer_offsets. Tributary's default is 1, so that a single node runs"
                        + " consumer groups; Kafka's is 3. Set it to 3 in a cluster.");
        def.define(OFFSETS_TOPIC_SEGMENT_BYTES_CONFIG, INT, 100 * 1024 * 1024, atLeast(1), HIGH,
                "segment.bytes of __consumer_offsets.");
        def.define(OFFSETS_RETENTION_MINUTES_CONFIG, INT, 10_080, atLeast(1), HIGH,
                "How long the committed offsets of an empty group (or of a partition no longer subscribed) are kept.");
        def.define(OFFSETS_RETENTION_CHECK_INTERVAL_MS_CONFIG, LONG, 600_000L, atLeast(1), HIGH,
                "How often expired offsets are looked for.");
        def.define(OFFSETS_COMMIT_TIMEOUT_MS_CONFIG, INT, 5000, atLeast(1), HIGH,
                "How long an offset commit waits for __consumer_offsets replication.");
        def.define(GROUP_INITIAL_REBALANCE_DELAY_MS_CONFIG, INT, 3000, MEDIUM,
                "How long a new classic group waits for more members before its first rebalance.");
        def.define(GROUP_MIN_SESSION_TIMEOUT_MS_CONFIG, INT, 6000, MEDIUM,
                "The smallest session timeout a classic group member may ask for.");
        def.define(GROUP_MAX_SESSION_TIMEOUT_MS_CONFIG, INT, 1_800_000, MEDIUM,
                "The largest session timeout a classic group member may ask for.");
        def.define(GROUP_MAX_SIZE_CONFIG, INT, Integer.MAX_VALUE, atLeast(1), MEDIUM,
                "The most members a classic group may have.");
        def.define(OFFSET_METADATA_MAX_BYTES_CONFIG, INT, 4096, atLeast(0), HIGH,
                "The longest metadata string an offset commit may carry.");
        def.define(GROUP_COORDINATOR_THREADS_CONFIG, INT, 4, atLeast(1), MEDIUM,
                "Threads that run the group coordinator's shards (partitions of __consumer_offsets).");
        def.define(GROUP_COORDINATOR_REBALANCE_PROTOCOLS_CONFIG, LIST, "classic,consumer", list(false, "classic", "consumer"), MEDIUM,
                "The group protocols served: classic (JoinGroup/SyncGroup) and consumer (KIP-848 ConsumerGroupHeartbeat).");
        def.define(GROUP_CONSUMER_SESSION_TIMEOUT_MS_CONFIG, INT, 45_000, atLeast(1), MEDIUM,
                "Session timeout of consumer-protocol group members.");
        def.define(GROUP_CONSUMER_MIN_SESSION_TIMEOUT_MS_CONFIG, INT, 45_000, atLeast(1), MEDIUM,
                "The smallest group.consumer.session.timeout.ms a group may set.");
        def.define(GROUP_CONSUMER_MAX_SESSION_TIMEOUT_MS_CONFIG, INT, 60_000, atLeast(1), MEDIUM,
                "The largest group.consumer.session.timeout.ms a group may set.");
        def.define(GROUP_CONSUMER_HEARTBEAT_INTERVAL_MS_CONFIG, INT, 5000, atLeast(1), MEDIUM,
                "How often consumer-protocol group members heartbeat.");
        def.define(GROUP_CONSUMER_MIN_HEARTBEAT_INTERVAL_MS_CONFIG, INT, 5000, atLeast(1), MEDIUM,
                "The smallest group.consumer.heartbeat.interval.ms a group may set.");
        def.define(GROUP_CONSUMER_MAX_HEARTBEAT_INTERVAL_MS_CONFIG, INT, 15_000, atLeast(1), MEDIUM,
                "The largest group.consumer.heartbeat.interval.ms a group may set.");
        def.define(GROUP_CONSUMER_MAX_SIZE_CONFIG, INT, Integer.MAX_VALUE, atLeast(1), MEDIUM,
                "The most members a consumer-protocol group may have.");
        def.define(GROUP_CONSUMER_ASSIGNORS_CONFIG, LIST, "uniform,range", list(false, "uniform", "range"), MEDIUM,
                "The server-side assignors of consumer-protocol groups; the first is the default.");
    }
}
