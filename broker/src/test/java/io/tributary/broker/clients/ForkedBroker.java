package io.tributary.broker.clients;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * A Tributary node in a child JVM ({@code TributaryMain start}, this JVM's class path), on a fixed
 * port and data directory so it can be killed with SIGKILL and started again on the same data.
 * The child's output is appended to {@code broker.log} beside the data directory. Not thread-safe.
 */
final class ForkedBroker implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final Path logFile;
    private Process process;
    private int starts;

    ForkedBroker(Path workDir) throws IOException {
        this.dataDir = workDir.resolve("data");
        this.logFile = workDir.resolve("broker.log");
        this.port = freePort();
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Starts the node and returns once it answers DescribeCluster. */
    void start(Duration readyTimeout) throws IOException, InterruptedException {
        starts++;
        Files.writeString(logFile, "---- start " + starts + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        process = new ProcessBuilder(List.of(javaBinary(), "-Xmx512m", "-cp", classPath(),
                "io.tributary.broker.TributaryMain", "start",
                "--override", "log.dirs=" + dataDir,
                "--override", "listeners=PLAINTEXT://localhost:" + port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        awaitReady(readyTimeout);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed by the broker. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("broker process " + process.pid() + " survived SIGKILL");
        }
    }

    /** The child's output so far, for a failure message. */
    String log() {
        try {
            return Files.readString(logFile);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * Asks DescribeCluster until the node answers; each attempt is bounded, and a child that exits
     * fails at once instead of waiting out the timeout.
     */
    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200))) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("broker exited with " + process.exitValue() + " while starting:\n" + log());
                }
                try {
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000)).nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("broker not ready within " + timeout + ":\n" + log(), e);
                    }
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    /** Surefire runs tests from a manifest-only jar; it passes the real class path in this property. */
    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
