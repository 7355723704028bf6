package io.tributary.benchmarks.storage;

import io.tributary.common.Time;
import io.tributary.storage.LogConfig;
import io.tributary.storage.LogManager;
import io.tributary.storage.PartitionLog;
import io.tributary.storage.TopicPartition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One partition log in a fresh log directory under {@code java.io.tmpdir}
 * ({@code tributary-<name>-<random>}), run by a {@link LogManager} as the broker runs it: one flusher
 * thread, Kafka's default {@link LogConfig} (1 GiB segments, no {@code flush.messages}/{@code flush.ms}
 * policy) unless the caller gives another. Point {@code java.io.tmpdir} at the disk to measure, e.g.
 * {@code -jvmArgsAppend -Djava.io.tmpdir=/mnt/data}.
 *
 * <p>{@link #close()} drops the log without flushing it (the broker's delete path: closing would
 * first fsync everything still in the page cache, gigabytes after a page-cache run) and removes
 * the directory. A JVM killed before that leaves the directory behind.
 */
final class TemporaryLog implements AutoCloseable {

    static final TopicPartition PARTITION = new TopicPartition("benchmark", 0);
    /** Leader epoch stamped on appended batches. */
    static final int LEADER_EPOCH = 0;
    private static final int FLUSH_THREADS = 1;
    /** {@code log.flush.scheduler.interval.ms}; with no {@code flush.ms} policy it never finds work. */
    private static final long FLUSH_CHECK_INTERVAL_MS = 1_000;
    /** {@code log.flush.offset.checkpoint.interval.ms}, Kafka's default. */
    private static final long CHECKPOINT_INTERVAL_MS = 60_000;

    private final Path dir;
    private final LogManager manager;
    private final PartitionLog log;

    private TemporaryLog(Path dir, LogManager manager, PartitionLog log) {
        this.dir = dir;
        this.manager = manager;
        this.log = log;
    }

    static TemporaryLog create(String name, LogConfig config) throws IOException {
        Path dir = Files.createTempDirectory("tributary-" + name + "-");
        LogManager manager = new LogManager(List.of(dir), config, Time.SYSTEM, FLUSH_THREADS,
                FLUSH_CHECK_INTERVAL_MS, CHECKPOINT_INTERVAL_MS);
        try {
            manager.startup();
            return new TemporaryLog(dir, manager, manager.getOrCreateLog(PARTITION));
        } catch (IOException | RuntimeException e) {
            deleteRecursively(dir);
            throw e;
        }
    }

    PartitionLog partitionLog() {
        return log;
    }

    /** Bytes in the log's segment files. */
    long sizeInBytes() {
        return log.segments().stream().mapToLong(s -> s.sizeInBytes()).sum();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            manager.deleteLog(PARTITION);
            manager.close();
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
