package io.tributary.broker.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tributary.broker.Tributary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * Kafka's own {@code kafka-topics.sh} ({@code org.apache.kafka.tools.TopicCommand}, Apache Kafka
 * 4.3.1) against an embedded node, run as a child process with Kafka's jars from
 * {@code shared/tools/apache-kafka.sh lib} (kafka-tools is no dependency of this module). Each test
 * runs one command and checks its output and, with the Java Admin client, its effect. Skipped
 * where the jars cannot be had.
 */
class KafkaTopicCommandTest {

    private static final long COMMAND_TIMEOUT_SECONDS = 120;
    private static Path kafkaLib;
    private static Path log4jConfig;

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

    @BeforeAll
    static void findKafkaJars() throws Exception {
        Path script = findUpwards(Path.of("shared", "tools", "apache-kafka.sh"));
        assumeTrue(script != null, "shared/tools/apache-kafka.sh not found above " + Path.of("").toAbsolutePath());
        Output lib;
        try {
            lib = run(List.of("bash", script.toString(), "lib"), 300);
        } catch (AssertionError e) {
            throw new TestAbortedException("apache-kafka.sh lib did not finish: " + e.getMessage());
        }
        assumeTrue(lib.exitCode() == 0, "apache-kafka.sh lib failed: " + lib.text());
        kafkaLib = Path.of(lib.lines().get(lib.lines().size() - 1).strip());
        assumeTrue(hasToolsJar(kafkaLib), "no kafka-tools jar in " + kafkaLib);
        log4jConfig = script.resolveSibling("apache-kafka").resolve("log4j2.yaml");
    }

    @BeforeEach
    void start() {
        broker = Tributary.builder().dataDir(dataDir).start();
        admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()));
    }

    @AfterEach
    void stop() {
        admin.close();
        broker.close();
    }

    @Test
    void createMakesATopicWithThePartitionsAsked() throws Exception {
        Output out = topicCommand("--create", "--topic", "orders", "--partitions", "3", "--replication-factor", "1");

        assertEquals(0, out.exitCode(), out.text());
        assertEquals(List.of("Created topic orders."), out.lines());
        assertEquals(3, partitionCount("orders"));
    }

    @Test
    void listPrintsEveryTopicName() throws Exception {
        create("orders", 3);
        create("payments", 1);

        Output out = topicCommand("--list");

        assertEquals(0, out.exitCode(), out.text());
        assertEquals(Set.of("orders", "payments"), Set.copyOf(out.lines()));
    }

    @Test
    void describePrintsThePartitionsLeadersIsrAndTheTopicsConfigs() throws Exception {
        admin.createTopics(List.of(new NewTopic("orders", 3, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                .all().get(30, TimeUnit.SECONDS);

        Output out = topicCommand("--describe", "--topic", "orders");

        assertEquals(0, out.exitCode(), out.text());
        List<String> lines = out.lines();
        assertEquals(4, lines.size(), out.text());
        String topic = "Topic: orders\\s+TopicId: \\S+\\s+PartitionCount: 3\\s+ReplicationFactor: 1"
                + "\\s+Configs:.*\\bcleanup.policy=compact\\b.*";
        assertTrue(lines.get(0).matches(topic), lines.get(0));
        for (int p = 0; p < 3; p++) {
            String partition = "\\s*Topic: orders\\s+Partition: " + p + "\\s+Leader: 1\\s+Replicas: 1\\s+Isr: 1\\b.*";
            assertTrue(lines.get(p + 1).matches(partition), lines.get(p + 1));
        }
    }

    @Test
    void alterRaisesThePartitionCount() throws Exception {
        create("orders", 3);

        Output out = topicCommand("--alter", "--topic", "orders", "--partitions", "5");

        assertEquals(0, out.exitCode(), out.text());
        assertEquals(5, partitionCount("orders"));
    }

    @Test
    void deleteRemovesTheTopic() throws Exception {
        create("orders", 3);
        create("payments", 1);

        Output out = topicCommand("--delete", "--topic", "orders");

        assertEquals(0, out.exitCode(), out.text());
        assertEquals(Set.of("payments"), admin.listTopics().names().get(30, TimeUnit.SECONDS));
    }

    private Output topicCommand(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-cp", kafkaLib.resolve("*").toString()));
        if (Files.exists(log4jConfig)) {
            command.add("-Dlog4j2.configurationFile=" + log4jConfig);
        }
        command.add("org.apache.kafka.tools.TopicCommand");
        command.addAll(List.of("--bootstrap-server", broker.bootstrapServers()));
        command.addAll(Arrays.asList(args));
        return run(command, COMMAND_TIMEOUT_SECONDS);
    }

    /** Runs a command to completion; output goes through a file, so a silent hang still times out. */
    private static Output run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path output = Files.createTempFile("command", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " still running after " + timeoutSeconds + " s: "
                        + Files.readString(output));
            }
            return new Output(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private void create(String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }

    private int partitionCount(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code relative} resolved against the working directory or the nearest ancestor that has it. */
    private static Path findUpwards(Path relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        return null;
    }

    private static boolean hasToolsJar(Path lib) throws IOException {
        if (!Files.isDirectory(lib)) {
            return false;
        }
        try (var files = Files.list(lib)) {
            return files.map(f -> f.getFileName().toString())
                    .anyMatch(name -> name.startsWith("kafka-tools-") && name.endsWith(".jar"));
        }
    }
}
