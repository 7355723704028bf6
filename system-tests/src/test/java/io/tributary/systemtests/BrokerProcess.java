package io.tributary.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One Tributary node in a process of its own, started from the broker's shaded jar as
 * {@code bin/tributary start} starts it: {@code java -jar tributary.jar start --override
 * listeners=PLAINTEXT://localhost:PORT --override log.dirs=DIR}. Its stdout and stderr go to
 * {@code broker.log} beside the data directory, kept after the run for diagnosis.
 *
 * <p>{@link #start} returns once the broker answers a Kafka request (the Admin client's
 * DescribeCluster), and fails with the tail of the broker's log when the process exits first or
 * is not ready within {@link #READY_TIMEOUT}. A port taken between choosing it and the broker
 * binding it is retried with another port.
 *
 * <p>Thread safety: none; owned by the test class that started it.
 */
final class BrokerProcess implements AutoCloseable {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final int BIND_ATTEMPTS = 3;

    private final Process process;
    private final Thread killOnExit;
    private final int port;
    private final Path dataDir;
    private final Path logFile;

    private BrokerProcess(Process process, int port, Path dataDir, Path logFile) {
        this.process = process;
        // A test JVM that dies without running afterAll must not leave a broker behind.
        this.killOnExit = new Thread(process::destroyForcibly, "kill-broker-" + port);
        Runtime.getRuntime().addShutdownHook(killOnExit);
        this.port = port;
        this.dataDir = dataDir;
        this.logFile = logFile;
    }

    /**
     * Starts a broker with its data in {@code dir/data} (emptied first) and its output in
     * {@code dir/broker.log}; {@code overrides} are further {@code key=value} settings.
     */
    static BrokerProcess start(Path dir, List<String> overrides) {
        for (int attempt = 1; ; attempt++) {
            BrokerProcess broker = launch(dir, freePort(), overrides);
            try {
                broker.awaitReady();
                return broker;
            } catch (BrokerExitedException e) {
                if (attempt == BIND_ATTEMPTS || !e.getMessage().contains("Address already in use")) {
                    throw e;
                }
            }
        }
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    Path dataDir() {
        return dataDir;
    }

    Path logFile() {
        return logFile;
    }

    /** Stops the broker as Ctrl-C would (SIGTERM, shutdown hook), and kills it when that hangs. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook kills the broker.
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                throw new AssertionError("broker did not stop within " + STOP_TIMEOUT + " of SIGTERM; killed. "
                        + logTail());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of the broker's output, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return "Last lines of " + logFile + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    private static BrokerProcess launch(Path dir, int port, List<String> overrides) {
        Path dataDir = dir.resolve("data");
        Path logFile = dir.resolve("broker.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar", SystemTestSettings.brokerJar().toString(),
                "start",
                "--override", "listeners=PLAINTEXT://localhost:" + port,
                "--override", "log.dirs=" + dataDir));
        overrides.forEach(o -> command.addAll(List.of("--override", o)));
        try {
            deleteRecursively(dataDir);
            Files.createDirectories(dir);
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            return new BrokerProcess(process, port, dataDir, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
    }

    private void awaitReady() {
        long deadlineNs = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!acceptsConnections()) {
            if (!process.isAlive()) {
                throw new BrokerExitedException("broker exited with code " + process.exitValue()
                        + " before listening on port " + port + ". " + logTail());
            }
            if (System.nanoTime() > deadlineNs) {
                close();
                throw new AssertionError("broker not listening on port " + port + " after " + READY_TIMEOUT + ". " + logTail());
            }
            pauseUnlessExited(50);
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            close();
            throw new AssertionError("broker on port " + port + " accepts connections but does not answer"
                    + " DescribeCluster: " + e + ". " + logTail(), e);
        }
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits for the child to exit or the interval to pass; the JVM offers no "port bound" event. */
    private void pauseUnlessExited(long ms) {
        try {
            process.waitFor(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while starting the broker", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on localhost", e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The broker process ended while starting; its message holds the broker's last log lines. */
    private static final class BrokerExitedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BrokerExitedException(String message) {
            super(message);
        }
    }
}
