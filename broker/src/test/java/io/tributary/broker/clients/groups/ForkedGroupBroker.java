package io.tributary.broker.clients.groups;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * A Tributary node in a child JVM ({@code TributaryMain start}) with the group timings of
 * {@link GroupTestBroker#FAST_GROUPS}, on a fixed port and data directory, so a test can kill it
 * with SIGKILL and start it again on the same data and address. Output goes to {@code broker.log}
 * in the work directory. Not thread-safe.
 */
final class ForkedGroupBroker implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final Path logFile;
    private final int port;
    private Process process;

    ForkedGroupBroker(Path workDir) throws IOException {
        this.dataDir = workDir.resolve("data");
        this.logFile = workDir.resolve("broker.log");
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = socket.getLocalPort();
        }
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Starts the node and returns once it answers DescribeCluster. */
    void start() throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("start",
                "--override", "log.dirs=" + dataDir,
                "--override", "listeners=PLAINTEXT://localhost:" + port));
        GroupTestBroker.FAST_GROUPS.forEach((key, value) -> args.addAll(List.of("--override", key + "=" + value)));
        process = ChildJvm.start(logFile, "io.tributary.broker.TributaryMain", List.of("-Xmx512m"), args);
        awaitReady();
    }

    /** SIGKILL: nothing is flushed or closed by the broker. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("broker process " + process.pid() + " survived SIGKILL");
        }
    }

    String log() {
        try {
            return Files.readString(logFile);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    private void awaitReady() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200))) {
            Await.succeeds(READY_TIMEOUT, "the forked broker answers DescribeCluster", () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("broker exited with " + process.exitValue() + ":\n" + log());
                }
                return admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000)).nodes().get(3, TimeUnit.SECONDS);
            });
        }
    }
}
