package io.tributary.broker;

import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.api.ApiHandlers;
import io.tributary.broker.api.ApiVersionsHandler;
import io.tributary.broker.api.DeleteRecordsHandler;
import io.tributary.broker.api.DescribeLogDirsHandler;
import io.tributary.broker.api.OffsetForLeaderEpochHandler;
import io.tributary.broker.api.ConsumerGroupDescribeHandler;
import io.tributary.broker.api.ConsumerGroupHeartbeatHandler;
import io.tributary.broker.api.DeleteGroupsHandler;
import io.tributary.broker.api.DescribeGroupsHandler;
import io.tributary.broker.api.HeartbeatHandler;
import io.tributary.broker.api.JoinGroupHandler;
import io.tributary.broker.api.LeaveGroupHandler;
import io.tributary.broker.api.ListGroupsHandler;
import io.tributary.broker.api.OffsetCommitHandler;
import io.tributary.broker.api.OffsetDeleteHandler;
import io.tributary.broker.api.OffsetFetchHandler;
import io.tributary.broker.api.SyncGroupHandler;
import io.tributary.broker.api.BrokerIdentity;
import io.tributary.broker.api.CreatePartitionsHandler;
import io.tributary.broker.api.CreateTopicsHandler;
import io.tributary.broker.api.DeleteTopicsHandler;
import io.tributary.broker.api.DescribeClusterHandler;
import io.tributary.broker.api.AlterConfigsHandler;
import io.tributary.broker.api.DescribeConfigsHandler;
import io.tributary.broker.api.IncrementalAlterConfigsHandler;
import io.tributary.broker.api.DescribeTopicPartitionsHandler;
import io.tributary.broker.api.FetchHandler;
import io.tributary.broker.api.FetchSessions;
import io.tributary.broker.api.FindCoordinatorHandler;
import io.tributary.broker.api.InitProducerIdHandler;
import io.tributary.broker.api.ListOffsetsHandler;
import io.tributary.broker.api.MetadataHandler;
import io.tributary.broker.api.ProduceHandler;
import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.config.BrokerConfigSchema;
import io.tributary.broker.coordinator.CoordinatorElections;
import io.tributary.broker.coordinator.CoordinatorPartitionLog;
import io.tributary.broker.coordinator.InternalTopic;
import io.tributary.broker.config.Endpoint;
import io.tributary.broker.metadata.LocalMetadataLog;
import io.tributary.broker.metadata.CleanerReconfigurer;
import io.tributary.broker.metadata.PartitionsPublisher;
import io.tributary.broker.partition.Partitions;
import io.tributary.common.Time;
import io.tributary.controller.ConfigControl;
import io.tributary.controller.Controller;
import io.tributary.controller.ControllerConfig;
import io.tributary.controller.TopicControl;
import io.tributary.coordinator.group.GroupCoordinator;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.record.RegisterBrokerRecord.BrokerEndpoint;
import io.tributary.network.NetworkConfig;
import io.tributary.network.NetworkServer;
import io.tributary.protocol.Uuid;
import io.tributary.storage.LogConfig;
import io.tributary.storage.LogManager;
import io.tributary.storage.PartitionLog;
import io.tributary.storage.TargetCompression;
import io.tributary.storage.TopicPartition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Tributary node, broker and controller in one process (DESIGN D11): storage, the metadata log
 * and controller, the hosted partitions, the API handlers and the network listeners, started in
 * that order and stopped in reverse.
 */
public final class BrokerServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BrokerServer.class);

    private final BrokerConfig config;
    private final LogManager logManager;
    private final Controller controller;
    private final GroupCoordinator groupCoordinator;
    private final NetworkServer network;
    private final String clusterId;

    private BrokerServer(BrokerConfig config, LogManager logManager, Controller controller, GroupCoordinator groupCoordinator,
                         NetworkServer network, String clusterId) {
        this.config = config;
        this.logManager = logManager;
        this.controller = controller;
        this.groupCoordinator = groupCoordinator;
        this.network = network;
        this.clusterId = clusterId;
    }

    /** Starts a node; returns once it accepts connections and has registered itself. */
    public static BrokerServer start(BrokerConfig config, Time time) throws IOException, InterruptedException {
        long started = System.nanoTime();
        String clusterId = null;
        String newClusterId = Uuid.randomUuid().toString();
        for (java.nio.file.Path dir : config.logDirs()) {
            MetaProperties meta = MetaProperties.loadOrCreate(dir, config.nodeId(), clusterId == null ? newClusterId : clusterId);
            if (clusterId != null && !clusterId.equals(meta.clusterId())) {
                throw new IOException("Log directory " + dir + " belongs to cluster " + meta.clusterId() + ", not " + clusterId);
            }
            clusterId = meta.clusterId();
        }
        LogManager logManager = new LogManager(config.logDirs(), config.defaultLogConfig(), config.producerStateConfig(), time, 1,
                config.logFlushSchedulerIntervalMs(), config.logFlushOffsetCheckpointIntervalMs(),
                config.logRetentionCheckIntervalMs());
        logManager.startup();
        logManager.startLogCleaner(config.cleanerConfig());
        // The metadata log is the controller's whole history: retention must never delete from it. Nor do
        // the topic defaults that act on records apply: its records have no key, keep their codec and time.
        LogConfig metadataLogConfig = config.defaultLogConfig().toBuilder()
                .retentionMs(-1).retentionBytes(-1).deleteEnabled(false).compactEnabled(false)
                .compression(TargetCompression.PRODUCER).logAppendTime(false)
                .timestampBeforeMaxMs(Long.MAX_VALUE).timestampAfterMaxMs(Long.MAX_VALUE).build();
        PartitionLog metadataPartition = logManager.getOrCreateLog(new TopicPartition(LocalMetadataLog.TOPIC, 0), metadataLogConfig);
        metadataPartition.updateConfig(metadataLogConfig);
        ControllerConfig controllerConfig = new ControllerConfig(config.nodeId(), config.numPartitions(),
                (short) config.defaultReplicationFactor(), config.deleteTopicEnable(), new BrokerConfigSchema(config)::invalidTopicConfigs);
        Controller controller = new Controller(new LocalMetadataLog(metadataPartition, 0), controllerConfig, time);
        Partitions partitions = new Partitions(logManager);
        controller.addListener(new PartitionsPublisher(partitions, config));
        controller.addListener(new CleanerReconfigurer(logManager, config));
        GroupCoordinator groupCoordinator = new GroupCoordinator(config.groupConfig(), config.groupCoordinatorThreads(),
                new CoordinatorPartitionLog(GroupCoordinator.TOPIC, partitions, config.logFlushOnAcksAll()), controller::image, time);
        controller.addListener(new CoordinatorElections(GroupCoordinator.TOPIC, config.nodeId(), new CoordinatorElections.Coordinator() {
            @Override
            public void onElection(int partition, int leaderEpoch) {
                groupCoordinator.onElection(partition, leaderEpoch);
            }

            @Override
            public void onResignation(int partition) {
                groupCoordinator.onResignation(partition);
            }
        }));
        controller.start();
        // With every advertised port known, the registration commits on the controller thread while this
        // thread builds the handlers and binds the listeners; with a port 0 it has to wait for the bind.
        CompletableFuture<Void> registered = config.advertisedListeners().stream().allMatch(e -> e.port() != 0)
                ? controller.registerBroker(registration(config, listenerName -> {
                    throw new IllegalStateException("no bound port needed for " + listenerName);
                }))
                : null;

        BrokerIdentity identity = new BrokerIdentity(config.nodeId(), clusterId);
        AtomicReference<ApiHandlers> registry = new AtomicReference<>();
        InitProducerIdHandler initProducerId = new InitProducerIdHandler(controller);
        ApiHandlers handlers = new ApiHandlers(handlers(config, controller, partitions, groupCoordinator, identity, time, registry::get,
                initProducerId));
        registry.set(handlers);
        NetworkServer network = new NetworkServer(networkConfig(config), networkEndpoints(config.listeners()), handlers, time);
        network.start();
        BrokerServer server = new BrokerServer(config, logManager, controller, groupCoordinator, network, clusterId);
        if (registered == null) {
            registered = controller.registerBroker(registration(config, network::boundPort));
        }
        try {
            registered.get(30, TimeUnit.SECONDS);
            initProducerId.prefetchBlock();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            server.close();
            throw new IOException("could not register node " + config.nodeId() + " in the metadata log", e);
        }
        log.info("Tributary node {} of cluster {} started in {} ms, listening on {} ({})", config.nodeId(), clusterId,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), network.boundEndpoints(), network.transportName());
        return server;
    }

    private static List<ApiHandler> handlers(BrokerConfig config, Controller controller, Partitions partitions, GroupCoordinator groups,
                                             BrokerIdentity identity, Time time, java.util.function.Supplier<ApiHandlers> registry,
                                             InitProducerIdHandler initProducerId) {
        TopicControl topics = new TopicControl(controller.config());
        ConfigControl configControl = new ConfigControl(new BrokerConfigSchema(config));
        InternalTopic offsetsTopic = new InternalTopic(GroupCoordinator.TOPIC, config.offsetsTopicNumPartitions(),
                config.offsetsTopicReplicationFactor(), Map.of(
                        "cleanup.policy", "compact",
                        "segment.bytes", Integer.toString(config.offsetsTopicSegmentBytes()),
                        "compression.type", "producer"),
                controller, topics);
        return List.of(
                new ApiVersionsHandler(registry),
                new ProduceHandler(partitions, config.logFlushOnAcksAll()),
                new FetchHandler(partitions, new FetchSessions(partitions, FetchSessions.DEFAULT_MAX_SESSIONS), time),
                new ListOffsetsHandler(partitions),
                new DeleteRecordsHandler(partitions),
                new OffsetForLeaderEpochHandler(partitions),
                new DescribeLogDirsHandler(partitions),
                new MetadataHandler(controller, topics, identity, config.autoCreateTopicsEnable()),
                new CreateTopicsHandler(controller, topics, config),
                new DeleteTopicsHandler(controller, topics),
                new CreatePartitionsHandler(controller, topics),
                initProducerId,
                new FindCoordinatorHandler(controller, identity, groups, offsetsTopic),
                new JoinGroupHandler(groups),
                new SyncGroupHandler(groups),
                new HeartbeatHandler(groups),
                new LeaveGroupHandler(groups),
                new OffsetCommitHandler(groups),
                new OffsetFetchHandler(groups),
                new OffsetDeleteHandler(groups),
                new ListGroupsHandler(groups),
                new DescribeGroupsHandler(groups),
                new DeleteGroupsHandler(groups),
                new ConsumerGroupHeartbeatHandler(groups),
                new ConsumerGroupDescribeHandler(groups),
                new DescribeClusterHandler(controller, identity),
                new DescribeConfigsHandler(controller::image, config),
                new IncrementalAlterConfigsHandler(controller, configControl, config),
                new AlterConfigsHandler(controller, configControl, config),
                new DescribeTopicPartitionsHandler(controller::image, DescribeTopicPartitionsHandler.DEFAULT_MAX_PARTITIONS_PER_RESPONSE));
    }

    private static NetworkConfig networkConfig(BrokerConfig config) {
        return NetworkConfig.defaults().withSocketRequestMaxBytes(config.socketRequestMaxBytes());
    }

    private static List<io.tributary.network.Endpoint> networkEndpoints(List<Endpoint> listeners) {
        List<io.tributary.network.Endpoint> endpoints = new ArrayList<>();
        for (Endpoint e : listeners) {
            endpoints.add(new io.tributary.network.Endpoint(e.listenerName(), e.host(), e.port()));
        }
        return endpoints;
    }

    /** This node as advertised: configured ports of 0 are replaced by the bound ones. */
    private static RegisterBrokerRecord registration(BrokerConfig config, ToIntFunction<String> boundPort) {
        RegisterBrokerRecord record = new RegisterBrokerRecord();
        for (Endpoint e : config.advertisedListeners()) {
            int port = e.port() == 0 ? boundPort.applyAsInt(e.listenerName()) : e.port();
            String host = e.host().isEmpty() ? "localhost" : e.host();
            record.endPoints().add(new BrokerEndpoint().setName(e.listenerName()).setHost(host).setPort(port)
                    .setSecurityProtocol((short) e.securityProtocol().id()));
        }
        return record;
    }

    public String clusterId() {
        return clusterId;
    }

    public BrokerConfig config() {
        return config;
    }

    /** The port a listener is bound to (useful when it was configured as 0). */
    public int boundPort(String listenerName) {
        return network.boundPort(listenerName);
    }

    /** {@code host:port} of the first advertised listener, for a client's {@code bootstrap.servers}. */
    public String bootstrapServers() {
        Endpoint first = config.advertisedListeners().get(0);
        String host = first.host().isEmpty() ? "localhost" : first.host();
        return host + ":" + boundPort(first.listenerName());
    }

    /** Stops accepting connections, then closes the controller and the logs (a clean shutdown). */
    @Override
    public void close() {
        try {
            network.close();
        } catch (RuntimeException e) {
            log.warn("closing the network failed", e);
        }
        groupCoordinator.close();
        try {
            controller.close();
            logManager.close();
        } catch (IOException | RuntimeException e) {
            log.error("clean shutdown failed; the next start will recover", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Tributary node {} stopped", config.nodeId());
    }
}
