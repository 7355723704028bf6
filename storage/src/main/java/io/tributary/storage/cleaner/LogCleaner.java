package io.tributary.storage.cleaner;

import io.tributary.common.Time;
import io.tributary.storage.LogConfig;
import io.tributary.storage.LogSegment;
import io.tributary.storage.PartitionLog;
import io.tributary.storage.TopicPartition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log cleaner: {@code log.cleaner.threads} threads that compact the logs whose
 * {@code cleanup.policy} includes {@code compact}, as Kafka's {@code LogCleaner} does.
 *
 * <p>Each thread repeatedly takes the dirtiest log not being cleaned by another thread whose dirty
 * ratio is above {@code min.cleanable.dirty.ratio} or which holds a record older than
 * {@code max.compaction.lag.ms} ({@link LogToClean#isCleanable()}), cleans it with its own
 * {@link Cleaner} and offset map ({@code log.cleaner.dedupe.buffer.size} split over the threads),
 * and records the new first dirty offset in the log directory's {@code cleaner-offset-checkpoint}.
 * With nothing to clean it waits {@code log.cleaner.backoff.ms}. The dirty section of a log ends
 * at the first of: its active segment, the high watermark, the recovery point (only fsynced data
 * is rewritten) and the first segment whose largest timestamp is within {@code min.compaction.lag.ms};
 * it always ends at a segment boundary.
 *
 * <p>A log whose cleaning fails with an unexpected error is marked uncleanable and skipped until
 * restart (Kafka does the same), so one bad log cannot stall the others. A failure caused by
 * retention or DeleteRecords removing segments the cleaning was still working on is not one: the
 * {@link Cleaner} reports it as an abort, and a later cleaning starts from what the log holds then.
 *
 * <p>Thread safety: the selection state is guarded by this object's monitor; {@link #abortCleaning}
 * waits until a cleaning in progress on that log has stopped. The cleaner threads are never
 * interrupted (an interrupt would close a segment's FileChannel under its readers); shutdown sets
 * a flag they check before each read and wakes them from their back-off and throttle sleeps. An
 * abort likewise wakes the thread cleaning that log from a throttle sleep, and the cleaning stops
 * at its next read (at most {@code log.cleaner.io.buffer.size} bytes later).
 *
 * <p>{@link #reconfigure} applies new {@code log.cleaner.*} settings at run time as Kafka's
 * {@code LogCleaner.reconfigure} does: it stops the threads (a cleaning in progress is aborted at
 * its next read, records no checkpoint and is retried later) and starts new ones with the new
 * settings. The checkpoints and the paused, aborting and uncleanable partitions are this object's
 * and survive it; each set of threads has its own {@link CleanerThreads} run flag, so a thread of
 * the old set that outlives the join can never run on with the new one.
 */
public final class LogCleaner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LogCleaner.class);

    private final Supplier<Collection<PartitionLog>> logs;
    private final Time time;
    private final Cleaner.ReplacedSegments replacedSegments;
    private final CleanerCheckpoints checkpoints = new CleanerCheckpoints();
    private final Set<TopicPartition> inProgress = new HashSet<>();
    /** Logs whose cleaning is being aborted, with the number of callers waiting for it. */
    private final Map<TopicPartition, Integer> aborting = new HashMap<>();
    /** Logs not to be cleaned until resumed, with the number of pauses ({@link #abortAndPauseCleaning}). */
    private final Map<TopicPartition, Integer> paused = new HashMap<>();
    private final Set<TopicPartition> uncleanable = new HashSet<>();
    /** Serialises {@link #reconfigure} and {@link #close}, which join threads and so cannot hold the monitor. */
    private final Object lifecycleLock = new Object();
    /** The log the calling thread is cleaning, so that its throttle sleep ends when that cleaning is aborted. */
    private final ThreadLocal<TopicPartition> cleaningOnThisThread = new ThreadLocal<>();
    /** The cleaner threads of a cleaner thread, null on any other thread (a test cleaning synchronously). */
    private final ThreadLocal<CleanerThreads> threadsOfThisThread = new ThreadLocal<>();
    /** The current settings and threads; replaced by {@link #reconfigure}. */
    private volatile CleanerThreads current;
    private volatile boolean closed;
    private volatile CleanerStats lastStats;

    /**
     * @param logs             every log of the broker (compacted or not), read on each selection
     * @param replacedSegments deletes segments a swap replaced, after {@code file.delete.delay.ms}
     */
    public LogCleaner(CleanerConfig config, Supplier<Collection<PartitionLog>> logs, Time time,
                      Cleaner.ReplacedSegments replacedSegments) {
        this.logs = logs;
        this.time = time;
        this.replacedSegments = replacedSegments;
        this.current = new CleanerThreads(config);
    }

    /**
     * One set of cleaner threads and the settings they run with. The throttle is shared by the
     * threads of one set, as Kafka's is by all threads.
     */
    private final class CleanerThreads {
        final CleanerConfig config;
        final Throttler throttler;
        final CountDownLatch stopped = new CountDownLatch(1);
        final List<Thread> threads = new ArrayList<>();
        volatile boolean running = true;

        CleanerThreads(CleanerConfig config) {
            this.config = config;
            this.throttler = new Throttler(config.maxIoBytesPerSecond(), time, LogCleaner.this::sleepUnlessAborted);
        }

        /** Starts the threads (none if {@code log.cleaner.enable} is false or {@code log.cleaner.threads} is 0). */
        void start() {
            if (!config.enabled()) {
                return;
            }
            for (int i = 0; i < config.numThreads(); i++) {
                Thread thread = new Thread(() -> runThread(this), "kafka-log-cleaner-thread-" + i);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }

        /** Stops the threads, letting a cleaning in progress stop at its next read, and waits for them. */
        void stop() throws InterruptedException {
            running = false;
            stopped.countDown();
            synchronized (LogCleaner.this) {
                LogCleaner.this.notifyAll(); // wakes throttled threads
            }
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(30));
                if (thread.isAlive()) {
                    log.warn("{} did not stop within 30 s; it stops at its next read", thread.getName());
                }
            }
        }
    }

    /** Starts the cleaner threads (none if {@code log.cleaner.enable} is false). */
    public void startup() {
        synchronized (lifecycleLock) {
            if (!closed) {
                current.start();
            }
        }
    }

    /**
     * Applies new settings, as Kafka's {@code LogCleaner.reconfigure} does: if they differ from the
     * current ones, stops the cleaner threads (aborting cleanings in progress, which are retried
     * later from the last checkpoint) and starts {@code newConfig.numThreads()} new ones. Waits for
     * the old threads to stop. Does nothing once closed. Returns whether the settings changed.
     */
    public boolean reconfigure(CleanerConfig newConfig) throws InterruptedException {
        synchronized (lifecycleLock) {
            CleanerThreads old = current;
            if (closed || old.config.equals(newConfig)) {
                return false;
            }
            log.info("reconfiguring the log cleaner: {} -> {}", old.config, newConfig);
            old.stop();
            CleanerThreads next = new CleanerThreads(newConfig);
            current = next;
            next.start();
            return true;
        }
    }

    /** The settings the cleaner runs with now. */
    public CleanerConfig config() {
        return current.config;
    }

    /** The number of cleaner threads running now (Kafka's {@code LogCleaner.cleanerCount}). */
    public int threadCount() {
        synchronized (lifecycleLock) {
            return (int) current.threads.stream().filter(Thread::isAlive).count();
        }
    }

    /** A cleaner with its own offset map and buffers, sharing this cleaner's throttle and checkpoints. */
    Cleaner newCleaner(PartitionLog.SwapListener swapListener) {
        return newCleaner(current, swapListener);
    }

    private Cleaner newCleaner(CleanerThreads owner, PartitionLog.SwapListener swapListener) {
        CleanerConfig config = owner.config;
        int threads = Math.max(1, config.numThreads());
        OffsetMap map = new OffsetMap(config.dedupeBufferSizePerThread(), config.dedupeBufferLoadFactor());
        int ioBufferSize = Math.max(1, config.ioBufferSize() / threads / 2);
        return new Cleaner(map, ioBufferSize, owner.throttler, time, replacedSegments, this::checkAborted, swapListener);
    }

    /**
     * A thread's loop. Its cleaner, with the thread's share of the dedupe buffer, is allocated at
     * the first log to clean, not at start-up: a broker without compacted logs to clean (a test
     * broker among several in one JVM, say) never holds the 128 MiB.
     */
    private void runThread(CleanerThreads owner) {
        threadsOfThisThread.set(owner);
        Cleaner[] cleaner = {null};
        Supplier<Cleaner> lazyCleaner = () -> {
            if (cleaner[0] == null) {
                cleaner[0] = newCleaner(owner, PartitionLog.SwapListener.NONE);
            }
            return cleaner[0];
        };
        while (owner.running) {
            boolean cleaned = false;
            try {
                cleaned = cleanFilthiestLog(lazyCleaner);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                log.error("log cleaner thread failed; continuing", e);
            }
            if (!cleaned) {
                sleepQuietly(owner, TimeUnit.MILLISECONDS.toNanos(owner.config.backoffMs()));
            }
        }
    }

    /**
     * Cleans the dirtiest cleanable log once, on the calling thread; returns false if no log needed
     * cleaning. The cleaner threads call this; tests call it to clean synchronously.
     */
    public boolean cleanFilthiestLog(Cleaner cleaner) throws InterruptedException {
        return cleanFilthiestLog(() -> cleaner);
    }

    private boolean cleanFilthiestLog(Supplier<Cleaner> cleaners) throws InterruptedException {
        Optional<LogToClean> chosen = grabFilthiestLog();
        if (chosen.isEmpty()) {
            return false;
        }
        Cleaner cleaner;
        try {
            cleaner = cleaners.get();
        } catch (RuntimeException | OutOfMemoryError e) {
            synchronized (this) {
                inProgress.remove(chosen.get().log().topicPartition());
                notifyAll();
            }
            throw e;
        }
        LogToClean toClean = chosen.get();
        PartitionLog partitionLog = toClean.log();
        TopicPartition tp = partitionLog.topicPartition();
        cleaningOnThisThread.set(tp);
        try {
            Cleaner.Result result = cleaner.clean(toClean);
            checkpoints.update(logDir(partitionLog), tp, result.nextDirtyOffset());
            lastStats = result.stats();
            log.info("{}: cleaned offsets {} to {}: {}", tp, toClean.firstDirtyOffset(), result.nextDirtyOffset(), result.stats());
        } catch (LogCleaningAbortedException e) {
            log.info("{}: cleaning aborted: {}", tp, e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (partitionLog.isClosed() || stopping()) {
                log.info("{}: cleaning stopped: the log was closed", tp);
            } else {
                log.error("{}: cleaning failed; the partition is marked uncleanable", tp, e);
                synchronized (this) {
                    uncleanable.add(tp);
                }
            }
        } finally {
            cleaningOnThisThread.remove();
            synchronized (this) {
                inProgress.remove(tp);
                notifyAll();
            }
        }
        return true;
    }

    /** Picks the log with the highest dirty ratio among the cleanable ones, and marks it in progress. */
    synchronized Optional<LogToClean> grabFilthiestLog() {
        long nowMs = time.milliseconds();
        LogToClean best = null;
        for (PartitionLog partitionLog : logs.get()) {
            TopicPartition tp = partitionLog.topicPartition();
            if (!partitionLog.config().compactEnabled() || partitionLog.isClosed() || inProgress.contains(tp)
                    || uncleanable.contains(tp) || aborting.containsKey(tp) || paused.containsKey(tp)) {
                continue;
            }
            try {
                LogToClean candidate = measure(partitionLog, nowMs);
                if (candidate.isCleanable() && (best == null || candidate.cleanableRatio() > best.cleanableRatio())) {
                    best = candidate;
                }
            } catch (IOException | RuntimeException e) {
                log.warn("{}: cannot measure the dirty section; skipping it", tp, e);
            }
        }
        if (best != null) {
            inProgress.add(best.log().topicPartition());
        }
        return Optional.ofNullable(best);
    }

    /** The clean and dirty sections of {@code partitionLog} now. */
    LogToClean measure(PartitionLog partitionLog, long nowMs) throws IOException {
        LogConfig cfg = partitionLog.config();
        long logStart = partitionLog.logStartOffset();
        long firstDirty = checkpoints.get(logDir(partitionLog), partitionLog.topicPartition());
        if (firstDirty < logStart || firstDirty > partitionLog.logEndOffset()) {
            firstDirty = logStart; // no checkpoint, or one from a log since truncated or deleted
        }
        long bound = Math.min(partitionLog.activeSegment().baseOffset(),
                Math.min(partitionLog.highWatermark(), partitionLog.recoveryPoint()));
        long cleanBytes = 0;
        long cleanableBytes = 0;
        long firstUncleanable = firstDirty;
        boolean needsCompactionNow = false;
        for (LogSegment segment : partitionLog.segmentsInRange(Long.MIN_VALUE, bound)) {
            long next = partitionLog.nextSegmentBaseOffset(segment);
            if (next <= firstDirty) {
                cleanBytes += segment.sizeInBytes();
                continue;
            }
            if (next > bound || (cfg.minCompactionLagMs() > 0 && segment.largestTimestamp() > nowMs - cfg.minCompactionLagMs())) {
                break;
            }
            long firstBatchTimestamp = segment.firstBatchTimestamp();
            if (firstBatchTimestamp >= 0 && firstBatchTimestamp < nowMs - cfg.maxCompactionLagMs()) {
                needsCompactionNow = true;
            }
            cleanableBytes += segment.sizeInBytes();
            firstUncleanable = next;
        }
        return new LogToClean(partitionLog, firstDirty, firstUncleanable, cleanBytes, cleanableBytes, needsCompactionNow);
    }

    private void checkAborted(PartitionLog partitionLog) {
        if (stopping()) {
            throw new LogCleaningAbortedException("the cleaner is shutting down or being reconfigured");
        }
        synchronized (this) {
            if (aborting.containsKey(partitionLog.topicPartition()) || partitionLog.isClosed()) {
                throw new LogCleaningAbortedException("the log is being deleted or truncated");
            }
        }
    }

    /**
     * Stops any cleaning of {@code tp}, waits until it has stopped, and forgets the partition's
     * checkpoint: called before its log is deleted. Later cleanings of a new log of the same name
     * start from its log start offset.
     */
    public void abortCleaning(TopicPartition tp, Path logDir) throws InterruptedException {
        synchronized (this) {
            try {
                abortAndAwait(tp);
            } finally {
                uncleanable.remove(tp);
            }
        }
        try {
            checkpoints.remove(logDir, tp);
        } catch (IOException e) {
            log.warn("{}: could not remove the partition from {}'s cleaner checkpoint", tp, logDir, e);
        }
    }

    /**
     * Stops any cleaning of {@code tp}, waits until it has stopped, and keeps the log from being
     * cleaned until {@link #resumeCleaning} (Kafka's {@code abortAndPauseCleaning}): around a
     * truncation, which would otherwise remove records a cleaning's offset map holds. Pauses nest.
     */
    public synchronized void abortAndPauseCleaning(TopicPartition tp) throws InterruptedException {
        paused.merge(tp, 1, Integer::sum);
        try {
            abortAndAwait(tp);
        } catch (InterruptedException | RuntimeException e) {
            resumeCleaning(tp);
            throw e;
        }
    }

    /** Ends one pause of {@link #abortAndPauseCleaning}. */
    public synchronized void resumeCleaning(TopicPartition tp) {
        Integer pauses = paused.get(tp);
        if (pauses == null) {
            throw new IllegalStateException(tp + ": cleaning resumed but not paused");
        }
        if (pauses == 1) {
            paused.remove(tp);
        } else {
            paused.put(tp, pauses - 1);
        }
    }

    /**
     * Lowers the checkpointed first dirty offset of {@code partitionLog} to {@code offset} if it is
     * above (Kafka's {@code maybeTruncateCheckpoint}): after a truncation to {@code offset}, records
     * appended at the truncated offsets are dirty. Call while the log's cleaning is paused.
     */
    public void maybeTruncateCheckpoint(PartitionLog partitionLog, long offset) throws IOException {
        Path logDir = logDir(partitionLog);
        TopicPartition tp = partitionLog.topicPartition();
        if (checkpoints.get(logDir, tp) > offset) {
            checkpoints.update(logDir, tp, offset);
        }
    }

    /** Marks {@code tp} aborting, wakes its cleaner thread and waits until no cleaning of it is in progress. Holds the monitor. */
    private void abortAndAwait(TopicPartition tp) throws InterruptedException {
        aborting.merge(tp, 1, Integer::sum);
        notifyAll(); // a cleaner thread throttled while cleaning tp stops sleeping
        try {
            while (inProgress.contains(tp)) {
                wait();
            }
        } finally {
            aborting.computeIfPresent(tp, (key, count) -> count == 1 ? null : count - 1);
        }
    }

    /** Whether a caller is waiting for a cleaning of {@code tp} to stop. */
    synchronized boolean abortRequested(TopicPartition tp) {
        return aborting.containsKey(tp);
    }

    /** The first dirty offset checkpointed for {@code tp}, or -1. */
    public long checkpointedOffset(PartitionLog partitionLog) throws IOException {
        return checkpoints.get(logDir(partitionLog), partitionLog.topicPartition());
    }

    /** What the last completed cleaning did, or null. */
    public CleanerStats lastStats() {
        return lastStats;
    }

    private static Path logDir(PartitionLog partitionLog) {
        return partitionLog.dir().toAbsolutePath().getParent();
    }

    /**
     * Whether the calling thread's cleaning should stop: the cleaner is closed, or the thread's
     * set of threads (the current one for a thread that is not a cleaner thread) is being stopped.
     */
    private boolean stopping() {
        CleanerThreads owner = threadsOfThisThread.get();
        return closed || !(owner == null ? current : owner).running;
    }

    /**
     * The throttler's sleep: ends early when the calling thread's cleaning is aborted or the
     * cleaner shuts down, so {@link #abortCleaning} (which a log deletion waits for) never waits
     * out a throttle that may last minutes. The next abort check then stops the cleaning. A
     * monitor wait runs on the JVM's clock, as the back-off does.
     */
    private void sleepUnlessAborted(long nanos) throws InterruptedException {
        TopicPartition tp = cleaningOnThisThread.get();
        long deadlineNs = System.nanoTime() + nanos;
        synchronized (this) {
            while (!stopping() && (tp == null || !aborting.containsKey(tp))) {
                long remainingNs = deadlineNs - System.nanoTime();
                if (remainingNs <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(this, remainingNs);
            }
        }
    }

    /** The nanoseconds the throttler has told cleaner threads to sleep so far. */
    long throttledNs() {
        return current.throttler.totalSleptNs();
    }

    /** The back-off: ends early when the thread's set of threads is stopped. */
    private static void sleepQuietly(CleanerThreads owner, long nanos) {
        try {
            owner.stopped.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            owner.running = false;
        }
    }

    /** Stops the threads, letting a cleaning in progress stop at its next read, and waits for them. */
    @Override
    public void close() throws InterruptedException {
        closed = true; // before the lock, which a reconfigure may hold: no later one starts threads
        CleanerThreads last = current;
        last.running = false;
        last.stopped.countDown();
        synchronized (lifecycleLock) {
            current.stop();
        }
    }
}
