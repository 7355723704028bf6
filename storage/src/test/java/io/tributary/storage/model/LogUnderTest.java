package io.tributary.storage.model;

import io.tributary.common.ManualTime;
import io.tributary.storage.LogConfig;
import io.tributary.storage.LogManager;
import io.tributary.storage.PartitionLog;
import io.tributary.storage.RecoveryResult;
import io.tributary.storage.TopicPartition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A real {@link PartitionLog} of one partition in a temporary log directory, behind a real
 * {@link LogManager}, with the restarts a broker goes through: a clean shutdown and start, and a
 * crash, modelled by copying the log directory while the log is open (so the copy holds every
 * byte written, as after an unclean stop where the OS had flushed everything) and starting on the
 * copy. The copy may be damaged before the start, to model writes lost with the page cache.
 *
 * <p>Background work is switched off (checkpoints and {@code flush.ms} checks run every hour) so
 * that a run depends only on its operations; fsyncs requested by rolls and {@code awaitDurable}
 * still run on the flusher thread. Temporary directories live in {@code /dev/shm} where there is
 * one, since the test makes thousands of fsyncs that prove nothing about the disk.
 *
 * <p>Used by one thread.
 */
final class LogUnderTest implements AutoCloseable {

    static final TopicPartition TOPIC_PARTITION = new TopicPartition("model", 0);
    private static final long BACKGROUND_INTERVAL_MS = 3_600_000;

    /**
     * Roots of logs not yet closed. jqwik runs shrinking steps on another thread and abandons the
     * one in flight at its time limit, so the JVM may exit in the middle of a run; a shutdown hook
     * removes what such runs leave.
     */
    private static final Set<Path> OPEN_ROOTS = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN_ROOTS.forEach(LogUnderTest::deleteTree),
                "partition-log-model-cleanup"));
    }

    private final LogConfig config;
    private final ManualTime time = new ManualTime();
    private final Path root;
    private Path logDir;
    private int generation;
    private LogManager manager;
    private PartitionLog log;

    private LogUnderTest(LogConfig config, Path root) {
        this.config = config;
        this.root = root;
    }

    /** A new, empty log with {@code config}. */
    static LogUnderTest create(LogConfig config) {
        LogUnderTest created;
        try {
            created = new LogUnderTest(config, Files.createTempDirectory(tempParent(), "partition-log-model"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OPEN_ROOTS.add(created.root);
        try {
            created.logDir = created.nextLogDir();
            created.start();
            created.log = created.manager.getOrCreateLog(TOPIC_PARTITION);
            return created;
        } catch (RuntimeException e) {
            try {
                created.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static Path tempParent() {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }

    PartitionLog log() {
        return log;
    }

    LogConfig config() {
        return config;
    }

    ManualTime time() {
        return time;
    }

    LogManager manager() {
        return manager;
    }

    /** The partition's directory, where its segment files are. */
    Path partitionDir() {
        return logDir.resolve(TOPIC_PARTITION.toString());
    }

    /** Closes the log manager (flush, checkpoints, clean-shutdown marker) and starts a new one on the same directory. */
    RecoveryResult cleanRestart() {
        closeManager();
        return start();
    }

    /**
     * Copies the log directory while the log is open (without the {@code .lock}), lets
     * {@code damage} change the copied partition directory, stops the old manager, and starts on
     * the copy, which has no clean-shutdown marker.
     */
    RecoveryResult crashRestart(PartitionDirDamage damage) {
        Path copy = nextLogDir();
        try {
            copyTree(logDir, copy);
            damage.apply(copy.resolve(TOPIC_PARTITION.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        closeManager();
        deleteTree(logDir);
        logDir = copy;
        return start();
    }

    /** A change made to a copied partition directory before starting on it. */
    @FunctionalInterface
    interface PartitionDirDamage {
        PartitionDirDamage NONE = dir -> { };

        void apply(Path partitionDir) throws IOException;
    }

    private RecoveryResult start() {
        manager = new LogManager(List.of(logDir), config, time, 1, BACKGROUND_INTERVAL_MS, BACKGROUND_INTERVAL_MS);
        try {
            manager.startup();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log = manager.getLog(TOPIC_PARTITION);
        return manager.recoveryResults().get(TOPIC_PARTITION);
    }

    private Path nextLogDir() {
        Path dir = root.resolve("log-dir-" + generation++);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void closeManager() {
        if (manager == null) {
            return;
        }
        try {
            manager.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing the log manager", e);
        } finally {
            manager = null;
            log = null;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (source.getFileName().toString().equals(LogManager.LOCK_FILE)) {
                    continue;
                }
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * Removes {@code path} and everything under it, best effort: a few attempts, since a log that
     * failed to close may still be touching its files; a leftover temporary directory must not
     * fail or mask a test result.
     */
    private static void deleteTree(Path path) {
        for (int attempt = 0; attempt < 5 && Files.exists(path); attempt++) {
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException | UncheckedIOException e) {
                // try again: the walk met a file that appeared or vanished meanwhile
            }
        }
    }

    /** Stops the manager (cleanly) and removes every directory this log used. */
    @Override
    public void close() {
        try {
            closeManager();
        } finally {
            deleteTree(root);
            OPEN_ROOTS.remove(root);
        }
    }

    @Override
    public String toString() {
        return "LogUnderTest(" + config + ", " + partitionDir() + ")";
    }
}
