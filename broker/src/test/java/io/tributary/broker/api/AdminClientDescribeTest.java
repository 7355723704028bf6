package io.tributary.broker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.config.TopicConfigs;
import io.tributary.common.Time;
import io.tributary.controller.Controller;
import io.tributary.controller.ControllerConfig;
import io.tributary.controller.TopicControl;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.record.RegisterBrokerRecord.BrokerEndpoint;
import io.tributary.network.Endpoint;
import io.tributary.network.NetworkConfig;
import io.tributary.network.NetworkServer;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kafka's Admin client (kafka-clients 4.3.1) against a node serving the two handlers over real
 * sockets: its {@code describeTopics} pages through DescribeTopicPartitions by cursor, its
 * {@code describeConfigs} reads our entries into {@link ConfigEntry}. The node is assembled here,
 * on an in-memory metadata log, from the handlers a broker registers for these calls.
 */
class AdminClientDescribeTest {

    private final BrokerConfig config = BrokerConfig.load(Map.of("log.retention.hours", "100"), List.of());
    private Controller controller;
    private NetworkServer network;
    private Admin admin;
    /** The cursor of each DescribeTopicPartitions request, as {@code topic:partition}, or "none". */
    private final List<String> cursors = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        ControllerConfig controllerConfig = new ControllerConfig(config.nodeId(), 1, (short) 1, true, (configs, image) -> {
            try {
                TopicConfigs.validate(configs, config);
                return null;
            } catch (RuntimeException e) {
                return e.getMessage();
            }
        });
        controller = new Controller(new InMemoryMetadataLog(), controllerConfig, Time.SYSTEM);
        controller.start();
        BrokerIdentity identity = new BrokerIdentity(config.nodeId(), "test-cluster");
        TopicControl topics = new TopicControl(controllerConfig);
        AtomicReference<ApiHandlers> registry = new AtomicReference<>();
        ApiHandlers handlers = new ApiHandlers(List.of(
                new ApiVersionsHandler(registry::get),
                new MetadataHandler(controller, topics, identity, false),
                new CreateTopicsHandler(controller, topics, config),
                new DescribeClusterHandler(controller, identity),
                new DescribeConfigsHandler(controller::image, config),
                recording(new DescribeTopicPartitionsHandler(controller::image,
                        DescribeTopicPartitionsHandler.DEFAULT_MAX_PARTITIONS_PER_RESPONSE))));
        registry.set(handlers);
        network = new NetworkServer(NetworkConfig.defaults(), List.of(new Endpoint("PLAINTEXT", "localhost", 0)), handlers, Time.SYSTEM);
        network.start();
        int port = network.boundPort("PLAINTEXT");
        RegisterBrokerRecord registration = new RegisterBrokerRecord();
        registration.endPoints().add(new BrokerEndpoint().setName("PLAINTEXT").setHost("localhost").setPort(port).setSecurityProtocol((short) 0));
        controller.registerBroker(registration).get(10, TimeUnit.SECONDS);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + port);
        admin = Admin.create(props);
        admin.createTopics(List.of(new NewTopic("orders", 5, (short) 1).configs(Map.of("retention.ms", "1000")),
                new NewTopic("audit", 2, (short) 1), new NewTopic("clicks", 3, (short) 1))).all().get(10, TimeUnit.SECONDS);
    }

    /** {@code handler}, noting the cursor of every request it serves. */
    private ApiHandler recording(ApiHandler handler) {
        return new ApiHandler() {
            @Override
            public ApiKey apiKey() {
                return handler.apiKey();
            }

            @Override
            public CompletableFuture<Response> handle(RequestContext request) {
                var cursor = ((io.tributary.protocol.message.DescribeTopicPartitionsRequestData) request.body()).cursor();
                cursors.add(cursor == null ? "none" : cursor.topicName() + ":" + cursor.partitionIndex());
                return handler.handle(request);
            }
        };
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (admin != null) {
            admin.close();
        }
        if (network != null) {
            network.close();
        }
        if (controller != null) {
            controller.close();
        }
    }

    @Test
    void describeTopicsPagesThroughEveryPartition() throws Exception {
        Map<String, TopicDescription> topics = admin.describeTopics(List.of("orders", "audit", "clicks"),
                new DescribeTopicsOptions().partitionSizeLimitPerResponse(2)).allTopicNames().get(10, TimeUnit.SECONDS);

        // Two partitions a page, in name order: audit[0,1] -> clicks:0, clicks[0,1] -> clicks:2, clicks[2] orders[0]
        // -> orders:1, orders[1,2] -> orders:3, orders[3,4]. The client follows a cursor at partition 0 by
        // asking for the remaining topics without one.
        assertEquals(List.of("none", "none", "clicks:2", "orders:1", "orders:3"), cursors);
        assertEquals(List.of(0, 1, 2, 3, 4), topics.get("orders").partitions().stream().map(TopicPartitionInfo::partition).toList());
        assertEquals(2, topics.get("audit").partitions().size());
        assertEquals(3, topics.get("clicks").partitions().size());
        TopicPartitionInfo first = topics.get("orders").partitions().get(0);
        assertEquals(config.nodeId(), first.leader().id());
        assertEquals(1, first.replicas().size());
        assertEquals(1, first.isr().size());
        assertEquals(controller.image().topics().topic("orders").orElseThrow().id().toString(), topics.get("orders").topicId().toString());
    }

    @Test
    void describeTopicsReportsAnUnknownTopic() {
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> admin.describeTopics(List.of("nope")).allTopicNames().get(10, TimeUnit.SECONDS));

        assertInstanceOf(UnknownTopicOrPartitionException.class, failure.getCause());
    }

    @Test
    void describeConfigsOfATopicShowsOverridesAndDefaults() throws Exception {
        ConfigResource orders = new ConfigResource(ConfigResource.Type.TOPIC, "orders");

        Config configs = admin.describeConfigs(List.of(orders), new DescribeConfigsOptions().includeSynonyms(true)
                .includeDocumentation(true)).all().get(10, TimeUnit.SECONDS).get(orders);

        ConfigEntry retention = configs.get("retention.ms");
        assertEquals("1000", retention.value());
        assertEquals(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, retention.source());
        assertEquals(ConfigEntry.ConfigType.LONG, retention.type());
        assertEquals(TopicConfigs.CONFIG_DEF.key("retention.ms").orElseThrow().documentation(), retention.documentation());
        ConfigEntry cleanup = configs.get("cleanup.policy");
        assertEquals("delete", cleanup.value());
        assertEquals(ConfigEntry.ConfigSource.DEFAULT_CONFIG, cleanup.source());
        assertEquals("log.cleanup.policy", cleanup.synonyms().get(0).name());
    }

    @Test
    void describeConfigsOfThisBrokerShowsStaticSettings() throws Exception {
        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(config.nodeId()));

        Config configs = admin.describeConfigs(List.of(broker)).all().get(10, TimeUnit.SECONDS).get(broker);

        ConfigEntry retention = configs.get("log.retention.hours");
        assertEquals("100", retention.value());
        assertEquals(ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG, retention.source());
        assertTrue(retention.isReadOnly());
        assertNull(configs.get("log.retention.ms").value());
    }

    @Test
    void describeConfigsOfAnUnknownTopicFailsThatResourceOnly() throws Exception {
        ConfigResource nope = new ConfigResource(ConfigResource.Type.TOPIC, "nope");
        ConfigResource orders = new ConfigResource(ConfigResource.Type.TOPIC, "orders");

        var results = admin.describeConfigs(List.of(nope, orders)).values();

        ExecutionException failure = assertThrows(ExecutionException.class, () -> results.get(nope).get(10, TimeUnit.SECONDS));
        assertInstanceOf(UnknownTopicOrPartitionException.class, failure.getCause());
        assertEquals("1000", results.get(orders).get(10, TimeUnit.SECONDS).get("retention.ms").value());
    }

    @Test
    void describeConfigsOfAGroupIsRefused() {
        ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, "g");

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> admin.describeConfigs(List.of(group)).all().get(10, TimeUnit.SECONDS));

        assertInstanceOf(InvalidRequestException.class, failure.getCause());
        assertEquals("Unsupported resource type: GROUP", failure.getCause().getMessage());
    }
}
