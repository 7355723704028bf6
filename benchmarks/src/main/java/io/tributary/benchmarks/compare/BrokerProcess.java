package io.tributary.benchmarks.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One single-node broker (broker and controller in one process) on loopback, started fresh with
 * its data in a new folder, for one contestant in one round.
 *
 * <p>Both brokers get the JVM flags of Kafka's start scripts and the same settings: one partition
 * per topic, replication factor 1 for the internal topics, no initial rebalance delay. Kafka's data
 * folder is formatted in the constructor (not timed); Tributary formats its own as it starts, so
 * that is inside the start-up time. Output goes to {@code broker.log} in the round's folder.
 */
public final class BrokerProcess implements AutoCloseable {
    /** kafka-server-start.sh's KAFKA_HEAP_OPTS and KAFKA_JVM_PERFORMANCE_OPTS, for both brokers. */
    public static final List<String> JVM_FLAGS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35",
            "-XX:+ExplicitGCInvokesConcurrent", "-Djava.awt.headless=true");

    /** Any fixed id: every Kafka data folder is formatted anew. */
    private static final String KAFKA_CLUSTER_ID = "MkU3OEVBNTcwNTJENDM2Qk";

    private final Contestant contestant;
    private final CompareContext context;
    private final Path dataDir;
    private final Path logFile;
    private final int port;
    private final List<String> command;
    private Process process;

    /** Picks free ports and writes (for Kafka: and formats) the configuration; does not start anything. */
    public BrokerProcess(Contestant contestant, CompareContext context, Path workDir, Path logFile)
            throws IOException, InterruptedException {
        this.contestant = contestant;
        this.context = context;
        this.dataDir = workDir.resolve("data");
        this.logFile = logFile;
        this.port = freePort();
        Files.createDirectories(workDir);
        this.command = contestant == Contestant.KAFKA ? prepareKafka(workDir) : tributaryCommand();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Contestant contestant() {
        return contestant;
    }

    /** Starts the process; returns {@link System#nanoTime()} just before it was spawned. */
    public long spawn() throws IOException {
        long startNs = System.nanoTime();
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        ChildProcesses.register(process);
        return startNs;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /**
     * SIGTERM (a clean shutdown for both brokers), then SIGKILL after 60 s.
     *
     * @return true if the broker exited by itself within the 60 s
     */
    public boolean stop() throws InterruptedException {
        if (process == null) {
            return true;
        }
        try {
            process.destroy();
            if (process.waitFor(60, TimeUnit.SECONDS)) {
                return true;
            }
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            return false;
        } finally {
            ChildProcesses.unregister(process);
        }
    }

    /** Stops the broker if still running (killing it if interrupted meanwhile) and deletes its data. */
    @Override
    public void close() throws IOException {
        if (isAlive()) {
            try {
                stop();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        deleteRecursively(dataDir);
    }

    private List<String> tributaryCommand() {
        List<String> cmd = new ArrayList<>(List.of("java"));
        cmd.addAll(JVM_FLAGS);
        cmd.addAll(List.of("-jar", context.tributaryJar().toAbsolutePath().toString(), "start"));
        List<String> overrides = new ArrayList<>(List.of(
                "listeners=PLAINTEXT://" + bootstrapServers(),
                "log.dir=" + dataDir.toAbsolutePath()));
        overrides.addAll(commonSettings());
        if (contestant == Contestant.TRIBUTARY_PAGECACHE) {
            overrides.add("log.flush.on.acks.all=false");
        }
        for (String o : overrides) {
            cmd.add("--override");
            cmd.add(o);
        }
        return cmd;
    }

    private List<String> prepareKafka(Path workDir) throws IOException, InterruptedException {
        int controllerPort = freePort();
        List<String> settings = new ArrayList<>(List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://" + bootstrapServers() + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://" + bootstrapServers(),
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dataDir.toAbsolutePath()));
        settings.addAll(commonSettings());
        Path properties = workDir.resolve("server.properties");
        Files.write(properties, settings);
        String log4j = "-Dlog4j2.configurationFile=" + context.kafkaLog4j().toAbsolutePath();
        Process format = new ProcessBuilder("java", log4j, "-cp", context.kafkaClassPath(),
                "kafka.tools.StorageTool", "format", "-t", KAFKA_CLUSTER_ID, "-c", properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        ChildProcesses.register(format);
        try {
            if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IOException("kafka-storage format failed; see " + logFile);
            }
        } finally {
            ChildProcesses.unregister(format);
        }
        List<String> cmd = new ArrayList<>(List.of("java"));
        cmd.addAll(JVM_FLAGS);
        cmd.addAll(List.of(log4j, "-cp", context.kafkaClassPath(), "kafka.Kafka", properties.toString()));
        return cmd;
    }

    /** Settings both brokers get, in Kafka's names. */
    private static List<String> commonSettings() {
        return List.of(
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
