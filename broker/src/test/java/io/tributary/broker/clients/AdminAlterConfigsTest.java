package io.tributary.broker.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tributary.broker.Tributary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AlterConfigsRequest;
import org.apache.kafka.common.requests.AlterConfigsResponse;
import org.apache.kafka.common.requests.IncrementalAlterConfigsRequest;
import org.apache.kafka.common.requests.IncrementalAlterConfigsResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IncrementalAlterConfigs through Kafka's Java Admin client, and AlterConfigs (which the Kafka 4
 * client no longer sends) through Kafka's own request classes on a raw connection: each operation,
 * validate-only, and the errors, with the codes and messages Apache Kafka 4.3.1 answers (recorded
 * from a running Kafka broker). Every change is read back with DescribeConfigs.
 */
class AdminAlterConfigsTest {

    private static final String TOPIC = "orders";
    private static final ConfigResource TOPIC_RESOURCE = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
    private static final ConfigResource BROKER = new ConfigResource(ConfigResource.Type.BROKER, "1");
    private static final ConfigResource ALL_BROKERS = new ConfigResource(ConfigResource.Type.BROKER, "");
    private static final ConfigResource LOGGERS = new ConfigResource(ConfigResource.Type.BROKER_LOGGER, "1");

    @TempDir
    Path dataDir;
    private Tributary broker;
    private Admin admin;

    @BeforeEach
    void start() throws Exception {
        broker = Tributary.builder().dataDir(dataDir).config("node.id", "1").start();
        admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()));
        admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
    }

    @AfterEach
    void stop() {
        admin.close();
        broker.close();
    }

    @Test
    void setOverridesATopicConfigAndDeleteRestoresTheDefault() throws Exception {
        alter(TOPIC_RESOURCE, op("retention.ms", "5000", OpType.SET));

        ConfigEntry set = describe(TOPIC_RESOURCE, "retention.ms");
        assertEquals("5000", set.value());
        assertEquals(ConfigSource.DYNAMIC_TOPIC_CONFIG, set.source());

        alter(TOPIC_RESOURCE, op("retention.ms", null, OpType.DELETE));

        ConfigEntry deleted = describe(TOPIC_RESOURCE, "retention.ms");
        assertEquals("604800000", deleted.value());
        assertEquals(ConfigSource.DEFAULT_CONFIG, deleted.source());
    }

    @Test
    void appendStartsFromTheDefaultAndSubtractRemovesFromTheList() throws Exception {
        alter(TOPIC_RESOURCE, op("cleanup.policy", "compact", OpType.APPEND));
        assertEquals("delete,compact", describe(TOPIC_RESOURCE, "cleanup.policy").value());

        alter(TOPIC_RESOURCE, op("cleanup.policy", "delete", OpType.SUBTRACT));
        assertEquals("compact", describe(TOPIC_RESOURCE, "cleanup.policy").value());

        alter(TOPIC_RESOURCE, op("cleanup.policy", "compact", OpType.SUBTRACT));
        ConfigEntry empty = describe(TOPIC_RESOURCE, "cleanup.policy");
        assertEquals("", empty.value(), "an empty list is a value of its own: keep everything");
        assertEquals(ConfigSource.DYNAMIC_TOPIC_CONFIG, empty.source());
    }

    @Test
    void validateOnlyChecksButChangesNothing() throws Exception {
        admin.incrementalAlterConfigs(Map.of(TOPIC_RESOURCE, List.of(op("retention.ms", "2000", OpType.SET))),
                new AlterConfigsOptions().validateOnly(true)).all().get();
        assertEquals(ConfigSource.DEFAULT_CONFIG, describe(TOPIC_RESOURCE, "retention.ms").source());

        ExecutionException e = assertThrows(ExecutionException.class, () -> admin.incrementalAlterConfigs(
                Map.of(TOPIC_RESOURCE, List.of(op("retention.ms", "x", OpType.SET))),
                new AlterConfigsOptions().validateOnly(true)).all().get());
        assertError(InvalidConfigurationException.class, "Invalid value x for configuration retention.ms: Not a number of type LONG", e);
    }

    @Test
    void topicErrorsHaveKafkasCodesAndMessages() {
        assertError(UnknownTopicOrPartitionException.class, "The topic 'nosuch' does not exist.",
                failure(new ConfigResource(ConfigResource.Type.TOPIC, "nosuch"), op("retention.ms", "1000", OpType.SET)));
        assertError(InvalidConfigurationException.class, "Unknown topic config name: foo.bar",
                failure(TOPIC_RESOURCE, op("foo.bar", "1", OpType.SET)));
        assertError(InvalidConfigurationException.class, "Invalid value -5 for configuration retention.ms: Value must be at least -1",
                failure(TOPIC_RESOURCE, op("retention.ms", "-5", OpType.SET)));
        assertError(InvalidConfigurationException.class, "Can't APPEND to key retention.ms because its type is not LIST.",
                failure(TOPIC_RESOURCE, op("retention.ms", "5", OpType.APPEND)));
        assertError(InvalidConfigurationException.class, "Can't SUBTRACT to key retention.ms because its type is not LIST.",
                failure(TOPIC_RESOURCE, op("retention.ms", "5", OpType.SUBTRACT)));
        assertError(InvalidConfigurationException.class, "Invalid value bogus for configuration cleanup.policy: String must be one of: compact, delete",
                failure(TOPIC_RESOURCE, op("cleanup.policy", "bogus", OpType.APPEND)));
        assertError(InvalidConfigurationException.class, "conflict topic config setting min.compaction.lag.ms (10) > max.compaction.lag.ms (5)",
                failure(TOPIC_RESOURCE, op("min.compaction.lag.ms", "10", OpType.SET), op("max.compaction.lag.ms", "5", OpType.SET)));
        assertError(InvalidRequestException.class, "Error due to duplicate config keys",
                failure(TOPIC_RESOURCE, op("retention.ms", "1", OpType.SET), op("retention.ms", "2", OpType.SET)));
        assertError(InvalidRequestException.class, "Null value not supported for : retention.ms",
                failure(TOPIC_RESOURCE, op("retention.ms", null, OpType.SET)));
        assertError(InvalidRequestException.class, "Default topic resources are not allowed.",
                failure(new ConfigResource(ConfigResource.Type.TOPIC, ""), op("retention.ms", "1", OpType.SET)));
    }

    @Test
    void aFailedResourceChangesNothingOfIt() throws Exception {
        failure(TOPIC_RESOURCE, op("retention.ms", "5000", OpType.SET), op("segment.ms", "0", OpType.SET));

        assertEquals(ConfigSource.DEFAULT_CONFIG, describe(TOPIC_RESOURCE, "retention.ms").source());
    }

    @Test
    void dynamicBrokerConfigsBecomeTopicDefaultsWithTheirSource() throws Exception {
        alter(ALL_BROKERS, op("log.retention.ms", "7200000", OpType.SET));

        ConfigEntry clusterDefault = describe(TOPIC_RESOURCE, "retention.ms");
        assertEquals("7200000", clusterDefault.value());
        assertEquals(ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG, clusterDefault.source());
        assertEquals("7200000", describe(ALL_BROKERS, "log.retention.ms").value());

        alter(BROKER, op("log.retention.ms", "3600000", OpType.SET));

        ConfigEntry perBroker = describe(TOPIC_RESOURCE, "retention.ms");
        assertEquals("3600000", perBroker.value(), "a broker's own value wins over the cluster-wide one");
        assertEquals(ConfigSource.DYNAMIC_BROKER_CONFIG, perBroker.source());

        alter(TOPIC_RESOURCE, op("retention.ms", "1000", OpType.SET));
        assertEquals("1000", describe(TOPIC_RESOURCE, "retention.ms").value(), "a topic override wins over both");
    }

    @Test
    void brokerListConfigsAppendToTheirCurrentValue() throws Exception {
        alter(ALL_BROKERS, op("log.cleanup.policy", "compact", OpType.SET));
        alter(ALL_BROKERS, op("log.cleanup.policy", "delete", OpType.APPEND));

        assertEquals("compact,delete", describe(ALL_BROKERS, "log.cleanup.policy").value());
        assertEquals("compact,delete", describe(TOPIC_RESOURCE, "cleanup.policy").value());
    }

    @Test
    void brokerErrorsHaveKafkasCodesAndMessages() {
        assertError(InvalidRequestException.class, "Cannot update these configs dynamically: [log.dirs]",
                failure(BROKER, op("log.dirs", "/x", OpType.SET)));
        assertError(InvalidRequestException.class, "Cannot update these configs dynamically: [log.dirs]",
                failure(ALL_BROKERS, op("log.dirs", "/x", OpType.SET)));
        assertError(InvalidRequestException.class,
                "Cannot update these configs at default cluster level, broker id must be specified: [listeners]",
                failure(ALL_BROKERS, op("listeners", "PLAINTEXT://127.0.0.1:1", OpType.SET)));
        assertError(InvalidRequestException.class, "Invalid value abc for configuration log.retention.ms: Not a number of type LONG",
                failure(BROKER, op("log.retention.ms", "abc", OpType.SET)));
        assertError(InvalidRequestException.class, "Invalid value -1 for configuration message.max.bytes: Value must be at least 0",
                failure(BROKER, op("message.max.bytes", "-1", OpType.SET)));
        assertError(InvalidConfigurationException.class, "Config value append is not allowed for config key: log.retention.ms",
                failure(BROKER, op("log.retention.ms", "5", OpType.APPEND)));
    }

    @Test
    void brokerLoggerLevelsChangeAtOnceAndAreCheckedLikeKafka() throws Exception {
        String logger = "io.tributary.broker.api.AlterConfigsLoggerProbe";
        org.slf4j.LoggerFactory.getLogger(logger);
        try {
            alter(LOGGERS, op(logger, "TRACE", OpType.SET));
            assertEquals("TRACE", describe(LOGGERS, logger).value());

            alter(LOGGERS, op(logger, null, OpType.DELETE));
            String inherited = describe(LOGGERS, logger).value();
            assertEquals(describe(LOGGERS, "io.tributary.broker.api").value(), inherited, "unset: inherits its parent's level");
            assertNotEquals("TRACE", inherited);
        } finally {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(logger)).setLevel(null);
        }
        assertError(InvalidConfigurationException.class, "Logger no.such.logger does not exist!",
                failure(LOGGERS, op("no.such.logger", "INFO", OpType.SET)));
        assertError(InvalidConfigurationException.class, "Cannot set the log level of root to LOUD as it is not a supported log level."
                + " Valid log levels are DEBUG, ERROR, FATAL, INFO, TRACE, WARN", failure(LOGGERS, op("root", "LOUD", OpType.SET)));
        assertError(InvalidRequestException.class, "Removing the log level of the root logger is not allowed",
                failure(LOGGERS, op("root", null, OpType.DELETE)));
        assertError(InvalidRequestException.class, "APPEND operation is not allowed for the BROKER_LOGGER resource",
                failure(LOGGERS, op("root", "INFO", OpType.APPEND)));
    }

    @Test
    void duplicateResourcesFailAndTheOthersAreStillAnswered() throws Exception {
        IncrementalAlterConfigsRequestData data = new IncrementalAlterConfigsRequestData();
        data.resources().add(resource(ConfigResource.Type.TOPIC, TOPIC, "retention.ms", "1"));
        data.resources().add(resource(ConfigResource.Type.TOPIC, TOPIC, "retention.ms", "2"));
        data.resources().add(resource(ConfigResource.Type.TOPIC, "nosuch", "retention.ms", "3"));

        List<IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse> results = incremental(data);

        assertResult(Errors.INVALID_REQUEST, "Each resource must appear at most once.", results.get(0));
        assertResult(Errors.INVALID_REQUEST, "Each resource must appear at most once.", results.get(1));
        assertResult(Errors.UNKNOWN_TOPIC_OR_PARTITION, "The topic 'nosuch' does not exist.", results.get(2));
        assertEquals(ConfigSource.DEFAULT_CONFIG, describe(TOPIC_RESOURCE, "retention.ms").source());
    }

    @Test
    void aBrokerIdThatIsNotThisNodeIsRefused() throws Exception {
        IncrementalAlterConfigsRequestData data = new IncrementalAlterConfigsRequestData();
        data.resources().add(resource(ConfigResource.Type.BROKER, "2", "log.retention.ms", "1000"));
        data.resources().add(resource(ConfigResource.Type.BROKER_LOGGER, "2", "root", "INFO"));
        data.resources().add(resource(ConfigResource.Type.BROKER, "abc", "log.retention.ms", "1000"));

        List<IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse> results = incremental(data);

        assertResult(Errors.INVALID_REQUEST, "Unexpected broker id, expected 1, but received 2", results.get(0));
        assertResult(Errors.INVALID_REQUEST, "Unexpected node id. Expected 1, but received 2", results.get(1));
        assertResult(Errors.INVALID_REQUEST, "Node id must be an integer, but it is: abc", results.get(2));
    }

    @Test
    void legacyAlterConfigsReplacesTheWholeSet() throws Exception {
        alter(TOPIC_RESOURCE, op("retention.ms", "5000", OpType.SET), op("segment.ms", "60000", OpType.SET));

        AlterConfigsRequestData data = new AlterConfigsRequestData();
        data.resources().add(legacyResource(ConfigResource.Type.TOPIC, TOPIC, Map.of("retention.ms", "3000")));
        assertResult(Errors.NONE, null, legacy(data).get(0));

        assertEquals("3000", describe(TOPIC_RESOURCE, "retention.ms").value());
        assertEquals(ConfigSource.DEFAULT_CONFIG, describe(TOPIC_RESOURCE, "segment.ms").source(), "not named: deleted");
    }

    @Test
    void legacyAlterConfigsErrorsHaveKafkasCodesAndMessages() throws Exception {
        AlterConfigsRequestData data = new AlterConfigsRequestData();
        data.resources().add(legacyResource(ConfigResource.Type.TOPIC, TOPIC, Map.of("foo.bar", "1")));
        data.resources().add(legacyResource(ConfigResource.Type.TOPIC, "nosuch", Map.of("retention.ms", "1")));
        data.resources().add(legacyResource(ConfigResource.Type.BROKER_LOGGER, "1", Map.of("root", "INFO")));
        data.resources().add(legacyResource(ConfigResource.Type.BROKER, "1", Map.of("log.dirs", "/x")));
        data.resources().add(legacyResource(ConfigResource.Type.BROKER, "2", Map.of("log.retention.ms", "1")));

        List<AlterConfigsResourceResponse> results = legacy(data);

        assertResult(Errors.INVALID_CONFIG, "Unknown topic config name: foo.bar", results.get(0));
        assertResult(Errors.UNKNOWN_TOPIC_OR_PARTITION, "The topic 'nosuch' does not exist.", results.get(1));
        assertResult(Errors.INVALID_REQUEST, "Unknown resource type 8", results.get(2));
        assertResult(Errors.INVALID_REQUEST, "Cannot update these configs dynamically: [log.dirs]", results.get(3));
        assertResult(Errors.INVALID_REQUEST, "Unexpected broker id, expected 1, but received 2", results.get(4));
    }

    @Test
    void legacyValidateOnlyChangesNothing() throws Exception {
        AlterConfigsRequestData data = new AlterConfigsRequestData().setValidateOnly(true);
        data.resources().add(legacyResource(ConfigResource.Type.BROKER, "", Map.of("log.retention.ms", "1000")));

        assertResult(Errors.NONE, null, legacy(data).get(0));
        assertNull(admin.describeConfigs(List.of(ALL_BROKERS)).all().get().get(ALL_BROKERS).get("log.retention.ms"));
    }

    // ---- helpers

    private static AlterConfigOp op(String name, String value, OpType type) {
        return new AlterConfigOp(new ConfigEntry(name, value), type);
    }

    private void alter(ConfigResource resource, AlterConfigOp... ops) throws Exception {
        admin.incrementalAlterConfigs(Map.of(resource, List.of(ops))).all().get(30, TimeUnit.SECONDS);
    }

    private ExecutionException failure(ConfigResource resource, AlterConfigOp... ops) {
        return assertThrows(ExecutionException.class,
                () -> admin.incrementalAlterConfigs(Map.of(resource, List.of(ops))).all().get(30, TimeUnit.SECONDS));
    }

    private ConfigEntry describe(ConfigResource resource, String name) throws Exception {
        return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource).get(name);
    }

    private static void assertError(Class<? extends Throwable> type, String message, ExecutionException e) {
        assertInstanceOf(type, e.getCause(), e.toString());
        assertEquals(message, e.getCause().getMessage());
    }

    private static IncrementalAlterConfigsRequestData.AlterConfigsResource resource(ConfigResource.Type type, String name,
                                                                                   String config, String value) {
        IncrementalAlterConfigsRequestData.AlterConfigsResource resource = new IncrementalAlterConfigsRequestData.AlterConfigsResource()
                .setResourceType(type.id()).setResourceName(name);
        resource.configs().add(new IncrementalAlterConfigsRequestData.AlterableConfig().setName(config).setValue(value)
                .setConfigOperation(OpType.SET.id()));
        return resource;
    }

    private static AlterConfigsRequestData.AlterConfigsResource legacyResource(ConfigResource.Type type, String name,
                                                                              Map<String, String> configs) {
        AlterConfigsRequestData.AlterConfigsResource resource = new AlterConfigsRequestData.AlterConfigsResource()
                .setResourceType(type.id()).setResourceName(name);
        configs.forEach((k, v) -> resource.configs().add(new AlterConfigsRequestData.AlterableConfig().setName(k).setValue(v)));
        return resource;
    }

    private List<IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse> incremental(IncrementalAlterConfigsRequestData data)
            throws Exception {
        try (RawKafkaConnection connection = RawKafkaConnection.open(broker.bootstrapServers(), Duration.ofSeconds(30))) {
            IncrementalAlterConfigsResponse response = connection.roundTrip(new IncrementalAlterConfigsRequest.Builder(data).build((short) 1));
            return response.data().responses();
        }
    }

    private List<AlterConfigsResourceResponse> legacy(AlterConfigsRequestData data) throws Exception {
        try (RawKafkaConnection connection = RawKafkaConnection.open(broker.bootstrapServers(), Duration.ofSeconds(30))) {
            AlterConfigsResponse response = connection.roundTrip(new AlterConfigsRequest(data, (short) 2));
            return response.data().responses();
        }
    }

    private static void assertResult(Errors error, String message, Object result) {
        short code;
        String actual;
        if (result instanceof AlterConfigsResourceResponse r) {
            code = r.errorCode();
            actual = r.errorMessage();
        } else {
            IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse r =
                    (IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse) result;
            code = r.errorCode();
            actual = r.errorMessage();
        }
        assertEquals(error, Errors.forCode(code), String.valueOf(actual));
        assertEquals(message, actual);
    }
}
