package io.tributary.broker.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * Kafka's own {@code kafka-topics.sh} ({@code org.apache.kafka.tools.TopicCommand}, Apache Kafka
 * 4.3.1, a test dependency) against an embedded node, run as a child process on this test's class
 * path. Each test runs one command and checks its output and, with the Java Admin client, its effect.
 */
class KafkaTopicCommandTest {

    private static final long COMMAND_TIMEOUT_SECONDS = 120;
    private static String classPath;
    private static Path loggingConfig;

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

    /** Kafka's tools are a test dependency of this module: the child runs them from this test's class path. */
    @BeforeAll
    static void findKafkaTools() throws Exception {
        Class.forName("org.apache.kafka.tools.TopicCommand");
        classPath = System.getProperty("java.class.path");
        loggingConfig = Path.of(KafkaTopicCommandTest.class.getResource("/logback-silent.xml").toURI());
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
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-cp", classPath));
        if (Files.exists(loggingConfig)) {
            command.add("-Dlogback.configurationFile=" + loggingConfig);
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

}
