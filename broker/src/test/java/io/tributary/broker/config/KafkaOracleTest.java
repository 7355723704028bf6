package io.tributary.broker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.config.ConfigException;
import io.tributary.common.config.ConfigSource;
import io.tributary.common.config.ConfigType;
import io.tributary.common.config.Importance;
import io.tributary.common.config.Validator;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.requests.DescribeConfigsResponse;
import org.junit.jupiter.api.Test;

/** Our config framework against Kafka's own classes (kafka-clients, test scope): same names, ids and messages. */
class KafkaOracleTest {

    @Test
    void everyKafkaTopicSettingIsDefined() throws IllegalAccessException {
        for (Field field : TopicConfig.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getName().endsWith("_CONFIG")) {
                String name = (String) field.get(null);
                // message.downconversion.enable was removed in Kafka 4.0 (KIP-724); the constant remains.
                if (!name.equals(TopicConfig.MESSAGE_DOWNCONVERSION_ENABLE_CONFIG)) {
                    assertTrue(TopicConfigs.CONFIG_DEF.contains(name), name);
                }
            }
        }
    }

    @Test
    void configSourceIdsAreKafkas() {
        for (ConfigSource source : ConfigSource.values()) {
            DescribeConfigsResponse.ConfigSource kafka = DescribeConfigsResponse.ConfigSource.forId((byte) source.id());
            String expected = source == ConfigSource.DYNAMIC_TOPIC_CONFIG ? "TOPIC_CONFIG" : source.name();
            assertEquals(expected, kafka.name());
        }
    }

    @Test
    void configTypeIdsAreKafkas() {
        for (ConfigType type : ConfigType.values()) {
            assertEquals(type.name(), DescribeConfigsResponse.ConfigType.forId((byte) type.id()).name());
        }
    }

    @Test
    void badValuesAreReportedWithKafkasMessages() {
        expectSameMessage(ConfigType.INT, Validator.atLeast(1), ConfigDef.Type.INT, ConfigDef.Range.atLeast(1), "0");
        expectSameMessage(ConfigType.INT, Validator.atLeast(1), ConfigDef.Type.INT, ConfigDef.Range.atLeast(1), "abc");
        expectSameMessage(ConfigType.INT, null, ConfigDef.Type.INT, null, "99999999999");
        expectSameMessage(ConfigType.INT, null, ConfigDef.Type.INT, null, " 7x ");
        expectSameMessage(ConfigType.LONG, Validator.atLeast(-1), ConfigDef.Type.LONG, ConfigDef.Range.atLeast(-1), "-2");
        expectSameMessage(ConfigType.LONG, null, ConfigDef.Type.LONG, null, "");
        expectSameMessage(ConfigType.SHORT, Validator.atLeast(1), ConfigDef.Type.SHORT, ConfigDef.Range.atLeast(1),
                "40000");
        expectSameMessage(ConfigType.DOUBLE, Validator.between(0, 1), ConfigDef.Type.DOUBLE,
                ConfigDef.Range.between(0, 1), "2");
        expectSameMessage(ConfigType.DOUBLE, null, ConfigDef.Type.DOUBLE, null, "x");
        expectSameMessage(ConfigType.BOOLEAN, null, ConfigDef.Type.BOOLEAN, null, "yes");
        expectSameMessage(ConfigType.STRING, Validator.in("CreateTime", "LogAppendTime"), ConfigDef.Type.STRING,
                ConfigDef.ValidString.in("CreateTime", "LogAppendTime"), "createtime");
        expectSameMessage(ConfigType.LIST, Validator.list(true, "compact", "delete"), ConfigDef.Type.LIST,
                ConfigDef.ValidList.in(true, "compact", "delete"), "delete, foo");
        expectSameMessage(ConfigType.STRING, Validator.nonEmptyString(), ConfigDef.Type.STRING,
                new ConfigDef.NonEmptyString(), "  ");
    }

    @Test
    void aMissingRequiredSettingIsReportedWithKafkasMessage() {
        expectSameMessage(ConfigType.INT, null, ConfigDef.Type.INT, null, null);
    }

    @Test
    void duplicateListValuesAreRemovedAsKafkaRemovesThem() {
        ConfigDef kafka = new ConfigDef().define("k", ConfigDef.Type.LIST, "", ConfigDef.ValidList.in(true, "a", "b"),
                ConfigDef.Importance.LOW, "k");
        io.tributary.common.config.ConfigDef ours = io.tributary.common.config.ConfigDef.builder()
                .define("k", ConfigType.LIST, "", Validator.list(true, "a", "b"), Importance.LOW, "k").build();
        assertEquals(kafka.parse(Map.of("k", "b,a,b,a")).get("k"), ours.parse(Map.of("k", "b,a,b,a")).get("k"));
    }

    private static void expectSameMessage(ConfigType ourType, Validator ourValidator, ConfigDef.Type kafkaType,
                                          ConfigDef.Validator kafkaValidator, String text) {
        io.tributary.common.config.ConfigDef ours = io.tributary.common.config.ConfigDef.builder()
                .defineRequired("some.key", ourType, ourValidator, Importance.LOW, "doc").build();
        ConfigDef kafka = new ConfigDef().define("some.key", kafkaType, ConfigDef.NO_DEFAULT_VALUE, kafkaValidator,
                ConfigDef.Importance.LOW, "doc");
        Map<String, String> properties = text == null ? Map.of() : Map.of("some.key", text);
        String expected = assertThrows(org.apache.kafka.common.config.ConfigException.class,
                () -> kafka.parse(properties)).getMessage();
        String actual = assertThrows(ConfigException.class, () -> ours.parse(properties)).getMessage();
        assertEquals(expected, actual, "for " + kafkaType + " '" + text + "'");
    }
}
