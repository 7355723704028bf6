package io.tributary.storage;

import io.tributary.common.Time;
import io.tributary.storage.checkpoint.OffsetCheckpointFile;
import io.tributary.storage.cleaner.CleanerConfig;
import io.tributary.storage.cleaner.LogCleaner;
import io.tributary.storage.producer.ProducerStateConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every partition log under the broker's {@code log.dirs}, laid out as Kafka lays them out: one
 * directory {@code <topic>-<partition>} per log, and per log directory a {@code .lock}, the
 * {@code recovery-point-offset-checkpoint} and {@code log-start-offset-checkpoint} files, and the
 * {@code .kafka_cleanshutdown} marker written last by a clean shutdown.
 *
 * <p>On {@link #startup()} a directory with the marker is trusted; without it each log recovers
 * from its checkpointed recovery point ({@link LogLoader}). Deleting a log renames its directory to
 * {@code <topic>-<partition>.<id>-delete} at once (Kafka's naming) and removes it after
 * {@code file.delete.delay.ms}; leftovers of such renames are removed at start-up.
 *
 * <p>Every {@code log.retention.check.interval.ms} each log deletes the segments its retention no
 * longer keeps ({@link PartitionLog#deleteRetentionBreachedSegments}); their {@code .deleted} files
 * are closed and removed {@code file.delete.delay.ms} later, or at shutdown, or (left over from a
 * crash) when the log is next loaded. DeleteRecords ({@link #deleteRecordsBefore}) removes segments
 * the same way, and the retention task also removes any segment left wholly below a log start offset.
 * The {@code log-start-offset-checkpoint} is written every {@code log.flush.offset.checkpoint.interval.ms},
 * at shutdown, and on demand after DeleteRecords ({@link #checkpointLogStartOffsets()}).
 *
 * <p>The {@link LogCleaner}, once started with {@link #startLogCleaner}, compacts the logs whose
 * {@code cleanup.policy} includes {@code compact}; segments its swaps replace are deleted the same
 * way, and it keeps the {@code cleaner-offset-checkpoint} file of each directory.
 *
 * <p>Thread safety: all methods may be called from any thread; the log map is concurrent and
 * creation and deletion of one partition are serialised on this manager.
 */
public final class LogManager implements AutoCloseable {

    public static final String CLEAN_SHUTDOWN_FILE = ".kafka_cleanshutdown";
    public static final String LOCK_FILE = ".lock";
    static final String DELETE_SUFFIX = "-delete";
    /** Kafka's {@code producer.id.expiration.check.interval.ms}. */
    static final long PRODUCER_EXPIRATION_CHECK_INTERVAL_MS = 600_000;
    /** Kafka's default {@code log.retention.check.interval.ms}. */
    public static final long DEFAULT_RETENTION_CHECK_INTERVAL_MS = 300_000;

    private static final Logger log = LoggerFactory.getLogger(LogManager.class);

    private final List<Path> logDirs;
    private final LogConfig defaultConfig;
    private final Time time;
    private final Map<TopicPartition, PartitionLog> logs = new ConcurrentHashMap<>();
    private final Map<TopicPartition, RecoveryResult> recoveryResults = new ConcurrentHashMap<>();
    private final List<FileChannel> lockChannels = new ArrayList<>();
    private final LogFlusher flusher;
    private final ScheduledExecutorService scheduler;
    private final long checkpointIntervalMs;
    private final ProducerStateConfig producerStateConfig;
    private final long retentionCheckIntervalMs;
    private final Set<LogSegment> segmentsAwaitingDeletion = ConcurrentHashMap.newKeySet();
    /** Serialises writers of the checkpoint files, which share one temporary file each. */
    private final Object checkpointLock = new Object();
    private volatile LogCleaner cleaner;
    private boolean started;

    /**
     * @param logDirs               the {@code log.dirs}
     * @param defaultConfig         the config of logs created without one of their own
     * @param flushThreads          fsync threads
     * @param flushCheckIntervalMs  {@code log.flush.scheduler.interval.ms}
     * @param checkpointIntervalMs  {@code log.flush.offset.checkpoint.interval.ms}
     */
    public LogManager(List<Path> logDirs, LogConfig defaultConfig, Time time, int flushThreads,
                      long flushCheckIntervalMs, long checkpointIntervalMs) {
        this(logDirs, defaultConfig, ProducerStateConfig.defaults(), time, flushThreads, flushCheckIntervalMs, checkpointIntervalMs);
    }

    /**
     * @param producerStateConfig {@code producer.id.expiration.ms}; expired producers are removed
     *                            every {@code producer.id.expiration.check.interval.ms} (Kafka's 10 minutes)
     */
    public LogManager(List<Path> logDirs, LogConfig defaultConfig, ProducerStateConfig producerStateConfig, Time time,
                      int flushThreads, long flushCheckIntervalMs, long checkpointIntervalMs) {
        this(logDirs, defaultConfig, producerStateConfig, time, flushThreads, flushCheckIntervalMs, checkpointIntervalMs,
                DEFAULT_RETENTION_CHECK_INTERVAL_MS);
    }

    /**
     * @param retentionCheckIntervalMs {@code log.retention.check.interval.ms}: how often retention runs
     */
    public LogManager(List<Path> logDirs, LogConfig defaultConfig, ProducerStateConfig producerStateConfig, Time time,
                      int flushThreads, long flushCheckIntervalMs, long checkpointIntervalMs, long retentionCheckIntervalMs) {
        if (retentionCheckIntervalMs < 1) {
            throw new IllegalArgumentException("Invalid value " + retentionCheckIntervalMs
                    + " for configuration log.retention.check.interval.ms: Value must be at least 1");
        }
        this.retentionCheckIntervalMs = retentionCheckIntervalMs;
        this.producerStateConfig = producerStateConfig;
        if (logDirs.isEmpty()) {
            throw new IllegalArgumentException("log.dirs must name at least one directory");
        }
        this.logDirs = List.copyOf(logDirs);
        this.defaultConfig = defaultConfig;
        this.time = time;
        this.checkpointIntervalMs = checkpointIntervalMs;
        this.flusher = new LogFlusher(flushThreads, flushCheckIntervalMs, logs::values, time);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "log-manager-scheduler");
            t.setDaemon(true);
            return t;
        });
        // Pending directory deletions are dropped at shutdown: leftover "-delete" directories are removed at start-up.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        this.scheduler = executor;
    }

    /** Locks the directories and loads every log in them, recovering where the last stop was unclean. */
    public synchronized void startup() throws IOException {
        for (Path dir : logDirs) {
            Files.createDirectories(dir);
            lockDirectory(dir);
            loadDirectory(dir);
        }
        scheduler.scheduleWithFixedDelay(this::checkpointQuietly, checkpointIntervalMs, checkpointIntervalMs, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> logs.values().forEach(PartitionLog::removeExpiredProducers),
                PRODUCER_EXPIRATION_CHECK_INTERVAL_MS, PRODUCER_EXPIRATION_CHECK_INTERVAL_MS, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::deleteRetentionBreachedSegments, retentionCheckIntervalMs,
                retentionCheckIntervalMs, TimeUnit.MILLISECONDS);
        started = true;
    }

    /**
     * Starts the log cleaner over this manager's logs (after {@link #startup()}); stopped by
     * {@link #close()}. Segments replaced by cleaned ones are deleted after their log's
     * {@code file.delete.delay.ms}.
     */
    public synchronized LogCleaner startLogCleaner(CleanerConfig cleanerConfig) {
        if (cleaner != null) {
            throw new IllegalStateException("the log cleaner is already started");
        }
        LogCleaner started = new LogCleaner(cleanerConfig, logs::values, time,
                (partitionLog, replaced) -> replaced.forEach(
                        segment -> scheduleFileDeletion(segment, partitionLog.config().fileDeleteDelayMs())));
        started.startup();
        cleaner = started;
        return started;
    }

    /**
     * Applies new log cleaner settings at run time ({@link LogCleaner#reconfigure}): restarts the
     * cleaner threads if the settings changed, keeping the cleaner checkpoints and paused logs.
     * Returns whether they changed; false too if the cleaner was not started.
     */
    public boolean reconfigureLogCleaner(CleanerConfig cleanerConfig) throws InterruptedException {
        LogCleaner logCleaner = cleaner;
        return logCleaner != null && logCleaner.reconfigure(cleanerConfig);
    }

    /** The log cleaner, or null if it was not started. */
    public LogCleaner cleaner() {
        return cleaner;
    }

    private void lockDirectory(Path dir) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IOException("Failed to acquire lock on file .lock in " + dir
                    + ". A Kafka instance in another process or thread is using this directory.");
        }
        lockChannels.add(channel);
    }

    private void loadDirectory(Path dir) throws IOException {
        Path marker = dir.resolve(CLEAN_SHUTDOWN_FILE);
        boolean clean = Files.exists(marker);
        Map<TopicPartition, Long> recoveryPoints = checkpoint(dir, OffsetCheckpointFile.RECOVERY_POINT_OFFSET_CHECKPOINT).read();
        Map<TopicPartition, Long> startOffsets = checkpoint(dir, OffsetCheckpointFile.LOG_START_OFFSET_CHECKPOINT).read();
        List<Path> partitionDirs = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.filter(Files::isDirectory).sorted().toList()) {
                String name = child.getFileName().toString();
                if (name.endsWith(DELETE_SUFFIX)) {
                    deleteRecursively(child);
                } else {
                    partitionDirs.add(child);
                }
            }
        }
        for (Path partitionDir : partitionDirs) {
            TopicPartition tp;
            try {
                tp = TopicPartition.parse(partitionDir.getFileName().toString());
            } catch (IllegalArgumentException e) {
                log.warn("ignoring {}: not a <topic>-<partition> directory", partitionDir);
                continue;
            }
            LogLoader.Loaded loaded = LogLoader.load(tp, partitionDir, defaultConfig, producerStateConfig, time, flusher,
                    recoveryPoints.getOrDefault(tp, 0L), startOffsets.getOrDefault(tp, 0L), clean);
            if (logs.putIfAbsent(tp, loaded.partitionLog()) != null) {
                throw new IOException("duplicate log for " + tp + " in " + partitionDir);
            }
            recoveryResults.put(tp, loaded.result());
        }
        if (Files.deleteIfExists(marker)) {
            Directories.fsync(dir); // a marker that reappears after a power loss would skip recovery of later writes
        }
        if (partitionDirs.isEmpty()) {
            log.info("no logs in {}", dir); // a new directory has no clean-shutdown marker either: nothing to recover
        } else {
            log.info("loaded {} logs from {} ({} shutdown)", partitionDirs.size(), dir, clean ? "clean" : "unclean");
        }
    }

    private static OffsetCheckpointFile checkpoint(Path dir, String name) {
        return new OffsetCheckpointFile(dir.resolve(name));
    }

    /** The {@code log.dirs}, as configured. */
    public List<Path> logDirs() {
        return logDirs;
    }

    public PartitionLog getLog(TopicPartition tp) {
        return logs.get(tp);
    }

    public Collection<PartitionLog> allLogs() {
        return logs.values();
    }

    /** What loading each log did at the last {@link #startup()}. */
    public Map<TopicPartition, RecoveryResult> recoveryResults() {
        return Map.copyOf(recoveryResults);
    }

    public PartitionLog getOrCreateLog(TopicPartition tp) {
        return getOrCreateLog(tp, defaultConfig);
    }

    /** The log of {@code tp}, created empty in the log directory with the fewest logs if it does not exist. */
    public synchronized PartitionLog getOrCreateLog(TopicPartition tp, LogConfig config) {
        PartitionLog existing = logs.get(tp);
        if (existing != null) {
            return existing;
        }
        Path dir = leastLoadedDirectory().resolve(tp.toString());
        try {
            LogLoader.Loaded loaded = LogLoader.load(tp, dir, config, producerStateConfig, time, flusher, 0, 0, true);
            logs.put(tp, loaded.partitionLog());
            return loaded.partitionLog();
        } catch (IOException e) {
            throw new LogDirectoryException(dir.getParent(), "cannot create log " + tp + ": " + e.getMessage(), e);
        }
    }

    private Path leastLoadedDirectory() {
        Map<Path, Integer> counts = new HashMap<>();
        logDirs.forEach(d -> counts.put(d, 0));
        for (PartitionLog partitionLog : logs.values()) {
            counts.merge(partitionLog.dir().getParent(), 1, Integer::sum);
        }
        return logDirs.stream().min(Comparator.comparingInt(counts::get)).orElseThrow();
    }

    /**
     * Removes the log of {@code tp}: it stops serving at once, its directory is renamed to
     * {@code <topic>-<partition>.<id>-delete} and removed after {@code file.delete.delay.ms}.
     * Returns false if there was no such log.
     */
    public synchronized boolean deleteLog(TopicPartition tp) {
        PartitionLog removed = logs.remove(tp);
        if (removed == null) {
            return false;
        }
        Path dir = removed.dir();
        Path renamed = dir.resolveSibling(tp + "." + UUID.randomUUID().toString().replace("-", "") + DELETE_SUFFIX);
        try {
            LogCleaner logCleaner = cleaner;
            if (logCleaner != null) {
                logCleaner.abortCleaning(tp, dir.toAbsolutePath().getParent());
            }
            removed.closeWithoutFlush();
            Files.move(dir, renamed);
        } catch (IOException e) {
            throw new LogDirectoryException(dir.getParent(), "cannot delete log " + tp + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogDirectoryException(dir.getParent(), "interrupted while deleting log " + tp, null);
        }
        scheduler.schedule(() -> {
            try {
                deleteRecursively(renamed);
            } catch (IOException e) {
                log.warn("could not remove {}; it is removed at the next start", renamed, e);
            }
        }, removed.config().fileDeleteDelayMs(), TimeUnit.MILLISECONDS);
        return true;
    }

    /**
     * Replication truncation of {@code partitionLog} to {@code offset} ({@link PartitionLog#truncateTo},
     * which stays the primitive) in step with the log cleaner, as Kafka's {@code LogManager.truncateTo}
     * does: if the truncation reaches below the active segment, a cleaning of the log in progress is
     * aborted and the log's cleaning paused while it is truncated, and its cleaner checkpoint is
     * lowered to at most {@code offset}. A cleaning therefore never goes on with an offset map that
     * holds truncated records (which would drop the older values they superseded), and records
     * later appended at the truncated offsets are dirty. Called by the log's owner, not under this
     * manager's monitor. Returns the bytes removed.
     */
    public long truncateTo(PartitionLog partitionLog, long offset) throws InterruptedException {
        LogCleaner logCleaner = cleaner;
        if (logCleaner == null || offset >= partitionLog.activeSegment().baseOffset()) {
            return partitionLog.truncateTo(offset); // the cleaner never reads the active segment
        }
        TopicPartition tp = partitionLog.topicPartition();
        logCleaner.abortAndPauseCleaning(tp);
        try {
            long removed = partitionLog.truncateTo(offset);
            logCleaner.maybeTruncateCheckpoint(partitionLog, offset);
            return removed;
        } catch (IOException e) {
            throw new LogDirectoryException(partitionLog.dir().getParent(), tp + ": cannot lower the cleaner checkpoint to "
                    + offset + " after a truncation: " + e.getMessage(), e);
        } finally {
            logCleaner.resumeCleaning(tp);
        }
    }

    /**
     * Runs retention on every log now (the periodic task calls this) and schedules removal of the
     * deleted segments' files after each log's {@code file.delete.delay.ms}. A log that fails is
     * logged and skipped. Returns the number of segments deleted.
     */
    public int deleteRetentionBreachedSegments() {
        int deleted = 0;
        for (PartitionLog partitionLog : logs.values()) {
            try {
                List<LogSegment> removed = partitionLog.deleteRetentionBreachedSegments(time.milliseconds());
                removed.forEach(segment -> scheduleFileDeletion(segment, partitionLog.config().fileDeleteDelayMs()));
                deleted += removed.size();
            } catch (RuntimeException e) {
                log.error("{}: retention failed", partitionLog.topicPartition(), e);
            }
        }
        return deleted;
    }

    /**
     * DeleteRecords on {@code partitionLog}: advances its log start offset to {@code offset}
     * ({@link PartitionLog#deleteRecordsBefore}) and schedules removal of the segments left wholly
     * below it after {@code file.delete.delay.ms}. Returns the new log start offset; the caller makes
     * it durable with {@link #checkpointLogStartOffsets()}.
     *
     * @throws OffsetOutOfRangeException if {@code offset} is above the high watermark
     */
    public long deleteRecordsBefore(PartitionLog partitionLog, long offset) {
        List<LogSegment> removed = partitionLog.deleteRecordsBefore(offset);
        removed.forEach(segment -> scheduleFileDeletion(segment, partitionLog.config().fileDeleteDelayMs()));
        return partitionLog.logStartOffset();
    }

    /**
     * Writes the {@code log-start-offset-checkpoint} of every log directory on the manager's
     * scheduler thread, off the caller's; the future completes when the files are durable, so that
     * a DeleteRecords is answered only once its new start offset survives a crash.
     */
    public CompletableFuture<Void> checkpointLogStartOffsets() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable write = () -> {
            try {
                writeLogStartOffsetCheckpoints();
                done.complete(null);
            } catch (IOException | RuntimeException e) {
                log.error("log start offset checkpoint failed", e);
                done.completeExceptionally(e);
            }
        };
        try {
            scheduler.execute(write);
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new LogDirectoryException(logDirs.get(0), "log manager is shut down", e));
        }
        return done;
    }

    private void writeLogStartOffsetCheckpoints() throws IOException {
        synchronized (checkpointLock) {
            for (Path dir : logDirs) {
                checkpoint(dir, OffsetCheckpointFile.LOG_START_OFFSET_CHECKPOINT).write(offsetsIn(dir, PartitionLog::logStartOffset));
            }
        }
    }

    private Map<TopicPartition, Long> offsetsIn(Path dir, ToLongFunction<PartitionLog> offset) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (Map.Entry<TopicPartition, PartitionLog> e : logs.entrySet()) {
            if (e.getValue().dir().getParent().equals(dir)) {
                offsets.put(e.getKey(), offset.applyAsLong(e.getValue()));
            }
        }
        return offsets;
    }

    private void scheduleFileDeletion(LogSegment segment, long delayMs) {
        segmentsAwaitingDeletion.add(segment);
        Runnable deletion = () -> {
            if (segmentsAwaitingDeletion.remove(segment)) {
                deleteSegmentFiles(segment);
            }
        };
        try {
            scheduler.schedule(deletion, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            deletion.run(); // shutting down: close() deletes what is awaiting, or this does
        }
    }

    private static void deleteSegmentFiles(LogSegment segment) {
        try {
            segment.delete();
        } catch (IOException e) {
            log.warn("could not remove the files of deleted segment {}; they are removed at the next load", segment, e);
        }
    }

    /** Writes the recovery point and log start offset checkpoints of every log directory. */
    public void checkpoint() throws IOException {
        synchronized (checkpointLock) {
            for (Path dir : logDirs) {
                checkpoint(dir, OffsetCheckpointFile.RECOVERY_POINT_OFFSET_CHECKPOINT).write(offsetsIn(dir, PartitionLog::recoveryPoint));
            }
            writeLogStartOffsetCheckpoints();
        }
        for (PartitionLog partitionLog : logs.values()) {
            partitionLog.deleteSnapshotsBelowRecoveryPoint();
        }
    }

    private void checkpointQuietly() {
        try {
            checkpoint();
        } catch (IOException | RuntimeException e) {
            log.error("checkpoint failed", e);
        }
    }

    /**
     * Flushes and closes every log, writes the checkpoints and then the clean-shutdown marker of
     * each directory, so the next start skips recovery.
     */
    @Override
    public synchronized void close() throws IOException, InterruptedException {
        if (cleaner != null) {
            cleaner.close();
        }
        scheduler.shutdown(); // never shutdownNow: an interrupt closes a FileChannel in the middle of an fsync
        scheduler.awaitTermination(30, TimeUnit.SECONDS);
        flusher.close();
        for (LogSegment segment : List.copyOf(segmentsAwaitingDeletion)) {
            if (segmentsAwaitingDeletion.remove(segment)) {
                deleteSegmentFiles(segment);
            }
        }
        for (PartitionLog partitionLog : logs.values()) {
            partitionLog.close();
        }
        if (started) {
            checkpoint();
            for (Path dir : logDirs) {
                Files.writeString(dir.resolve(CLEAN_SHUTDOWN_FILE), "");
                Directories.fsync(dir);
            }
        }
        for (FileChannel channel : lockChannels) {
            channel.close();
        }
        lockChannels.clear();
        logs.clear();
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
