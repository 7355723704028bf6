package io.tributary.broker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.config.BrokerConfigs;
import io.tributary.broker.config.TopicConfigs;
import io.tributary.metadata.image.MetadataImage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.DescribeConfigsRequest;
import org.apache.kafka.common.requests.DescribeConfigsResponse;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DescribeConfigs through Kafka's own request and response classes. Where an expectation is a
 * "golden" text, it is what a Kafka 4.3.1 broker (formatted by {@code kafka-storage format}, so with
 * the cluster-wide dynamic default {@code min.insync.replicas=1} that format writes, and started with
 * {@code log.retention.hours=100}) answered to the same request.
 */
class DescribeConfigsHandlerTest {

    private static final byte TOPIC = 2;
    private static final byte BROKER = 4;
    private static final byte BROKER_LOGGER = 8;

    /** Kafka 4.3.1's configs of topic t-a, created with retention.ms=1000 and cleanup.policy=compact. */
    private static final String KAFKA_TOPIC_WITH_OVERRIDES = """
            cleanup.policy|compact|ro=false|src=1|sens=false|type=7|syn=[1:cleanup.policy=compact, 5:log.cleanup.policy=delete]
            compression.gzip.level|-1|ro=false|src=5|sens=false|type=3|syn=[5:compression.gzip.level=-1]
            compression.lz4.level|9|ro=false|src=5|sens=false|type=3|syn=[5:compression.lz4.level=9]
            compression.type|producer|ro=false|src=5|sens=false|type=2|syn=[5:compression.type=producer]
            compression.zstd.level|3|ro=false|src=5|sens=false|type=3|syn=[5:compression.zstd.level=3]
            delete.retention.ms|86400000|ro=false|src=5|sens=false|type=5|syn=[5:log.cleaner.delete.retention.ms=86400000]
            file.delete.delay.ms|60000|ro=false|src=5|sens=false|type=5|syn=[5:log.segment.delete.delay.ms=60000]
            flush.messages|9223372036854775807|ro=false|src=5|sens=false|type=5|syn=[5:log.flush.interval.messages=9223372036854775807]
            flush.ms|9223372036854775807|ro=false|src=5|sens=false|type=5|syn=[]
            follower.replication.throttled.replicas||ro=false|src=5|sens=false|type=7|syn=[]
            index.interval.bytes|4096|ro=false|src=5|sens=false|type=3|syn=[5:log.index.interval.bytes=4096]
            leader.replication.throttled.replicas||ro=false|src=5|sens=false|type=7|syn=[]
            local.retention.bytes|-2|ro=false|src=5|sens=false|type=5|syn=[5:log.local.retention.bytes=-2]
            local.retention.ms|-2|ro=false|src=5|sens=false|type=5|syn=[5:log.local.retention.ms=-2]
            max.compaction.lag.ms|9223372036854775807|ro=false|src=5|sens=false|type=5|syn=[5:log.cleaner.max.compaction.lag.ms=9223372036854775807]
            max.message.bytes|1048588|ro=false|src=5|sens=false|type=3|syn=[5:message.max.bytes=1048588]
            message.timestamp.after.max.ms|3600000|ro=false|src=5|sens=false|type=5|syn=[5:log.message.timestamp.after.max.ms=3600000]
            message.timestamp.before.max.ms|9223372036854775807|ro=false|src=5|sens=false|type=5|syn=[5:log.message.timestamp.before.max.ms=9223372036854775807]
            message.timestamp.type|CreateTime|ro=false|src=5|sens=false|type=2|syn=[5:log.message.timestamp.type=CreateTime]
            min.cleanable.dirty.ratio|0.5|ro=false|src=5|sens=false|type=6|syn=[5:log.cleaner.min.cleanable.ratio=0.5]
            min.compaction.lag.ms|0|ro=false|src=5|sens=false|type=5|syn=[5:log.cleaner.min.compaction.lag.ms=0]
            min.insync.replicas|1|ro=false|src=3|sens=false|type=3|syn=[3:min.insync.replicas=1, 5:min.insync.replicas=1]
            preallocate|false|ro=false|src=5|sens=false|type=1|syn=[5:log.preallocate=false]
            remote.log.copy.disable|false|ro=false|src=5|sens=false|type=1|syn=[]
            remote.log.delete.on.disable|false|ro=false|src=5|sens=false|type=1|syn=[]
            remote.storage.enable|false|ro=false|src=5|sens=false|type=1|syn=[]
            retention.bytes|-1|ro=false|src=5|sens=false|type=5|syn=[5:log.retention.bytes=-1]
            retention.ms|1000|ro=false|src=1|sens=false|type=5|syn=[1:retention.ms=1000]
            segment.bytes|1073741824|ro=false|src=5|sens=false|type=3|syn=[5:log.segment.bytes=1073741824]
            segment.index.bytes|10485760|ro=false|src=5|sens=false|type=3|syn=[5:log.index.size.max.bytes=10485760]
            segment.jitter.ms|0|ro=false|src=5|sens=false|type=5|syn=[]
            segment.ms|604800000|ro=false|src=5|sens=false|type=5|syn=[]
            unclean.leader.election.enable|false|ro=false|src=5|sens=false|type=1|syn=[5:unclean.leader.election.enable=false]
            """;

    private final BrokerConfig kafkaLikeBroker = broker("log.retention.hours", "100");
    private final MetadataImage kafkaLikeImage = TestImage.create().broker(1)
            .brokerConfig("", "min.insync.replicas", "1")
            .topic("t-a", 3, 1).topicConfig("t-a", "retention.ms", "1000").topicConfig("t-a", "cleanup.policy", "compact")
            .topic("t-b", 2, 1)
            .build();

    @Test
    void topicWithOverridesIsDescribedAsKafkaDescribesIt() {
        DescribeConfigsResult result = describe(kafkaLikeImage, kafkaLikeBroker, 4, true, false, resource(TOPIC, "t-a"));

        assertEquals(KAFKA_TOPIC_WITH_OVERRIDES, golden(result));
    }

    @Test
    void topicWithoutOverridesTakesTheBrokersValuesAsKafkaDoes() {
        String expected = KAFKA_TOPIC_WITH_OVERRIDES
                .replace("cleanup.policy|compact|ro=false|src=1|sens=false|type=7|syn=[1:cleanup.policy=compact, 5:log.cleanup.policy=delete]",
                        "cleanup.policy|delete|ro=false|src=5|sens=false|type=7|syn=[5:log.cleanup.policy=delete]")
                // log.retention.hours=100 gives the value, but Kafka drops every synonym before log.retention.ms
                .replace("retention.ms|1000|ro=false|src=1|sens=false|type=5|syn=[1:retention.ms=1000]",
                        "retention.ms|360000000|ro=false|src=5|sens=false|type=5|syn=[]");

        DescribeConfigsResult result = describe(kafkaLikeImage, kafkaLikeBroker, 4, true, false, resource(TOPIC, "t-b"));

        assertEquals(expected, golden(result));
    }

    @Test
    void staticBrokerSettingsAreTheSynonymsOfTopicSettings() {
        BrokerConfig broker = broker("log.cleanup.policy", "compact", "log.retention.ms", "5000", "log.retention.hours", "100");

        Map<String, String> configs = lines(describe(kafkaLikeImage, broker, 4, true, false, resource(TOPIC, "t-b")));

        assertEquals("cleanup.policy|compact|ro=false|src=4|sens=false|type=7|syn=[4:log.cleanup.policy=compact, 5:log.cleanup.policy=delete]",
                configs.get("cleanup.policy"));
        assertEquals("retention.ms|5000|ro=false|src=4|sens=false|type=5|syn=[4:log.retention.ms=5000, 4:log.retention.hours=100,"
                + " 5:log.retention.hours=168]", configs.get("retention.ms"));
    }

    @Test
    void dynamicBrokerConfigsComeBeforeStaticOnesForTopicsAsInKafka() {
        MetadataImage image = TestImage.create().broker(1).topic("t", 1, 1)
                .brokerConfig("1", "log.retention.ms", "1234").brokerConfig("", "log.retention.ms", "999").build();

        Map<String, String> configs = lines(describe(image, kafkaLikeBroker, 4, true, false, resource(TOPIC, "t")));

        assertEquals("retention.ms|1234|ro=false|src=2|sens=false|type=5|syn=[2:log.retention.ms=1234, 3:log.retention.ms=999,"
                + " 4:log.retention.hours=100, 5:log.retention.hours=168]", configs.get("retention.ms"));
    }

    @Test
    void dynamicBrokerConfigsAreDescribedAsKafkaDescribesThem() {
        MetadataImage image = TestImage.create().broker(1)
                .brokerConfig("1", "log.retention.ms", "1234").brokerConfig("", "log.retention.ms", "999").build();

        Map<String, String> broker = lines(describe(image, kafkaLikeBroker, 4, true, false, resource(BROKER, "1")));
        DescribeConfigsResult clusterDefault = describe(image, kafkaLikeBroker, 4, true, false, resource(BROKER, ""));

        // Kafka 4.3.1 after incrementalAlterConfigs of log.retention.ms for broker 1 and for all brokers:
        assertEquals("log.retention.ms|1234|ro=false|src=2|sens=false|type=5|syn=[2:log.retention.ms=1234, 3:log.retention.ms=999,"
                + " 4:log.retention.hours=100, 5:log.retention.hours=168]", broker.get("log.retention.ms"));
        assertEquals("log.retention.ms|999|ro=false|src=3|sens=false|type=5|syn=[3:log.retention.ms=999]\n", golden(clusterDefault));
    }

    @Test
    void synonymsAreLeftOutUnlessRequestedButTheSourceIsStillGiven() {
        Map<String, String> configs = lines(describe(kafkaLikeImage, kafkaLikeBroker, 4, false, false, resource(TOPIC, "t-a")));

        assertEquals("cleanup.policy|compact|ro=false|src=1|sens=false|type=7|syn=[]", configs.get("cleanup.policy"));
        assertEquals("min.insync.replicas|1|ro=false|src=3|sens=false|type=3|syn=[]", configs.get("min.insync.replicas"));
    }

    @ParameterizedTest
    @ValueSource(shorts = {3, 4})
    void documentationIsReturnedOnlyWhenRequested(short version) {
        String documentation = TopicConfigs.CONFIG_DEF.key("retention.ms").orElseThrow().documentation();

        assertEquals(documentation, config(describe(kafkaLikeImage, kafkaLikeBroker, version, false, true,
                resource(TOPIC, "t-a")), "retention.ms").documentation());
        assertNull(config(describe(kafkaLikeImage, kafkaLikeBroker, version, false, false,
                resource(TOPIC, "t-a")), "retention.ms").documentation());
    }

    @ParameterizedTest
    @ValueSource(shorts = {1, 2, 3, 4})
    void everyVersionIsReadByKafkasClient(short version) {
        DescribeConfigsResult result = describe(kafkaLikeImage, kafkaLikeBroker, version, true, false, resource(TOPIC, "t-a"));

        DescribeConfigsResourceResult retention = config(result, "retention.ms");
        assertEquals(ConfigSource.TOPIC_CONFIG, ConfigSource.forId(retention.configSource()));
        assertEquals("1000", retention.value());
        assertEquals(1, retention.synonyms().size());
        // The type exists from v3; Kafka's client reads UNKNOWN before.
        assertEquals(version >= 3 ? ConfigType.LONG : ConfigType.UNKNOWN, ConfigType.forId(retention.configType()));
        assertEquals(33, result.configs().size());
    }

    @Test
    void configurationKeysSelectTheConfigsThatExist() {
        DescribeConfigsResource wanted = resource(TOPIC, "t-a").setConfigurationKeys(List.of("retention.ms", "no.such.config", "retention.ms"));

        DescribeConfigsResult result = describe(kafkaLikeImage, kafkaLikeBroker, 4, false, false, wanted);

        assertEquals(List.of("retention.ms"), result.configs().stream().map(DescribeConfigsResourceResult::name).toList());
    }

    @Test
    void emptyConfigurationKeysMeanEveryConfig() {
        DescribeConfigsResource all = resource(TOPIC, "t-a").setConfigurationKeys(List.of());

        assertEquals(33, describe(kafkaLikeImage, kafkaLikeBroker, 4, false, false, all).configs().size());
    }

    @Test
    void unknownTopicIsUnknownTopicOrPartitionWithoutAMessage() {
        DescribeConfigsResult result = describe(kafkaLikeImage, kafkaLikeBroker, 4, true, false, resource(TOPIC, "nope"));

        assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION.code(), result.errorCode());
        assertEquals("", result.errorMessage());
        assertEquals("nope", result.resourceName());
        assertTrue(result.configs().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bad/Name", ".."})
    void illegalTopicNameIsInvalidTopicException(String name) {
        DescribeConfigsResult result = describe(kafkaLikeImage, kafkaLikeBroker, 4, true, false, resource(TOPIC, name));

        assertEquals(Errors.INVALID_TOPIC_EXCEPTION.code(), result.errorCode());
        assertTrue(result.errorMessage().contains("Topic name"), result.errorMessage());
    }

    @Test
    void overrideOfAnUnknownTopicSettingIsReportedAsSensitive() {
        MetadataImage image = TestImage.create().broker(1).topic("t", 1, 1).topicConfig("t", "some.plugin.setting", "x").build();

        Map<String, String> configs = lines(describe(image, kafkaLikeBroker, 4, true, false, resource(TOPIC, "t")));

        assertEquals("some.plugin.setting|null|ro=false|src=1|sens=true|type=0|syn=[1:some.plugin.setting=null]",
                configs.get("some.plugin.setting"));
    }

    @Test
    void storedOverrideThatNoLongerParsesFailsOnlyItsResource() {
        MetadataImage image = TestImage.create().broker(1).topic("bad", 1, 1).topicConfig("bad", "segment.bytes", "lots")
                .topic("good", 1, 1).build();

        List<DescribeConfigsResult> results = describeAll(image, kafkaLikeBroker, 4, false, false,
                resource(TOPIC, "bad"), resource(TOPIC, "good"));

        assertEquals(Errors.UNKNOWN_SERVER_ERROR.code(), results.get(0).errorCode());
        assertEquals(ApiError.fromThrowable(new IllegalStateException("lots")).message(), results.get(0).errorMessage());
        assertEquals(Errors.NONE.code(), results.get(1).errorCode());
    }

    @Test
    void brokerSettingsReportStaticAndDefaultSynonyms() {
        BrokerConfig broker = broker("num.partitions", "3", "log.retention.hours", "100", "some.plugin.secret", "s3cr3t");

        Map<String, String> configs = lines(describe(kafkaLikeImage, broker, 4, true, false, resource(BROKER, "1")));

        // Each line has the shape a Kafka 4.3.1 broker answers for the same settings.
        assertEquals("num.partitions|3|ro=true|src=4|sens=false|type=3|syn=[4:num.partitions=3, 5:num.partitions=1]",
                configs.get("num.partitions"));
        assertEquals("log.retention.hours|100|ro=true|src=4|sens=false|type=3|syn=[4:log.retention.hours=100, 5:log.retention.hours=168]",
                configs.get("log.retention.hours"));
        assertEquals("log.retention.ms|null|ro=false|src=5|sens=false|type=5|syn=[]", configs.get("log.retention.ms"));
        assertEquals("log.roll.ms|null|ro=false|src=5|sens=false|type=5|syn=[]", configs.get("log.roll.ms"));
        assertEquals("message.max.bytes|1048588|ro=false|src=5|sens=false|type=3|syn=[5:message.max.bytes=1048588]",
                configs.get("message.max.bytes"));
        // A setting the broker does not know is shown as Kafka shows one: sensitive, of unknown type.
        assertEquals("some.plugin.secret|null|ro=true|src=4|sens=true|type=0|syn=[4:some.plugin.secret=null]",
                configs.get("some.plugin.secret"));
    }

    @Test
    void brokerSettingsHaveKafkasTypesAndReadOnlyFlags() {
        Map<String, String> configs = lines(describe(kafkaLikeImage, kafkaLikeBroker, 4, false, false, resource(BROKER, "1")));

        for (String line : KafkaBrokerConfigs.TYPES_AND_READ_ONLY.strip().split("\n")) {
            String[] kafka = line.split(" ");
            String ours = configs.get(kafka[0]);
            assertTrue(ours != null && ours.contains("|type=" + kafka[1] + "|") && ours.contains("|ro=" + kafka[2] + "|"),
                    "Kafka: " + line + ", Tributary: " + ours);
        }
    }

    @Test
    void brokerSettingsFollowDynamicClusterDefaults() {
        MetadataImage image = TestImage.create().broker(1).brokerConfig("", "min.insync.replicas", "2").build();

        Map<String, String> configs = lines(describe(image, kafkaLikeBroker, 4, true, false, resource(BROKER, "1")));

        assertEquals("min.insync.replicas|2|ro=false|src=3|sens=false|type=3|syn=[3:min.insync.replicas=2, 5:min.insync.replicas=1]",
                configs.get("min.insync.replicas"));
    }

    @Test
    void clusterDefaultListsOnlyWhatWasSetDynamicallyForAllBrokers() {
        DescribeConfigsResult result = describe(kafkaLikeImage, kafkaLikeBroker, 4, true, false, resource(BROKER, ""));

        // Kafka 4.3.1 right after kafka-storage format:
        assertEquals("min.insync.replicas|1|ro=false|src=3|sens=false|type=3|syn=[3:min.insync.replicas=1]\n", golden(result));
    }

    @Test
    void clusterDefaultWithoutDynamicConfigsIsEmpty() {
        MetadataImage image = TestImage.create().broker(1).build();

        DescribeConfigsResult result = describe(image, kafkaLikeBroker, 4, true, false, resource(BROKER, ""));

        assertEquals(Errors.NONE.code(), result.errorCode());
        assertTrue(result.configs().isEmpty());
    }

    @Test
    void brokerIdInAnyDecimalFormIsAccepted() {
        assertEquals(Errors.NONE.code(), describe(kafkaLikeImage, kafkaLikeBroker, 4, false, false, resource(BROKER, "01")).errorCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "-1", "abc"})
    void brokerOtherThanThisOneIsInvalidRequestWithKafkasMessage(String name) {
        DescribeConfigsResult result = describe(kafkaLikeImage, kafkaLikeBroker, 4, false, false, resource(BROKER, name));

        assertEquals(Errors.INVALID_REQUEST.code(), result.errorCode());
        assertEquals(name.equals("abc") ? "Broker id must be an integer, but it is: abc"
                : "Unexpected broker id, expected 1 or empty string, but received " + name, result.errorMessage());
    }

    @Test
    void brokerLoggersIncludeTheRootLogger() {
        String rootLevel = ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .getEffectiveLevel().toString();
        DescribeConfigsResource root = resource(BROKER_LOGGER, "1").setConfigurationKeys(List.of("root"));

        DescribeConfigsResult result = describe(kafkaLikeImage, kafkaLikeBroker, 4, true, true, root);

        // Kafka leaves the type and documentation of a logger at their defaults.
        assertEquals("root|" + rootLevel + "|ro=false|src=6|sens=false|type=0|syn=[]\n", golden(result));
        assertEquals("", result.configs().get(0).documentation());
    }

    @Test
    void brokerLoggersOfAnotherBrokerAreInvalidRequest() {
        List<DescribeConfigsResult> results = describeAll(kafkaLikeImage, kafkaLikeBroker, 4, false, false,
                resource(BROKER_LOGGER, ""), resource(BROKER_LOGGER, "2"));

        assertEquals("42 Broker id must not be empty", error(results.get(0)));
        assertEquals("42 Unexpected broker id, expected 1 but received 2", error(results.get(1)));
    }

    @Test
    void clientMetricsAndGroupConfigsAreUnsupported() {
        List<DescribeConfigsResult> results = describeAll(kafkaLikeImage, kafkaLikeBroker, 4, false, false,
                resource((byte) 16, ""), resource((byte) 16, "subscription"), resource((byte) 32, ""), resource((byte) 32, "group"));

        assertEquals(List.of("42 Client metrics subscription name must not be empty", "42 Unsupported resource type: CLIENT_METRICS",
                "42 Group name must not be empty", "42 Unsupported resource type: GROUP"),
                results.stream().map(DescribeConfigsHandlerTest::error).toList());
    }

    @ParameterizedTest
    @ValueSource(bytes = {0, 1, 3, 99})
    void unknownResourceTypeFailsTheWholeRequestAsKafkaDoes(byte type) {
        DescribeConfigsRequestData data = request(false, false, resource(TOPIC, "t-a"), resource(type, "x"));
        DescribeConfigsResponse kafka = new DescribeConfigsRequest.Builder(data).build((short) 4)
                .getErrorResponse(0, new InvalidRequestException("Unexpected resource type"));

        List<DescribeConfigsResult> ours = describeAll(kafkaLikeImage, kafkaLikeBroker, 4, data);

        assertEquals(kafka.data().results(), ours);
    }

    @Test
    void everyDescribedBrokerSettingIsDefined() {
        Map<String, String> configs = lines(describe(kafkaLikeImage, kafkaLikeBroker, 4, false, false, resource(BROKER, "1")));

        assertEquals(BrokerConfigs.CONFIG_DEF.keys().stream().filter(k -> !k.internal()).count(), configs.size());
    }

    // ---- helpers

    private static BrokerConfig broker(String... keyValues) {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return BrokerConfig.load(settings, List.of());
    }

    private static DescribeConfigsResource resource(byte type, String name) {
        return new DescribeConfigsResource().setResourceType(type).setResourceName(name).setConfigurationKeys(null);
    }

    private static DescribeConfigsRequestData request(boolean synonyms, boolean documentation, DescribeConfigsResource... resources) {
        DescribeConfigsRequestData data = new DescribeConfigsRequestData().setIncludeSynonyms(synonyms)
                .setIncludeDocumentation(documentation);
        data.resources().addAll(Arrays.asList(resources));
        return data;
    }

    private static DescribeConfigsResult describe(MetadataImage image, BrokerConfig broker, int version, boolean synonyms,
                                                  boolean documentation, DescribeConfigsResource resource) {
        return describeAll(image, broker, version, synonyms, documentation, resource).get(0);
    }

    private static List<DescribeConfigsResult> describeAll(MetadataImage image, BrokerConfig broker, int version,
                                                           boolean synonyms, boolean documentation,
                                                           DescribeConfigsResource... resources) {
        return describeAll(image, broker, version, request(synonyms, documentation, resources));
    }

    private static List<DescribeConfigsResult> describeAll(MetadataImage image, BrokerConfig broker, int version,
                                                           DescribeConfigsRequestData data) {
        DescribeConfigsHandler handler = new DescribeConfigsHandler(() -> image, broker);
        DescribeConfigsResponse response = KafkaWire.roundTrip(handler, new DescribeConfigsRequest.Builder(data).build((short) version));
        assertEquals(data.resources().size(), response.data().results().size());
        return response.data().results();
    }

    private static DescribeConfigsResourceResult config(DescribeConfigsResult result, String name) {
        return result.configs().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no config " + name + " in " + result));
    }

    private static String error(DescribeConfigsResult result) {
        return result.errorCode() + " " + result.errorMessage();
    }

    /** Each config as one line, in name order: the format of the golden texts. */
    private static String golden(DescribeConfigsResult result) {
        assertEquals(Errors.NONE.code(), result.errorCode(), result.errorMessage());
        return lines(result).values().stream().sorted().map(line -> line + "\n").collect(Collectors.joining());
    }

    private static Map<String, String> lines(DescribeConfigsResult result) {
        return result.configs().stream().collect(Collectors.toMap(DescribeConfigsResourceResult::name, c ->
                c.name() + "|" + c.value() + "|ro=" + c.readOnly() + "|src=" + c.configSource() + "|sens=" + c.isSensitive()
                        + "|type=" + c.configType() + "|syn=" + c.synonyms().stream()
                        .map(s -> s.source() + ":" + s.name() + "=" + s.value()).toList()));
    }
}
