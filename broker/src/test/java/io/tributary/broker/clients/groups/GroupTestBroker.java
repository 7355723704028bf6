package io.tributary.broker.clients.groups;

import io.tributary.broker.Tributary;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The node a group test talks to: an embedded Tributary whose group timings are shortened so that
 * rebalances and session expiries take seconds, not the minute Kafka's defaults would.
 *
 * <p>For checking a test itself against Apache Kafka while developing it, {@code
 * -Dgroups.test.bootstrap=host:port} points the tests that do not restart their node at an
 * already running broker configured with {@link #FAST_GROUPS} (the tests use unique topic and group
 * names, so they can share it). The suite never sets it.
 */
final class GroupTestBroker implements AutoCloseable {

    /** Broker settings every group test runs with; the same keys and meanings as in Kafka. */
    static final Map<String, String> FAST_GROUPS = fastGroups();

    private static final String EXTERNAL_BOOTSTRAP = System.getProperty("groups.test.bootstrap");

    private final Path dataDir;
    private Tributary node;

    private GroupTestBroker(Path dataDir) {
        this.dataDir = dataDir;
    }

    static GroupTestBroker start(Path dataDir) {
        GroupTestBroker broker = new GroupTestBroker(dataDir);
        if (EXTERNAL_BOOTSTRAP == null) {
            broker.node = embedded(dataDir);
        }
        return broker;
    }

    String bootstrapServers() {
        return node == null ? EXTERNAL_BOOTSTRAP : node.bootstrapServers();
    }

    /** A clean shutdown and a start on the same data directory; the port changes. */
    void restart() {
        if (node == null) {
            throw new IllegalStateException("an external broker (groups.test.bootstrap) cannot be restarted by a test");
        }
        node.close();
        node = embedded(dataDir);
    }

    @Override
    public void close() {
        if (node != null) {
            node.close();
        }
    }

    private static Tributary embedded(Path dataDir) {
        Tributary.Builder builder = Tributary.builder().dataDir(dataDir);
        FAST_GROUPS.forEach(builder::config);
        return builder.start();
    }

    private static Map<String, String> fastGroups() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("group.initial.rebalance.delay.ms", "0");
        // Classic members ask for their own session timeout; the broker's floor is lowered so a
        // test may ask for a few seconds.
        config.put("group.min.session.timeout.ms", "1000");
        // Consumer-protocol (KIP-848) members get theirs from the broker.
        config.put("group.consumer.min.session.timeout.ms", "1000");
        config.put("group.consumer.session.timeout.ms", "6000");
        config.put("group.consumer.min.heartbeat.interval.ms", "100");
        config.put("group.consumer.heartbeat.interval.ms", "500");
        // Fewer coordinator shards than Kafka's 50 make __consumer_offsets quick to create, and
        // still spread a test's groups over several shards.
        config.put("offsets.topic.num.partitions", "5");
        return Map.copyOf(config);
    }
}
