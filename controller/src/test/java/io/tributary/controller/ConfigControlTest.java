package io.tributary.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.controller.ConfigControl.Alteration;
import io.tributary.controller.ConfigControl.Op;
import io.tributary.controller.ConfigControl.OpType;
import io.tributary.controller.ConfigControl.Replacement;
import io.tributary.controller.Controller.Result;
import io.tributary.metadata.image.ConfigResource;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.MetadataProvenance;
import io.tributary.metadata.record.ConfigRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.record.TopicRecord;
import io.tributary.protocol.ApiMessage;
import io.tributary.protocol.Errors;
import io.tributary.protocol.Uuid;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The controller's config alterations as pure functions of an image with one broker (id 1) and one
 * topic: which ConfigRecords they write, and Kafka's errors. The schema here knows two topic
 * settings, {@code retention.ms} and the list {@code cleanup.policy} (default "delete"), and refuses
 * any other name.
 */
class ConfigControlTest {

    private static final ConfigResource TOPIC = ConfigResource.topic("orders");

    private final ConfigControl control = new ConfigControl(new ConfigSchema() {
        @Override
        public boolean isList(ConfigResource.Type type, String name) {
            return name.equals("cleanup.policy") || name.equals("log.cleanup.policy");
        }

        @Override
        public String defaultValue(ConfigResource.Type type, String name) {
            return isList(type, name) ? "delete" : null;
        }

        @Override
        public String invalidTopicConfigs(Map<String, String> configs, MetadataImage image) {
            return configs.keySet().stream().filter(n -> !n.equals("retention.ms") && !n.equals("cleanup.policy"))
                    .findFirst().map(n -> "Unknown topic config name: " + n).orElse(null);
        }
    });

    private static MetadataImage apply(MetadataImage image, List<ApiMessage> records) {
        MetadataDelta delta = new MetadataDelta(image);
        records.forEach(delta::replay);
        return delta.apply(MetadataProvenance.EMPTY);
    }

    private static MetadataImage brokerAndTopic() {
        return apply(MetadataImage.EMPTY, List.of(new RegisterBrokerRecord().setBrokerId(1).setIncarnationId(Uuid.randomUuid()),
                new TopicRecord().setName("orders").setTopicId(Uuid.randomUuid())));
    }

    private Result<List<ApiError>> alter(MetadataImage image, ConfigResource resource, Op... ops) {
        return control.incrementalAlterConfigs(image, List.of(new Alteration(resource, List.of(ops))), false);
    }

    private static Op set(String name, String value) {
        return new Op(name, OpType.SET, value);
    }

    @Test
    void setWritesAConfigRecordThatTheImageApplies() {
        Result<List<ApiError>> result = alter(brokerAndTopic(), TOPIC, set("retention.ms", "5000"));

        assertEquals(List.of(ApiError.NONE), result.response());
        assertEquals(List.of(new ConfigRecord().setResourceType((byte) 2).setResourceName("orders").setName("retention.ms")
                .setValue("5000")), result.records());
        assertEquals(Map.of("retention.ms", "5000"), apply(brokerAndTopic(), result.records()).configs().configs(TOPIC));
    }

    @Test
    void anUnchangedTopicValueWritesNoRecordButABrokerValueAlwaysDoes() {
        MetadataImage image = apply(brokerAndTopic(), alter(brokerAndTopic(), TOPIC, set("retention.ms", "5000")).records());

        assertTrue(alter(image, TOPIC, set("retention.ms", "5000")).records().isEmpty());
        assertTrue(alter(image, TOPIC, new Op("cleanup.policy", OpType.DELETE, null)).records().isEmpty(), "deleting what is not set");

        ConfigResource all = ConfigResource.brokerDefault();
        MetadataImage withDefault = apply(image, alter(image, all, set("log.retention.ms", "1000")).records());
        assertEquals(1, alter(withDefault, all, set("log.retention.ms", "1000")).records().size(), "brokers reload on every write");
    }

    @Test
    void deleteWritesANullValue() {
        MetadataImage image = apply(brokerAndTopic(), alter(brokerAndTopic(), TOPIC, set("retention.ms", "5000")).records());

        Result<List<ApiError>> result = alter(image, TOPIC, new Op("retention.ms", OpType.DELETE, null));

        assertEquals(null, ((ConfigRecord) result.records().get(0)).value());
        assertEquals(Map.of(), apply(image, result.records()).configs().configs(TOPIC));
    }

    @Test
    void appendAndSubtractWorkOnTheCurrentListOrTheDefault() {
        Result<List<ApiError>> appended = alter(brokerAndTopic(), TOPIC, new Op("cleanup.policy", OpType.APPEND, "compact,delete"));
        assertEquals("delete,compact", ((ConfigRecord) appended.records().get(0)).value());

        MetadataImage image = apply(brokerAndTopic(), appended.records());
        Result<List<ApiError>> subtracted = alter(image, TOPIC, new Op("cleanup.policy", OpType.SUBTRACT, "delete"));
        assertEquals("compact", ((ConfigRecord) subtracted.records().get(0)).value());
    }

    @Test
    void appendToANonListSettingIsInvalidConfig() {
        Result<List<ApiError>> result = alter(brokerAndTopic(), TOPIC, new Op("retention.ms", OpType.APPEND, "5"));

        assertEquals(List.of(new ApiError(Errors.INVALID_CONFIG, "Can't APPEND to key retention.ms because its type is not LIST.")),
                result.response());
        assertTrue(result.records().isEmpty());
    }

    @Test
    void aResourceWithOneInvalidChangeWritesNoneOfItsRecordsButOthersStillDo() {
        ConfigResource missing = ConfigResource.topic("missing");
        Result<List<ApiError>> result = control.incrementalAlterConfigs(brokerAndTopic(), List.of(
                new Alteration(TOPIC, List.of(set("retention.ms", "1"), set("bogus", "2"))),
                new Alteration(missing, List.of(set("retention.ms", "1"))),
                new Alteration(ConfigResource.brokerDefault(), List.of(set("log.retention.ms", "3")))), false);

        assertEquals(List.of(new ApiError(Errors.INVALID_CONFIG, "Unknown topic config name: bogus"),
                new ApiError(Errors.UNKNOWN_TOPIC_OR_PARTITION, "The topic 'missing' does not exist."), ApiError.NONE), result.response());
        assertEquals(1, result.records().size());
        assertEquals("", ((ConfigRecord) result.records().get(0)).resourceName());
    }

    @Test
    void validateOnlyWritesNothing() {
        Result<List<ApiError>> result = control.incrementalAlterConfigs(brokerAndTopic(),
                List.of(new Alteration(TOPIC, List.of(set("retention.ms", "1")))), true);

        assertEquals(List.of(ApiError.NONE), result.response());
        assertTrue(result.records().isEmpty());
    }

    @Test
    void brokerResourcesMustBeRegisteredBrokersOrTheClusterDefault() {
        assertEquals(List.of(new ApiError(Errors.BROKER_ID_NOT_REGISTERED, "No node with id 7 found.")),
                alter(brokerAndTopic(), new ConfigResource(ConfigResource.Type.BROKER, "7"), set("log.retention.ms", "1")).response());
        assertEquals(List.of(new ApiError(Errors.INVALID_REQUEST, "Invalid negative broker ID.")),
                alter(brokerAndTopic(), new ConfigResource(ConfigResource.Type.BROKER, "-1"), set("log.retention.ms", "1")).response());
        assertEquals(List.of(ApiError.NONE),
                alter(brokerAndTopic(), ConfigResource.broker(1), set("log.retention.ms", "1")).response());
    }

    @Test
    void legacyAlterConfigsDeletesEverySettingItDoesNotName() {
        MetadataImage image = apply(brokerAndTopic(), alter(brokerAndTopic(), TOPIC, set("retention.ms", "5000"),
                set("cleanup.policy", "compact")).records());

        Result<List<ApiError>> result = control.legacyAlterConfigs(image, List.of(new Replacement(TOPIC, Map.of("retention.ms", "10"))), false);

        assertEquals(List.of(ApiError.NONE), result.response());
        assertEquals(Map.of("retention.ms", "10"), apply(image, result.records()).configs().configs(TOPIC));
    }

    @Test
    void aValueLongerThanAConfigRecordCanHoldIsInvalidConfig() {
        Result<List<ApiError>> result = alter(brokerAndTopic(), TOPIC, set("retention.ms", "1".repeat(Short.MAX_VALUE + 1)));

        assertEquals(List.of(new ApiError(Errors.INVALID_CONFIG, "The configuration value cannot be added because it exceeds"
                + " the maximum value size of 32767 bytes.")), result.response());
    }
}
