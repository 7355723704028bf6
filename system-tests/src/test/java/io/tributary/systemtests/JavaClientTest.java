package io.tributary.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.systemtests.seed.OrderConsumer;
import io.tributary.systemtests.seed.OrderProducer;
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
 * The seed's Java programs (official kafka-clients) against a broker process, each run in a JVM of
 * its own as its user runs it; what they write is read back by kcat, another client entirely.
 */
class JavaClientTest {

    @RegisterExtension
    static final BrokerExtension broker = new BrokerExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern SENT = Pattern.compile("sent to orders-(\\d+)@(\\d+)");
    private static final List<String> ORDERS = IntStream.rangeClosed(1, 3)
            .mapToObj(i -> "customer-" + i + ":{\"orderId\":" + i + ",\"amount\":" + i * 10 + "}")
            .toList();

    @BeforeAll
    static void createTheSeedsOrdersTopic() throws Exception {
        JavaClients.createOrdersTopic(broker.bootstrapServers());
    }

    /** {@code java -cp <this test's class path> mainClass bootstrapServers}. */
    private static List<String> javaCommand(Class<?> mainClass) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                mainClass.getName(), broker.bootstrapServers());
    }

    /** Runs the seed's OrderProducer; returns the offsets its "sent to orders-0@N" lines report. */
    private static List<Long> runSeedProducer() {
        CommandResult result = RunningCommand.run(javaCommand(OrderProducer.class), broker.workDir(), "", TIMEOUT)
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
    void seedProducerReportsEachOrderSentAtConsecutiveOffsets() {
        List<Long> offsets = runSeedProducer();

        assertEquals(3, offsets.size(), "sent lines: " + offsets);
        assertEquals(List.of(offsets.get(0), offsets.get(0) + 1, offsets.get(0) + 2), offsets);
    }

    @Test
    void seedProducerOrdersAreReadBackByKcat() {
        long first = runSeedProducer().get(0);

        List<String> read = new Kcat(broker.bootstrapServers(), broker.workDir()).consume("orders", 0, Long.toString(first));

        assertEquals(ORDERS, read.subList(0, Math.min(3, read.size())));
    }

    @Test
    void seedConsumerReceivesTheSeedProducersOrders() {
        try (RunningCommand running = RunningCommand.start(javaCommand(OrderConsumer.class), broker.workDir(), Map.of(), "")) {
            long first = runSeedProducer().get(0);

            String printed = running.awaitStdout(out -> out.contains("offset=" + (first + 2)), TIMEOUT);

            for (int i = 1; i <= 3; i++) {
                assertTrue(printed.contains("received key=customer-" + i
                        + " value={\"orderId\":" + i + ",\"amount\":" + i * 10 + "}"
                        + " partition=0 offset=" + (first + i - 1)), printed);
            }
        }
    }
}
