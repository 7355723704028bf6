package io.tributary.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Python's confluent_kafka (Debian's python3-confluent-kafka, on librdkafka) against a broker process. */
class ConfluentKafkaPythonTest {

    @RegisterExtension
    static final BrokerExtension broker = new BrokerExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern SENT = Pattern.compile("sent to orders-(\\d+)@(\\d+)");
    /** The seed's three orders as json.dumps writes them. */
    private static final List<String> ORDERS = IntStream.rangeClosed(1, 3)
            .mapToObj(i -> "customer-" + i + " {\"orderId\": " + i + ", \"amount\": " + i * 10 + "}")
            .toList();

    @BeforeAll
    static void createTheSeedsOrdersTopic() throws Exception {
        JavaClients.createOrdersTopic(broker.bootstrapServers());
    }

    private static CommandResult python(Path script, String... args) {
        List<String> command = new ArrayList<>(List.of(SystemTestSettings.python(), script.toString()));
        command.addAll(List.of(args));
        return RunningCommand.run(command, broker.workDir(), "", TIMEOUT);
    }

    private static List<Long> runSeedProducer() {
        CommandResult result = python(SeedPrograms.write("producer.py", broker.bootstrapServers(), broker.workDir()))
                .assertSuccess();
        List<Long> offsets = new ArrayList<>();
        for (String line : result.stdoutLines()) {
            Matcher m = SENT.matcher(line);
            assertTrue(m.matches(), "unexpected output line '" + line + "'\n" + result);
            assertEquals("0", m.group(1), "partition of the one-partition topic orders\n" + result);
            offsets.add(Long.parseLong(m.group(2)));
        }
        return offsets;
    }

    @Test
    void seedProducerReportsEachOrderDeliveredAtConsecutiveOffsets() {
        List<Long> offsets = runSeedProducer();

        assertEquals(3, offsets.size(), "delivery reports: " + offsets);
        assertEquals(List.of(offsets.get(0), offsets.get(0) + 1, offsets.get(0) + 2), offsets);
    }

    @Test
    void seedProducerOrdersAreReadBackByAGroupLessConsumer() {
        long first = runSeedProducer().get(0);

        CommandResult read = python(SeedPrograms.clientProgram("assign_consumer.py"),
                broker.bootstrapServers(), "orders", "0", Long.toString(first), "3", "30").assertSuccess();

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            expected.add("0 " + (first + i) + " " + ORDERS.get(i));
        }
        assertEquals(expected, read.stdoutLines());
    }

    @Test
    void idempotentProducerDeliversEveryMessageOnceInOrder() {
        int count = 200;

        CommandResult result = python(SeedPrograms.clientProgram("idempotent_producer.py"),
                broker.bootstrapServers(), "python-idempotent", Integer.toString(count)).assertSuccess();

        List<String> reports = IntStream.range(0, count).mapToObj(i -> "sent 0 " + i + " key-" + i).toList();
        assertEquals(reports, result.stdoutLines());
        List<String> stored = IntStream.range(0, count).mapToObj(i -> "key-" + i + ":value-" + i).toList();
        assertEquals(stored, JavaClients.readKeyedLines(broker.bootstrapServers(), "python-idempotent", 0, 0, count));
    }

    @Test
    void seedConsumerReceivesTheSeedProducersOrders() {
        Path consumer = SeedPrograms.write("consumer.py", broker.bootstrapServers(), broker.workDir());
        try (RunningCommand running = RunningCommand.start(
                List.of(SystemTestSettings.python(), "-u", consumer.toString()), broker.workDir(), Map.of(), "")) {
            long first = runSeedProducer().get(0);

            String printed = running.awaitStdout(out -> out.contains("offset=" + (first + 2)), TIMEOUT);

            for (int i = 1; i <= 3; i++) {
                assertTrue(printed.contains("received key=customer-" + i
                        + " value={\"orderId\": " + i + ", \"amount\": " + i * 10 + "}"
                        + " partition=0 offset=" + (first + i - 1)), printed);
            }
        }
    }

    @Test
    void groupConsumerRestartedResumesAtTheGroupsCommittedOffsets() throws Exception {
        JavaClients.createTopic(broker.bootstrapServers(), "python-group", 3);
        List<String> sent = GroupConsumerRuns.keyedLines("python", 30);
        new Kcat(broker.bootstrapServers(), broker.workDir()).produce("python-group", sent, "none");
        Path consumer = SeedPrograms.clientProgram("group_consumer.py");

        List<String> firstRun = python(consumer, broker.bootstrapServers(), "python-group", "python-group-g", "20", "60")
                .assertSuccess().stdoutLines();
        List<String> secondRun = python(consumer, broker.bootstrapServers(), "python-group", "python-group-g", "10", "60")
                .assertSuccess().stdoutLines();

        GroupConsumerRuns.assertEveryMessageReadOnce(sent, firstRun, secondRun);
    }
}
