package io.tributary.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * One contestant's turn in one round: start a fresh broker, take every figure in a fixed order,
 * stop it and delete its data. A step that fails leaves its figures missing and adds a note; the
 * later steps still run.
 *
 * <p>Order: start-up time; idle memory after 5 s quiet; topics created; produce 100 B acks=1;
 * produce 1 KiB acks=all; consume the 1 KiB topic; 20,000 msg/s acks=all; end-to-end latency;
 * peak memory. Broker CPU is read before and after each of the two produces and the consume.
 */
public final class ContestantRound {
    private static final String TOPIC_STARTUP = "compare-startup";
    private static final String TOPIC_100B = "compare-100b-acks1";
    private static final String TOPIC_1K = "compare-1k-acksall";
    private static final String TOPIC_RATE = "compare-rate-1k-acksall";
    private static final String TOPIC_E2E = "compare-e2e-1k-acksall";
    private static final String PRODUCER_PERFORMANCE = "org.apache.kafka.tools.ProducerPerformance";
    private static final String CONSUMER_PERFORMANCE = "org.apache.kafka.tools.ConsumerPerformance";
    private static final String END_TO_END_LATENCY = "org.apache.kafka.tools.EndToEndLatency";
    private static final double BYTES_PER_GB = 1e9;
    private static final long IDLE_WAIT_MS = 5_000;

    private final CompareOptions options;
    private final CompareContext context;
    private final ProcStats proc;
    private final KafkaTools tools;
    private final Path dir;
    private final Map<Figure, Double> figures = new EnumMap<>(Figure.class);
    private final List<String> problems = new ArrayList<>();

    /** @param dir this round's folder for this contestant (tool output, broker log, data while running) */
    public ContestantRound(CompareOptions options, CompareContext context, Path dir) {
        this.options = options;
        this.context = context;
        this.proc = new ProcStats(context.clockTicksPerSecond());
        this.tools = new KafkaTools(context, Duration.ofSeconds(180 + Math.round(1200 * options.scale())));
        this.dir = dir;
    }

    /** What one contestant's turn produced: the figures it could take and what went wrong. */
    public record Outcome(Map<Figure, Double> figures, List<String> problems) {
    }

    public Outcome run(Contestant contestant) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path brokerLog = dir.resolve("broker.log");
        try (BrokerProcess broker = new BrokerProcess(contestant, context, dir, brokerLog)) {
            figures.put(Figure.START_TO_FIRST_PRODUCE, StartupProbe.spawnAndTimeFirstProduce(broker, TOPIC_STARTUP));
            Thread.sleep(IDLE_WAIT_MS);
            figures.put(Figure.IDLE_RSS, proc.rssMiB(broker.pid()));
            createTopics(broker.bootstrapServers());
            runThroughputSteps(broker);
            runFixedRate(broker);
            runEndToEnd(broker);
            figures.put(Figure.PEAK_RSS, proc.peakRssMiB(broker.pid()));
            if (!broker.stop()) {
                problems.add("did not exit within 60 s of SIGTERM; killed");
            }
        } catch (IOException | RuntimeException e) {
            problems.add("aborted: " + e);
        }
        noteBrokerLogErrors(brokerLog);
        return new Outcome(figures, problems);
    }

    private void runThroughputSteps(BrokerProcess broker) throws IOException, InterruptedException {
        String bootstrap = broker.bootstrapServers();
        int records100 = options.scaled(5_000_000);
        double cpu = proc.cpuSeconds(broker.pid());
        var small = tools.run(PRODUCER_PERFORMANCE, dir.resolve("produce-100b-acks1.txt"),
                "--topic", TOPIC_100B, "--num-records", Integer.toString(records100), "--record-size", "100",
                "--throughput", "-1", "--bootstrap-server", bootstrap, "--command-property", "acks=1");
        double cpuAfter = proc.cpuSeconds(broker.pid());
        producerFigures(small, Figure.PRODUCE_100B_ACKS1_RECORDS, Figure.PRODUCE_100B_ACKS1_MB,
                Figure.PRODUCE_100B_ACKS1_CPU, cpuAfter - cpu, 100);

        int records1k = options.scaled(1_000_000);
        cpu = proc.cpuSeconds(broker.pid());
        var large = tools.run(PRODUCER_PERFORMANCE, dir.resolve("produce-1k-acksall.txt"),
                "--topic", TOPIC_1K, "--num-records", Integer.toString(records1k), "--record-size", "1024",
                "--throughput", "-1", "--bootstrap-server", bootstrap, "--command-property", "acks=all");
        cpuAfter = proc.cpuSeconds(broker.pid());
        producerFigures(large, Figure.PRODUCE_1K_ACKSALL_RECORDS, Figure.PRODUCE_1K_ACKSALL_MB,
                Figure.PRODUCE_1K_ACKSALL_CPU, cpuAfter - cpu, 1024);

        cpu = proc.cpuSeconds(broker.pid());
        var consume = tools.run(CONSUMER_PERFORMANCE, dir.resolve("consume-1k.txt"),
                "--topic", TOPIC_1K, "--num-records", Integer.toString(records1k),
                "--bootstrap-server", bootstrap, "--timeout", "60000");
        cpuAfter = proc.cpuSeconds(broker.pid());
        var summary = ToolOutput.consumer(consume.output());
        if (!consume.succeeded() || summary.isEmpty()) {
            problems.add("consume: " + failure(consume));
        } else {
            figures.put(Figure.CONSUME_RECORDS, summary.get().recordsPerSec());
            figures.put(Figure.CONSUME_MB, summary.get().mbPerSec());
            figures.put(Figure.CONSUME_CPU, (cpuAfter - cpu) / (summary.get().records() * 1024.0 / BYTES_PER_GB));
            if (summary.get().records() < records1k) {
                problems.add("consume: read " + summary.get().records() + " of " + records1k + " records");
            }
        }
    }

    private void runFixedRate(BrokerProcess broker) throws IOException, InterruptedException {
        String bootstrap = broker.bootstrapServers();
        int rateRecords = options.scaled(400_000);
        var rate = tools.run(PRODUCER_PERFORMANCE, dir.resolve("fixed-rate-1k-acksall.txt"),
                "--topic", TOPIC_RATE, "--num-records", Integer.toString(rateRecords),
                "--warmup-records", Integer.toString(rateRecords / 4),
                "--record-size", "1024", "--throughput", "20000",
                "--bootstrap-server", bootstrap, "--command-property", "acks=all");
        var whole = ToolOutput.producer(rate.output());
        var steady = ToolOutput.producerSteadyState(rate.output());
        if (!rate.succeeded() || whole.isEmpty() || steady.isEmpty()) {
            problems.add("fixed rate: " + failure(rate));
            return;
        }
        figures.put(Figure.FIXED_RATE_ACHIEVED, whole.get().recordsPerSec());
        figures.put(Figure.FIXED_RATE_P50, whole.get().p50Ms());
        figures.put(Figure.FIXED_RATE_P99, whole.get().p99Ms());
        figures.put(Figure.FIXED_RATE_P999, whole.get().p999Ms());
        figures.put(Figure.FIXED_RATE_STEADY_P50, steady.get().p50Ms());
        figures.put(Figure.FIXED_RATE_STEADY_P99, steady.get().p99Ms());
        figures.put(Figure.FIXED_RATE_STEADY_P999, steady.get().p999Ms());
    }

    private void runEndToEnd(BrokerProcess broker) throws IOException, InterruptedException {
        String bootstrap = broker.bootstrapServers();

        var e2e = tools.run(END_TO_END_LATENCY, dir.resolve("end-to-end-1k-acksall.txt"),
                "--bootstrap-server", bootstrap, "--topic", TOPIC_E2E,
                "--num-records", Integer.toString(options.scaled(10_000)),
                "--producer-acks", "all", "--record-size", "1024");
        var e2eSummary = ToolOutput.endToEnd(e2e.output());
        if (!e2e.succeeded() || e2eSummary.isEmpty()) {
            problems.add("end-to-end: " + failure(e2e));
        } else {
            figures.put(Figure.END_TO_END_MEAN, e2eSummary.get().meanMs());
            figures.put(Figure.END_TO_END_P50, e2eSummary.get().p50Ms());
            figures.put(Figure.END_TO_END_P99, e2eSummary.get().p99Ms());
            figures.put(Figure.END_TO_END_P999, e2eSummary.get().p999Ms());
        }
    }

    private void producerFigures(KafkaTools.ToolRun run, Figure recordsPerSec, Figure mbPerSec, Figure cpuPerGb,
                                 double cpuSeconds, int recordSize) {
        var summary = ToolOutput.producer(run.output());
        if (!run.succeeded() || summary.isEmpty()) {
            problems.add(recordsPerSec.label() + ": " + failure(run));
            return;
        }
        figures.put(recordsPerSec, summary.get().recordsPerSec());
        figures.put(mbPerSec, summary.get().mbPerSec());
        figures.put(cpuPerGb, cpuSeconds / (summary.get().records() * (double) recordSize / BYTES_PER_GB));
    }

    private static String failure(KafkaTools.ToolRun run) {
        return run.succeeded() ? run.tool() + ": no summary in its output" : run.describeFailure();
    }

    private void createTopics(String bootstrap) throws IOException, InterruptedException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : List.of(TOPIC_100B, TOPIC_1K, TOPIC_RATE, TOPIC_E2E)) {
                topics.add(new NewTopic(name, 1, (short) 1));
            }
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            problems.add("create topics: " + e);
        }
    }

    /** Notes ERROR lines in the broker's log (Kafka's and Tributary's layouts both put the level in a word). */
    private void noteBrokerLogErrors(Path brokerLog) throws IOException {
        if (!Files.exists(brokerLog)) {
            return;
        }
        List<String> errors = Files.readAllLines(brokerLog).stream()
                .filter(line -> line.contains(" ERROR ")).toList();
        if (!errors.isEmpty()) {
            problems.add("broker log: " + errors.size() + " ERROR line(s), first: " + errors.get(0).strip());
        }
    }
}
