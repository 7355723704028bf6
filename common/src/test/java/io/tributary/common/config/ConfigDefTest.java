package io.tributary.common.config;

import static io.tributary.common.config.ConfigType.BOOLEAN;
import static io.tributary.common.config.ConfigType.INT;
import static io.tributary.common.config.ConfigType.LIST;
import static io.tributary.common.config.ConfigType.LONG;
import static io.tributary.common.config.ConfigType.PASSWORD;
import static io.tributary.common.config.ConfigType.STRING;
import static io.tributary.common.config.Importance.HIGH;
import static io.tributary.common.config.Importance.LOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigDefTest {

    private static final ConfigDef DEF = ConfigDef.builder()
            .define("num.partitions", INT, 1, Validator.atLeast(1), HIGH, "partitions")
            .define("auto.create", BOOLEAN, "true", HIGH, "auto-create")
            .define("roll.ms", LONG, null, Validator.atLeast(1), HIGH, "unset unless given")
            .define("policy", LIST, "delete", Validator.list(true, "compact", "delete"), HIGH, "policy")
            .define("name", STRING, "x", LOW, "a name")
            .define("secret", PASSWORD, null, LOW, "a secret")
            .build();

    @Test
    void unsetKeysTakeTheirDefaults() {
        ParsedConfig config = DEF.parse(Map.of());
        assertEquals(1, config.getInt("num.partitions"));
        assertEquals(true, config.getBoolean("auto.create"));
        assertEquals(List.of("delete"), config.getList("policy"));
        assertNull(config.getLong("roll.ms"));
        assertFalse(config.isSet("num.partitions"));
    }

    @Test
    void givenKeysAreParsedAndMarkedSet() {
        ParsedConfig config = DEF.parse(Map.of("num.partitions", " 3 ", "roll.ms", "1000", "policy", "compact, delete"));
        assertEquals(3, config.getInt("num.partitions"));
        assertEquals(1000L, config.getLong("roll.ms"));
        assertEquals(List.of("compact", "delete"), config.getList("policy"));
        assertTrue(config.isSet("num.partitions"));
    }

    @Test
    void anInvalidValueNamesTheKeyAndTheValue() {
        ConfigException e = assertThrows(ConfigException.class, () -> DEF.parse(Map.of("num.partitions", "0")));
        assertEquals("Invalid value 0 for configuration num.partitions: Value must be at least 1", e.getMessage());
        assertEquals("num.partitions", e.name());
    }

    @Test
    void aValueThatDoesNotParseNamesTheKeyAndTheText() {
        ConfigException e = assertThrows(ConfigException.class, () -> DEF.parse(Map.of("roll.ms", "1h")));
        assertEquals("Invalid value 1h for configuration roll.ms: Not a number of type LONG", e.getMessage());
    }

    @Test
    void aMissingRequiredKeyIsReportedAsKafkaDoes() {
        ConfigDef def = ConfigDef.builder().defineRequired("node.id", INT, null, HIGH, "id").build();
        ConfigException e = assertThrows(ConfigException.class, () -> def.parse(Map.of()));
        assertEquals("Missing required configuration \"node.id\" which has no default value.", e.getMessage());
    }

    @Test
    void unknownKeysAreCollectedNotRefused() {
        ParsedConfig config = DEF.parse(Map.of("zookeeper.connect", "zk:2181", "name", "y", "a.b", "c"));
        assertEquals(Set.of("a.b", "zookeeper.connect"), config.unknownKeys());
        assertEquals(List.of("a.b", "zookeeper.connect"), List.copyOf(config.unknownKeys()));
        assertEquals("zk:2181", config.originals().get("zookeeper.connect"));
    }

    @Test
    void duplicateListValuesAreRemovedWithAWarning() {
        ParsedConfig config = DEF.parse(Map.of("policy", "delete,compact,delete"));
        assertEquals(List.of("delete", "compact"), config.getList("policy"));
        assertEquals(1, config.warnings().size());
        assertTrue(config.warnings().get(0).contains("policy"), config.warnings().get(0));
    }

    @Test
    void nullValuesCountAsNotGiven() {
        Map<String, String> properties = new java.util.HashMap<>();
        properties.put("num.partitions", null);
        ParsedConfig config = DEF.parse(properties);
        assertEquals(1, config.getInt("num.partitions"));
        assertFalse(config.isSet("num.partitions"));
    }

    @Test
    void passwordsAreHiddenInMessagesAndToString() {
        ParsedConfig config = DEF.parse(Map.of("secret", "hunter2"));
        assertEquals("hunter2", config.getPassword("secret").value());
        assertFalse(config.toString().contains("hunter2"));
        assertEquals("Invalid value [hidden] for configuration secret: no",
                new ConfigException("secret", config.getPassword("secret"), "no").getMessage());
    }

    @Test
    void aGetterOfTheWrongTypeIsABug() {
        ParsedConfig config = DEF.parse(Map.of());
        assertThrows(IllegalArgumentException.class, () -> config.getLong("num.partitions"));
        assertThrows(IllegalArgumentException.class, () -> config.get("no.such.key"));
    }

    @Test
    void parseValueChecksOneSetting() {
        assertEquals(5, DEF.parseValue("num.partitions", "5"));
        assertThrows(ConfigException.class, () -> DEF.parseValue("num.partitions", "-5"));
        assertThrows(IllegalArgumentException.class, () -> DEF.parseValue("nope", "1"));
    }

    @Test
    void keysKeepDefinitionOrder() {
        assertEquals(List.of("num.partitions", "auto.create", "roll.ms", "policy", "name", "secret"),
                List.copyOf(DEF.names()));
    }

    @Test
    void aKeyCannotBeDefinedTwice() {
        ConfigDef.Builder builder = ConfigDef.builder().define("a", INT, 1, LOW, "a");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder.define("a", INT, 2, LOW, "a again"));
        assertEquals("Configuration a is defined twice.", e.getMessage());
    }

    @Test
    void anInvalidDefaultFailsTheDefinition() {
        assertThrows(ConfigException.class, () -> ConfigKey.of("a", INT, 0, Validator.atLeast(1), LOW, "a"));
        assertThrows(IllegalArgumentException.class, () -> ConfigKey.of("a", INT, 5L, null, LOW, "a"));
    }

    @Test
    void keysCarrySynonymsAndMetadata() {
        ConfigKey key = ConfigKey.of("retention.ms", LONG, 604_800_000L, Validator.atLeast(-1), HIGH, "doc")
                .withSynonyms("log.retention.ms", "log.retention.hours");
        assertEquals(List.of("log.retention.ms", "log.retention.hours"), key.synonyms());
        assertEquals("[-1,...]", key.validValues());
        assertTrue(key.hasDefault());
        assertFalse(key.isSensitive());
        assertFalse(key.internal());
        assertTrue(key.asInternal().internal());
    }

    @Test
    void integerDefaultsWidenToLong() {
        assertEquals(5L, ConfigKey.of("a", LONG, 5, null, LOW, "a").defaultValue());
    }
}
