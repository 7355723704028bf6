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

/**
 * kafkajs (pure JavaScript: its own protocol codec and batch encoder) against a broker process.
 * kafkajs has no consumer without a group, so what it produces is read back by kcat or the Java
 * client.
 */
class KafkajsTest {

    @RegisterExtension
    static final BrokerExtension broker = new BrokerExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The seed's three orders as JSON.stringify writes them, in kcat's key:value form. */
    private static final List<String> ORDERS = IntStream.rangeClosed(1, 3)
            .mapToObj(i -> "customer-" + i + ":{\"orderId\":" + i + ",\"amount\":" + i * 10 + "}")
            .toList();

    @BeforeAll
    static void createTheSeedsOrdersTopic() throws Exception {
        JavaClients.createOrdersTopic(broker.bootstrapServers());
    }

    /**
     * Runs a program with node. Programs live under this module (target/), so that node resolves
     * {@code import "kafkajs"} from the module's node_modules.
     */
    private static CommandResult node(Path program, String... args) {
        List<String> command = new ArrayList<>(List.of("node", program.toString()));
        command.addAll(List.of(args));
        return RunningCommand.run(command, SystemTestSettings.moduleDir(), "", TIMEOUT);
    }

    /** Runs the seed's producer.mjs; returns the base offset of the batch its "sent:" line reports. */
    private static long runSeedProducer() {
        CommandResult result = node(SeedPrograms.write("producer.mjs", broker.bootstrapServers(), broker.workDir()))
                .assertSuccess();
        String out = result.stdout();
        assertTrue(out.lines().anyMatch(line -> line.startsWith("sent:")), result.toString());
        assertTrue(out.contains("topicName: 'orders'"), result.toString());
        assertTrue(out.contains("partition: 0"), result.toString());
        assertTrue(out.contains("errorCode: 0"), result.toString());
        Matcher baseOffset = Pattern.compile("baseOffset: '(\\d+)'").matcher(out);
        assertTrue(baseOffset.find(), result.toString());
        return Long.parseLong(baseOffset.group(1));
    }

    private static Kcat kcat() {
        return new Kcat(broker.bootstrapServers(), broker.workDir());
    }

    @Test
    void seedProducerReportsItsBatchSentWithoutError() {
        long baseOffset = runSeedProducer();

        assertTrue(baseOffset >= 0, "base offset " + baseOffset);
    }

    @Test
    void seedProducerOrdersAreReadBackByKcat() {
        long baseOffset = runSeedProducer();

        List<String> read = kcat().consume("orders", 0, Long.toString(baseOffset));

        assertEquals(ORDERS, read.subList(0, Math.min(3, read.size())));
    }

    /** Produces 100 keyed messages in one kafkajs send; returns them as key:value lines. */
    private static List<String> produceWithKafkajs(String topic, String compression, String mode) {
        int count = 100;
        CommandResult result = node(SeedPrograms.clientProgram("kafkajs_producer.mjs"),
                broker.bootstrapServers(), topic, Integer.toString(count), compression, mode).assertSuccess();
        assertEquals(List.of("sent 0 0 0"), result.stdoutLines(), "partition, base offset, error code\n" + result);
        return IntStream.range(0, count).mapToObj(i -> "key-" + i + ":value-" + i).toList();
    }

    @Test
    void gzipBatchIsStoredCompressed() throws Exception {
        produceWithKafkajs("kafkajs-gzip-stored", "gzip", "plain");

        assertEquals(List.of("gzip"), StoredBatches.codecs(broker.dataDir().resolve("kafkajs-gzip-stored-0")));
    }

    @Test
    void gzipBatchIsReadBackByTheJavaClient() {
        List<String> sent = produceWithKafkajs("kafkajs-gzip", "gzip", "plain");

        assertEquals(sent, JavaClients.readKeyedLines(broker.bootstrapServers(), "kafkajs-gzip", 0, 0, sent.size()));
    }

    @Test
    void idempotentProducerBatchIsReadBackByTheJavaClient() {
        List<String> sent = produceWithKafkajs("kafkajs-idempotent", "none", "idempotent");

        assertEquals(sent, JavaClients.readKeyedLines(broker.bootstrapServers(), "kafkajs-idempotent", 0, 0, sent.size()));
    }

    @Test
    void seedConsumerReceivesTheSeedProducersOrders() {
        Path consumer = SeedPrograms.write("consumer.mjs", broker.bootstrapServers(), broker.workDir());
        try (RunningCommand running = RunningCommand.start(
                List.of("node", consumer.toString()), SystemTestSettings.moduleDir(), Map.of(), "")) {
            long first = runSeedProducer();

            String printed = running.awaitStdout(out -> out.contains("offset=" + (first + 2)), TIMEOUT);

            for (int i = 1; i <= 3; i++) {
                assertTrue(printed.contains("received key=customer-" + i
                        + " value={\"orderId\":" + i + ",\"amount\":" + i * 10 + "}"
                        + " partition=0 offset=" + (first + i - 1)), printed);
            }
        }
    }

    @Test
    void groupConsumerRestartedResumesAtTheGroupsCommittedOffsets() throws Exception {
        JavaClients.createTopic(broker.bootstrapServers(), "kafkajs-group", 3);
        List<String> sent = GroupConsumerRuns.keyedLines("kafkajs", 30);
        kcat().produce("kafkajs-group", sent, "none");
        Path consumer = SeedPrograms.clientProgram("kafkajs_group_consumer.mjs");

        List<String> firstRun = node(consumer, broker.bootstrapServers(), "kafkajs-group", "kafkajs-group-g", "20", "60")
                .assertSuccess().stdoutLines();
        List<String> secondRun = node(consumer, broker.bootstrapServers(), "kafkajs-group", "kafkajs-group-g", "10", "60")
                .assertSuccess().stdoutLines();

        GroupConsumerRuns.assertEveryMessageReadOnce(sent, firstRun, secondRun);
    }
}
