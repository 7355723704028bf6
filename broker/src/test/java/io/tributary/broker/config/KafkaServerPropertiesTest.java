package io.tributary.broker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A Kafka {@code server.properties} starts a Tributary broker (DESIGN D10). */
class KafkaServerPropertiesTest {

    /** The settings of config/server.properties in the Kafka 4.3.1 distribution: one combined KRaft node. */
    private static final String KAFKA_4_COMBINED = """
            ############################# Server Basics #############################
            process.roles=broker,controller
            node.id=1
            controller.quorum.bootstrap.servers=localhost:9093

            ############################# Socket Server Settings #############################
            listeners=PLAINTEXT://:9092,CONTROLLER://:9093
            inter.broker.listener.name=PLAINTEXT
            advertised.listeners=PLAINTEXT://localhost:9092,CONTROLLER://localhost:9093
            controller.listener.names=CONTROLLER
            listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL
            num.network.threads=3
            num.io.threads=8
            socket.send.buffer.bytes=102400
            socket.receive.buffer.bytes=102400
            socket.request.max.bytes=104857600

            ############################# Log Basics #############################
            log.dirs=/tmp/kraft-combined-logs
            num.partitions=1
            num.recovery.threads.per.data.dir=1

            ############################# Internal Topic Settings  #############################
            offsets.topic.replication.factor=1
            share.coordinator.state.topic.replication.factor=1
            share.coordinator.state.topic.min.isr=1
            transaction.state.log.replication.factor=1
            transaction.state.log.min.isr=1

            ############################# Log Flush Policy #############################
            #log.flush.interval.messages=10000
            #log.flush.interval.ms=1000

            ############################# Log Retention Policy #############################
            log.retention.hours=168
            #log.retention.bytes=1073741824
            log.segment.bytes=1073741824
            log.retention.check.interval.ms=300000
            """;

    /** The settings of config/server.properties of a ZooKeeper-era Kafka (3.x), which operators still carry. */
    private static final String KAFKA_3_ZOOKEEPER = """
            broker.id=0
            #listeners=PLAINTEXT://:9092
            num.network.threads=3
            num.io.threads=8
            socket.send.buffer.bytes=102400
            socket.receive.buffer.bytes=102400
            socket.request.max.bytes=104857600
            log.dirs=/tmp/kafka-logs
            num.partitions=1
            num.recovery.threads.per.data.dir=1
            offsets.topic.replication.factor=1
            transaction.state.log.replication.factor=1
            transaction.state.log.min.isr=1
            log.retention.hours=168
            log.retention.check.interval.ms=300000
            zookeeper.connect=localhost:2181
            zookeeper.connection.timeout.ms=18000
            group.initial.rebalance.delay.ms=0
            """;

    private static Properties properties(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }

    @Test
    void kafkasCombinedModeFileLoadsWithOnlyShareGroupSettingsUnknown() throws IOException {
        BrokerConfig config = BrokerConfig.load(properties(KAFKA_4_COMBINED), List.of());
        assertEquals(Set.of("share.coordinator.state.topic.min.isr", "share.coordinator.state.topic.replication.factor"),
                config.unknownKeys());
        assertEquals(1, config.nodeId());
        assertTrue(config.isBroker() && config.isController());
        assertEquals(List.of(new Endpoint("PLAINTEXT", "", 9092, SecurityProtocol.PLAINTEXT),
                new Endpoint("CONTROLLER", "", 9093, SecurityProtocol.PLAINTEXT)), config.listeners());
        assertEquals(List.of(new Endpoint("PLAINTEXT", "", 9092, SecurityProtocol.PLAINTEXT)), config.brokerListeners());
        assertEquals(List.of(new Endpoint("PLAINTEXT", "localhost", 9092, SecurityProtocol.PLAINTEXT)),
                config.advertisedListeners());
        assertEquals(List.of("CONTROLLER"), config.controllerListenerNames());
        assertEquals("PLAINTEXT", config.interBrokerListenerName());
        assertEquals(List.of("localhost:9093"), config.controllerQuorumBootstrapServers());
        assertEquals(List.of(Path.of("/tmp/kraft-combined-logs")), config.logDirs());
        assertEquals(168L * 3_600_000, config.logRetentionTimeMillis());
        assertEquals(1, config.numRecoveryThreadsPerDataDir());
    }

    @Test
    void aZookeeperEraFileLoadsWithTheZookeeperSettingsUnknown() throws IOException {
        BrokerConfig config = BrokerConfig.load(properties(KAFKA_3_ZOOKEEPER), List.of());
        assertEquals(Set.of("zookeeper.connect", "zookeeper.connection.timeout.ms"), config.unknownKeys());
        assertEquals(0, config.nodeId());
        assertEquals(0, config.groupInitialRebalanceDelayMs());
        assertEquals(List.of(Path.of("/tmp/kafka-logs")), config.logDirs());
    }

    @Test
    void kafkaServerStartOverridesApply() throws IOException {
        BrokerConfig config = BrokerConfig.load(properties(KAFKA_4_COMBINED),
                List.of("log.dirs=/data/kafka", "node.id=2", "controller.quorum.bootstrap.servers=c1:9093,c2:9093"));
        assertEquals(List.of(Path.of("/data/kafka")), config.logDirs());
        assertEquals(2, config.nodeId());
        assertEquals(List.of("c1:9093", "c2:9093"), config.controllerQuorumBootstrapServers());
    }
}
