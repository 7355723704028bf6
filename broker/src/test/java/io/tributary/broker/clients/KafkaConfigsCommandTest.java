package io.tributary.broker.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.broker.Tributary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka's own {@code kafka-configs.sh} ({@code kafka.admin.ConfigCommand} of Apache Kafka 4.3.1's
 * core jar, a test dependency) against an embedded node, run in a child JVM on this test's class
 * path. Each test runs one or two commands and checks what they printed and, through the Admin
 * client, what they did. The expected lines are those Kafka 4.3.1 prints against its own broker.
 */
class KafkaConfigsCommandTest {

    private static final String COMMAND = "kafka.admin.ConfigCommand";
    private static final long COMMAND_TIMEOUT_SECONDS = 120;
    private static final String TOPIC = "orders";

    @TempDir
    Path dataDir;
    private Tributary broker;
    private Admin admin;

    /** Command output: exit code and what it printed on stdout and stderr together. */
    private record Output(int exitCode, String text) {

        List<String> lines() {
            return text.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    @BeforeEach
    void start() throws Exception {
        broker = Tributary.builder().dataDir(dataDir).config("node.id", "1").start();
        admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()));
        admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        admin.close();
        broker.close();
    }

    @Test
    void addConfigSetsTopicConfigs() throws Exception {
        Output out = configs("--alter", "--entity-type", "topics", "--entity-name", TOPIC,
                "--add-config", "retention.ms=5000,cleanup.policy=[compact,delete]");

        assertEquals(0, out.exitCode(), out.text());
        assertTrue(out.lines().contains("Completed updating config for topic " + TOPIC + "."), out.text());
        assertEquals("5000", topicConfig("retention.ms").value());
        assertEquals("compact,delete", topicConfig("cleanup.policy").value());
    }

    @Test
    void describePrintsTheTopicsDynamicConfigsWithTheirSynonyms() throws Exception {
        configs("--alter", "--entity-type", "topics", "--entity-name", TOPIC, "--add-config", "retention.ms=5000");

        Output out = configs("--describe", "--entity-type", "topics", "--entity-name", TOPIC);

        assertEquals(0, out.exitCode(), out.text());
        assertEquals(List.of("Dynamic configs for topic " + TOPIC + " are:",
                "  retention.ms=5000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=5000}"), configLines(out));
    }

    @Test
    void deleteConfigRemovesTheOverride() throws Exception {
        configs("--alter", "--entity-type", "topics", "--entity-name", TOPIC, "--add-config", "retention.ms=5000");

        Output out = configs("--alter", "--entity-type", "topics", "--entity-name", TOPIC, "--delete-config", "retention.ms");

        assertEquals(0, out.exitCode(), out.text());
        ConfigEntry retention = topicConfig("retention.ms");
        assertEquals(ConfigSource.DEFAULT_CONFIG, retention.source());
        assertEquals("604800000", retention.value());
    }

    @Test
    void entityDefaultSetsTheClusterWideBrokerDefaultThatTopicsFollow() throws Exception {
        Output out = configs("--alter", "--entity-type", "brokers", "--entity-default", "--add-config", "log.retention.ms=7200000");

        assertEquals(0, out.exitCode(), out.text());
        assertTrue(out.lines().contains("Completed updating default config for brokers in the cluster."), out.text());
        ConfigEntry retention = topicConfig("retention.ms");
        assertEquals("7200000", retention.value());
        assertEquals(ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG, retention.source());

        Output described = configs("--describe", "--entity-type", "brokers", "--entity-default");
        assertEquals(List.of("Default configs for brokers in the cluster are:",
                "  log.retention.ms=7200000 sensitive=false synonyms={DYNAMIC_DEFAULT_BROKER_CONFIG:log.retention.ms=7200000}"),
                configLines(described));
    }

    @Test
    void aReadOnlyBrokerConfigIsRefusedWithKafkasMessage() throws Exception {
        Output out = configs("--alter", "--entity-type", "brokers", "--entity-name", "1", "--add-config", "log.dirs=/elsewhere");

        assertNotEquals(0, out.exitCode(), out.text());
        assertTrue(out.text().contains("InvalidRequestException: Cannot update these configs dynamically: [log.dirs]"), out.text());
    }

    // ---- helpers

    private ConfigEntry topicConfig(String name) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
        return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource).get(name);
    }

    /** The lines a describe prints about configs, without any logging that may come before. */
    private static List<String> configLines(Output out) {
        return out.lines().stream().filter(l -> l.contains(" configs for ") || l.startsWith("  ")).toList();
    }

    private Output configs(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-cp", classPath(),
                "-Dlog4j2.statusLoggerLevel=OFF"));
        var silent = KafkaConfigsCommandTest.class.getResource("/logback-silent.xml");
        if (silent != null) {
            command.add("-Dlogback.configurationFile=" + silent.getPath());
        }
        command.add(COMMAND);
        command.addAll(List.of("--bootstrap-server", broker.bootstrapServers()));
        command.addAll(Arrays.asList(args));
        Path output = Files.createTempFile("kafka-configs", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", args) + " still running after " + COMMAND_TIMEOUT_SECONDS + " s: "
                        + Files.readString(output));
            }
            return new Output(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Surefire runs tests from a manifest-only jar; it passes the real class path in this property. */
    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static {
        // Fails fast, with a clear message, if the core jar is not on the test class path.
        try {
            Class.forName(COMMAND);
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError("kafka_2.13 (Kafka's ConfigCommand) is not on the test class path");
        }
    }
}
