package io.tributary.broker.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.config.ConfigException;
import io.tributary.common.config.ConfigKey;
import io.tributary.common.config.ConfigSource;
import io.tributary.common.config.ConfigType;
import io.tributary.common.config.ParsedConfig;
import io.tributary.records.CompressionType;
import io.tributary.storage.LogConfig;
import io.tributary.storage.TargetCompression;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopicConfigsTest {

    private static final BrokerConfig DEFAULT_BROKER = BrokerConfig.defaults();

    private static BrokerConfig broker(String... keyValues) {
        return BrokerConfig.load(Map.of(), List.of(keyValues));
    }

    /** Topic settings whose broker synonym is in other units; the others share their synonym's type. */
    private static final Set<String> CONVERTED = Set.of("retention.ms", "segment.ms", "segment.jitter.ms", "flush.ms");

    @Test
    void everySynonymIsABrokerSettingOfTheSameType() {
        for (ConfigKey key : TopicConfigs.CONFIG_DEF.keys()) {
            for (String synonym : key.synonyms()) {
                ConfigKey brokerKey = BrokerConfigs.CONFIG_DEF.key(synonym).orElseThrow(
                        () -> new AssertionError(key.name() + ": no broker setting " + synonym));
                if (!CONVERTED.contains(key.name())) {
                    assertEquals(key.type(), brokerKey.type(), synonym);
                }
            }
        }
    }

    @Test
    void topicDefaultsAreWhatADefaultBrokerSupplies() {
        for (ConfigKey key : TopicConfigs.CONFIG_DEF.keys()) {
            assertEquals(key.defaultValue(), TopicConfigs.brokerDefault(key.name(), DEFAULT_BROKER), key.name());
        }
    }

    @Test
    void aTopicWithoutSettingsGetsTheBrokersLogConfig() {
        BrokerConfig broker = broker("log.segment.bytes=2097152", "log.roll.hours=1", "message.max.bytes=5000");
        assertEquals(broker.defaultLogConfig(), TopicConfigs.logConfig(Map.of(), broker));
        assertEquals(LogConfig.builder().segmentBytes(2_097_152).segmentMs(3_600_000).maxMessageBytes(5000).build(),
                TopicConfigs.logConfig(Map.of(), broker));
    }

    @Test
    void topicSettingsWinOverTheBrokers() {
        BrokerConfig broker = broker("log.segment.bytes=2097152", "log.roll.ms=1000", "message.max.bytes=5000",
                "log.flush.interval.messages=7");
        LogConfig config = TopicConfigs.logConfig(Map.ofEntries(Map.entry("segment.bytes", "3145728"), Map.entry("segment.ms", "2000"),
                Map.entry("segment.index.bytes", "1024"), Map.entry("index.interval.bytes", "64"),
                Map.entry("max.message.bytes", "6000"), Map.entry("message.timestamp.type", "LogAppendTime"),
                Map.entry("flush.messages", "3"), Map.entry("flush.ms", "40"), Map.entry("file.delete.delay.ms", "9"),
                Map.entry("compression.type", "zstd"), Map.entry("compression.zstd.level", "7"),
                Map.entry("message.timestamp.after.max.ms", "11")), broker);
        assertEquals(LogConfig.builder().segmentBytes(3_145_728).segmentMs(2000).segmentIndexBytes(1024)
                .indexIntervalBytes(64).maxMessageBytes(6000).logAppendTime(true).flushMessages(3).flushMs(40)
                .fileDeleteDelayMs(9).compression(TargetCompression.of(CompressionType.ZSTD, 7)).timestampAfterMaxMs(11)
                .build(), config);
    }

    @Test
    void flushMsFallsBackToTheBrokersFlushSchedule() {
        assertEquals(700, TopicConfigs.logConfig(Map.of(), broker("log.flush.scheduler.interval.ms=700")).flushMs());
        assertEquals(50, TopicConfigs.logConfig(Map.of(), broker("log.flush.scheduler.interval.ms=700",
                "log.flush.interval.ms=50")).flushMs());
    }

    @Test
    void retentionComesFromTheBrokersMinutesOrHours() {
        ParsedConfig topic = TopicConfigs.parse(Map.of());
        assertEquals(120_000L, TopicConfigs.effectiveValue("retention.ms", topic, broker("log.retention.minutes=2")));
        assertEquals(-1L, TopicConfigs.effectiveValue("retention.ms", topic, broker("log.retention.ms=-1")));
        assertEquals(5L, TopicConfigs.effectiveValue("retention.ms", TopicConfigs.parse(Map.of("retention.ms", "5")),
                broker("log.retention.minutes=2")));
    }

    @Test
    void anInvalidTopicValueNamesTheSettingAndTheValue() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> TopicConfigs.logConfig(Map.of("segment.bytes", "100"), DEFAULT_BROKER));
        assertEquals("Invalid value 100 for configuration segment.bytes: Value must be at least 1048576", e.getMessage());
        e = assertThrows(ConfigException.class, () -> TopicConfigs.parse(Map.of("cleanup.policy", "Delete")));
        assertEquals("Invalid value Delete for configuration cleanup.policy: String must be one of: compact, delete",
                e.getMessage());
        e = assertThrows(ConfigException.class, () -> TopicConfigs.parse(Map.of("retention.ms", "-2")));
        assertEquals("Invalid value -2 for configuration retention.ms: Value must be at least -1", e.getMessage());
    }

    @Test
    void validateRefusesNamesThatAreNotTopicSettings() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> TopicConfigs.validate(Map.of("log.retention.ms", "5"), DEFAULT_BROKER));
        assertEquals("Unknown topic config name: log.retention.ms", e.getMessage());
    }

    @Test
    void logConfigIgnoresNamesThatAreNotTopicSettings() {
        assertEquals(LogConfig.defaults(), TopicConfigs.logConfig(Map.of("no.such.setting", "1"), DEFAULT_BROKER));
    }

    @Test
    void minCompactionLagMayNotExceedMaxCompactionLag() {
        ConfigException e = assertThrows(ConfigException.class, () -> TopicConfigs.validate(
                Map.of("min.compaction.lag.ms", "10", "max.compaction.lag.ms", "5"), DEFAULT_BROKER));
        assertEquals("conflict topic config setting min.compaction.lag.ms (10) > max.compaction.lag.ms (5)",
                e.getMessage());
        assertThrows(ConfigException.class, () -> TopicConfigs.validate(Map.of("min.compaction.lag.ms", "10"),
                broker("log.cleaner.max.compaction.lag.ms=5")));
    }

    @Test
    void retentionSettingsComeFromTheTopicElseTheBroker() {
        LogConfig topic = TopicConfigs.logConfig(Map.of("retention.ms", "1000", "retention.bytes", "5000",
                "cleanup.policy", "compact"), DEFAULT_BROKER);
        assertEquals(1000, topic.retentionMs());
        assertEquals(5000, topic.retentionBytes());
        assertFalse(topic.deleteEnabled());
        LogConfig broker = TopicConfigs.logConfig(Map.of(), broker("log.retention.hours=2", "log.retention.bytes=7",
                "log.cleanup.policy=compact,delete"));
        assertEquals(7_200_000, broker.retentionMs());
        assertEquals(7, broker.retentionBytes());
        assertTrue(broker.deleteEnabled());
        assertEquals(-1, TopicConfigs.logConfig(Map.of("retention.ms", "-1"), DEFAULT_BROKER).retentionMs());
    }

    @Test
    void compactionSettingsComeFromTheTopicElseTheBroker() {
        LogConfig topic = TopicConfigs.logConfig(Map.of("cleanup.policy", "compact,delete", "delete.retention.ms", "5",
                "min.cleanable.dirty.ratio", "0.1", "min.compaction.lag.ms", "6", "max.compaction.lag.ms", "70"), DEFAULT_BROKER);
        assertTrue(topic.compactEnabled());
        assertTrue(topic.deleteEnabled());
        assertEquals(5, topic.deleteRetentionMs());
        assertEquals(0.1, topic.minCleanableDirtyRatio());
        assertEquals(6, topic.minCompactionLagMs());
        assertEquals(70, topic.maxCompactionLagMs());
        LogConfig broker = TopicConfigs.logConfig(Map.of(), broker("log.cleanup.policy=compact",
                "log.cleaner.delete.retention.ms=8", "log.cleaner.min.cleanable.ratio=0.9"));
        assertTrue(broker.compactEnabled());
        assertFalse(broker.deleteEnabled());
        assertEquals(8, broker.deleteRetentionMs());
        assertEquals(0.9, broker.minCleanableDirtyRatio());
    }

    @Test
    void compressionLevelIsTheChosenCodecs() {
        assertEquals(TargetCompression.PRODUCER, DEFAULT_BROKER.defaultLogConfig().compression());
        assertEquals(TargetCompression.of(CompressionType.GZIP, 4), TopicConfigs.logConfig(Map.of("compression.type", "gzip",
                "compression.gzip.level", "4", "compression.zstd.level", "9"), DEFAULT_BROKER).compression());
        assertEquals(TargetCompression.of(CompressionType.NONE, 0), TopicConfigs.logConfig(Map.of("compression.type",
                "uncompressed"), DEFAULT_BROKER).compression());
        assertEquals(TargetCompression.of(CompressionType.LZ4, 9), TopicConfigs.logConfig(Map.of(), broker(
                "compression.type=lz4")).compression());
    }

    @Test
    void internalSegmentBytesAllowsSegmentsBelowOneMebibyteForTests() {
        assertEquals(1024, TopicConfigs.logConfig(Map.of("internal.segment.bytes", "1024"), DEFAULT_BROKER).segmentBytes());
        assertFalse(TopicConfigs.effectiveValues(Map.of(), DEFAULT_BROKER).containsKey("internal.segment.bytes"));
    }

    @Test
    void anIndexSizeTheStorageCannotUseIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> TopicConfigs.logConfig(Map.of("segment.index.bytes", "4"), DEFAULT_BROKER));
        assertEquals("Invalid value 4 for configuration segment.index.bytes: Value must be at least " + io.tributary.storage.LogConfig.MIN_SEGMENT_INDEX_BYTES, e.getMessage());
    }

    @Test
    void tieredStorageCannotBeEnabled() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> TopicConfigs.validate(Map.of("remote.storage.enable", "true"), DEFAULT_BROKER));
        assertEquals("Invalid value true for configuration remote.storage.enable: Tiered Storage functionality is"
                + " disabled in the broker. Topic cannot be configured with remote log storage.", e.getMessage());
    }

    @Test
    void throttledReplicasAreAWildcardOrPartitionBrokerPairs() {
        assertDoesNotThrow(() -> TopicConfigs.parse(Map.of("leader.replication.throttled.replicas", "0:1, 1:2")));
        assertDoesNotThrow(() -> TopicConfigs.parse(Map.of("follower.replication.throttled.replicas", "*")));
        assertThrows(ConfigException.class,
                () -> TopicConfigs.parse(Map.of("leader.replication.throttled.replicas", "0:1,*")));
    }

    @Test
    void sourceTellsTopicFromBrokerFromDefault() {
        BrokerConfig broker = broker("log.retention.hours=5");
        ParsedConfig topic = TopicConfigs.parse(Map.of("segment.bytes", "2097152"));
        assertEquals(ConfigSource.DYNAMIC_TOPIC_CONFIG, TopicConfigs.source("segment.bytes", topic, broker));
        assertEquals(ConfigSource.STATIC_BROKER_CONFIG, TopicConfigs.source("retention.ms", topic, broker));
        assertEquals(ConfigSource.DEFAULT_CONFIG, TopicConfigs.source("segment.ms", topic, broker));
    }

    @Test
    void effectiveValuesCoverEveryPublicTopicSetting() {
        Map<String, Object> values = TopicConfigs.effectiveValues(Map.of("cleanup.policy", "compact"), DEFAULT_BROKER);
        assertEquals(List.of("compact"), values.get("cleanup.policy"));
        assertEquals(604_800_000L, values.get("retention.ms"));
        for (ConfigKey key : TopicConfigs.CONFIG_DEF.keys()) {
            assertTrue(key.internal() || values.containsKey(key.name()), key.name());
        }
    }

    @Test
    void noTopicSettingIsSensitive() {
        for (ConfigKey key : TopicConfigs.CONFIG_DEF.keys()) {
            assertFalse(key.type() == ConfigType.PASSWORD, key.name());
        }
    }
}
