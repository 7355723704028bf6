package io.tributary.broker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.config.ConfigException;
import io.tributary.common.config.ConfigKey;
import io.tributary.common.config.ConfigSource;
import io.tributary.records.TimestampType;
import io.tributary.storage.LogConfig;
import io.tributary.storage.producer.ProducerStateConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerConfigTest {

    private static BrokerConfig load(String... keyValues) {
        return BrokerConfig.load(Map.of(), List.of(keyValues));
    }

    private static String error(String... keyValues) {
        return assertThrows(ConfigException.class, () -> load(keyValues)).getMessage();
    }

    @Test
    void withNoConfigurationOneNodeIsTheWholeClusterOnLocalhost() {
        BrokerConfig config = BrokerConfig.defaults();
        assertEquals(1, config.nodeId());
        assertEquals(Set.of(ProcessRole.BROKER, ProcessRole.CONTROLLER), config.processRoles());
        assertEquals(List.of(new Endpoint("PLAINTEXT", "localhost", 9092, SecurityProtocol.PLAINTEXT)),
                config.listeners());
        assertEquals(config.listeners(), config.advertisedListeners());
        assertEquals(List.of(Path.of("./data")), config.logDirs());
        assertEquals(Path.of("./data"), config.metadataLogDir());
        assertEquals("PLAINTEXT", config.interBrokerListenerName());
        assertEquals(List.of(), config.controllerListenerNames());
        assertEquals(Set.of(), config.unknownKeys());
        assertEquals(List.of(), config.warnings());
    }

    @Test
    void defaultsAreKafkas() {
        BrokerConfig config = BrokerConfig.defaults();
        assertEquals(1, config.numPartitions());
        assertEquals(1, config.defaultReplicationFactor());
        assertTrue(config.autoCreateTopicsEnable());
        assertTrue(config.deleteTopicEnable());
        assertEquals(1_048_588, config.messageMaxBytes());
        assertEquals(104_857_600, config.socketRequestMaxBytes());
        assertEquals(3, config.numNetworkThreads());
        assertEquals(8, config.numIoThreads());
        assertEquals(1_073_741_824, config.logSegmentBytes());
        assertEquals(168L * 3_600_000, config.logRollTimeMillis());
        assertEquals(4096, config.logIndexIntervalBytes());
        assertEquals(10_485_760, config.logIndexSizeMaxBytes());
        assertEquals(Long.MAX_VALUE, config.logFlushIntervalMessages());
        assertEquals(Long.MAX_VALUE, config.logFlushIntervalMs());
        assertEquals(Long.MAX_VALUE, config.logFlushSchedulerIntervalMs());
        assertEquals(60_000, config.logFlushOffsetCheckpointIntervalMs());
        assertEquals(TimestampType.CREATE_TIME, config.logMessageTimestampType());
        assertEquals(168L * 3_600_000, config.logRetentionTimeMillis());
        assertEquals(-1, config.logRetentionBytes());
        assertEquals(300_000, config.logRetentionCheckIntervalMs());
        assertEquals(List.of("delete"), config.logCleanupPolicy());
        assertEquals(60_000, config.logDeleteDelayMs());
        assertEquals(1, config.minInsyncReplicas());
        assertEquals("producer", config.compressionType());
        assertEquals(50, config.offsetsTopicNumPartitions());
        assertEquals(50, config.transactionStateLogNumPartitions());
        assertEquals(3000, config.groupInitialRebalanceDelayMs());
        assertEquals(ProducerStateConfig.defaults(), config.producerStateConfig());
    }

    @Test
    void internalTopicsAreSingleReplicaByDefaultSoOneNodeWorks() {
        BrokerConfig config = BrokerConfig.defaults();
        assertEquals(1, config.offsetsTopicReplicationFactor());
        assertEquals(1, config.transactionStateLogReplicationFactor());
        assertEquals(1, config.transactionStateLogMinIsr());
    }

    @Test
    void acksAllWaitsForFsyncByDefault() {
        assertTrue(BrokerConfig.defaults().logFlushOnAcksAll());
        assertFalse(load("log.flush.on.acks.all=false").logFlushOnAcksAll());
    }

    @Test
    void defaultLogConfigOfDefaultSettingsIsTheStorageDefault() {
        assertEquals(LogConfig.defaults(), BrokerConfig.defaults().defaultLogConfig());
    }

    @Test
    void logDirsOverridesLogDir() {
        BrokerConfig config = load("log.dir=/ignored", "log.dirs=/a, /b");
        assertEquals(List.of(Path.of("/a"), Path.of("/b")), config.logDirs());
    }

    @Test
    void logDirIsUsedWhenLogDirsIsNotSet() {
        assertEquals(List.of(Path.of("/var/tributary")), load("log.dir=/var/tributary").logDirs());
    }

    @Test
    void metadataLogDirDefaultsToTheFirstLogDir() {
        assertEquals(Path.of("/a"), load("log.dirs=/a,/b").metadataLogDir());
        assertEquals(Path.of("/meta"), load("log.dirs=/a,/b", "metadata.log.dir=/meta").metadataLogDir());
    }

    @Test
    void logRollMsOverridesLogRollHours() {
        assertEquals(1000, load("log.roll.hours=2", "log.roll.ms=1000").logRollTimeMillis());
        assertEquals(2 * 3_600_000, load("log.roll.hours=2").logRollTimeMillis());
    }

    @Test
    void logRetentionMsOverridesMinutesWhichOverrideHours() {
        assertEquals(5, load("log.retention.ms=5", "log.retention.minutes=1", "log.retention.hours=1")
                .logRetentionTimeMillis());
        assertEquals(60_000, load("log.retention.minutes=1", "log.retention.hours=1").logRetentionTimeMillis());
        assertEquals(3_600_000, load("log.retention.hours=1").logRetentionTimeMillis());
    }

    @Test
    void anyNegativeRetentionMeansForever() {
        assertEquals(-1, load("log.retention.ms=-5").logRetentionTimeMillis());
        assertEquals(-1, load("log.retention.hours=-1").logRetentionTimeMillis());
    }

    @Test
    void logFlushIntervalMsFallsBackToTheSchedulerInterval() {
        assertEquals(2000, load("log.flush.scheduler.interval.ms=2000").logFlushIntervalMs());
        assertEquals(500, load("log.flush.scheduler.interval.ms=2000", "log.flush.interval.ms=500").logFlushIntervalMs());
    }

    @Test
    void overridesTakePrecedenceOverTheFile() {
        BrokerConfig config = BrokerConfig.load(Map.of("num.partitions", "3", "num.io.threads", "4"),
                List.of("num.partitions=6"));
        assertEquals(6, config.numPartitions());
        assertEquals(4, config.numIoThreads());
    }

    @Test
    void anOverrideIsSplitAtTheFirstEquals() {
        assertEquals(Map.of("a", "b=c", "d", ""), BrokerConfig.parseOverrides(List.of("a=b=c", "d=")));
    }

    @Test
    void anOverrideWithoutAKeyIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> BrokerConfig.parseOverrides(List.of("num.partitions")));
        assertEquals("Invalid override 'num.partitions': expected key=value", e.getMessage());
        assertThrows(ConfigException.class, () -> BrokerConfig.parseOverrides(List.of("=3")));
    }

    @Test
    void anInvalidValueNamesTheKeyAndTheValue() {
        assertEquals("Invalid value 0 for configuration num.partitions: Value must be at least 1",
                error("num.partitions=0"));
        assertEquals("Invalid value yes for configuration auto.create.topics.enable: Expected value to be either true"
                + " or false", error("auto.create.topics.enable=yes"));
        assertEquals("Invalid value 100 for configuration log.segment.bytes: Value must be at least 1048576",
                error("log.segment.bytes=100"));
        assertEquals("Invalid value 1.5 for configuration message.max.bytes: Not a number of type INT",
                error("message.max.bytes=1.5"));
        assertEquals("Invalid value foo for configuration process.roles: String must be one of: broker, controller",
                error("process.roles=broker,foo"));
        assertEquals("Invalid value createtime for configuration log.message.timestamp.type: String must be one of:"
                + " CreateTime, LogAppendTime", error("log.message.timestamp.type=createtime"));
    }

    @Test
    void aDerivedTopicDefaultThatIsInvalidNamesTheBrokerKey() {
        assertEquals("Invalid value 0 for configuration log.roll.ms: Value must be at least 1", error("log.roll.ms=0"));
        assertEquals("Invalid value -5 for configuration log.flush.scheduler.interval.ms: Value must be at least 0",
                error("log.flush.scheduler.interval.ms=-5"));
    }

    @Test
    void anIndexSizeTheStorageCannotUseIsRefusedAtStartUp() {
        assertEquals("Invalid value 4 for configuration segment.index.bytes: Value must be at least " + io.tributary.storage.LogConfig.MIN_SEGMENT_INDEX_BYTES,
                error("log.index.size.max.bytes=4"));
    }

    @Test
    void unknownKeysAreReportedNotRefused() {
        BrokerConfig config = load("zookeeper.connect=localhost:2181", "ssl.keystore.location=/x", "num.partitions=2");
        assertEquals(Set.of("ssl.keystore.location", "zookeeper.connect"), config.unknownKeys());
        assertEquals(2, config.numPartitions());
    }

    @Test
    void brokerIdIsReadAsNodeId() {
        assertEquals(7, load("broker.id=7").nodeId());
    }

    @Test
    void brokerIdAndNodeIdMustAgreeWhenBothAreSet() {
        assertEquals(3, load("broker.id=3", "node.id=3").nodeId());
        assertEquals("Invalid value 0 for configuration broker.id: it must equal node.id (1) when both are set",
                error("broker.id=0", "node.id=1"));
    }

    @Test
    void defaultLogConfigIsBuiltFromTheLogSettings() {
        BrokerConfig config = load("log.segment.bytes=2097152", "log.roll.ms=1000", "log.index.size.max.bytes=4096",
                "log.index.interval.bytes=100", "message.max.bytes=2000", "log.message.timestamp.type=LogAppendTime",
                "log.flush.interval.messages=10", "log.flush.interval.ms=500", "log.segment.delete.delay.ms=5");
        assertEquals(LogConfig.builder().segmentBytes(2_097_152).segmentMs(1000).segmentIndexBytes(4096).indexIntervalBytes(100)
                .maxMessageBytes(2000).logAppendTime(true).flushMessages(10).flushMs(500).fileDeleteDelayMs(5).build(),
                config.defaultLogConfig());
    }

    @Test
    void producerStateConfigComesFromProducerIdExpirationMs() {
        assertEquals(new ProducerStateConfig(1000), load("producer.id.expiration.ms=1000").producerStateConfig());
    }

    @Test
    void sourceTellsGivenSettingsFromDefaults() {
        BrokerConfig config = load("num.partitions=3");
        assertEquals(ConfigSource.STATIC_BROKER_CONFIG, config.source("num.partitions"));
        assertEquals(ConfigSource.DEFAULT_CONFIG, config.source("num.io.threads"));
    }

    @Test
    void duplicateListValuesAreRemovedWithAWarning() {
        BrokerConfig config = load("log.dirs=/a,/a");
        assertEquals(List.of(Path.of("/a")), config.logDirs());
        assertEquals(1, config.warnings().size());
    }

    @Test
    void aPropertiesFileLoads(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "# comment\nnum.partitions = 4\nlog.dirs=" + dir.resolve("data") + "\n");
        BrokerConfig config = BrokerConfig.load(file, List.of("num.io.threads=2"));
        assertEquals(4, config.numPartitions());
        assertEquals(2, config.numIoThreads());
        assertEquals(List.of(dir.resolve("data")), config.logDirs());
    }

    @Test
    void propertiesLoadLikeAMap() {
        Properties properties = new Properties();
        properties.setProperty("num.partitions", "5");
        assertEquals(5, BrokerConfig.load(properties, List.of()).numPartitions());
    }

    @Test
    void everySettingIsDocumented() {
        for (ConfigKey key : BrokerConfigs.CONFIG_DEF.keys()) {
            assertFalse(key.documentation().isBlank(), key.name());
            assertTrue(key.hasDefault(), key.name() + " must have a default: a broker starts with no configuration");
        }
    }
}
