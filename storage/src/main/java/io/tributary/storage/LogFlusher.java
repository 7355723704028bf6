package io.tributary.storage;

import io.tributary.common.Time;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that fsync partition logs (DESIGN D5). A log asks for a flush when an
 * {@code acks=all} append waits for durability, at a segment roll, or when its
 * {@code flush.messages}/{@code flush.ms} policy says so; the flusher fsyncs each log once for
 * everything appended since its last fsync, so concurrent waiters share one fsync (group commit).
 *
 * <p>A log is queued at most once at a time (the log keeps the flag). A periodic check applies
 * {@code flush.ms} to idle logs.
 */
public final class LogFlusher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LogFlusher.class);

    /** Flush tasks; {@link #STOP} ends a thread. Threads are never interrupted: an interrupt during
     * {@code FileChannel.force} closes the channel for every user of the segment. */
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private static final Runnable STOP = () -> { };
    private final Thread[] threads;
    private final ScheduledExecutorService scheduler;

    /**
     * @param threads            fsync threads (one is enough for one disk; more help with several)
     * @param checkIntervalMs    how often {@code flush.ms} is checked ({@code log.flush.scheduler.interval.ms})
     * @param logs               the logs the periodic check looks at
     */
    public LogFlusher(int threads, long checkIntervalMs, Supplier<Collection<PartitionLog>> logs, Time time) {
        this.threads = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::run, "log-flusher-" + i);
            t.setDaemon(true);
            this.threads[i] = t;
            t.start();
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "log-flush-scheduler");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            long now = time.milliseconds();
            for (PartitionLog partitionLog : logs.get()) {
                partitionLog.flushIfDue(now);
            }
        }, checkIntervalMs, checkIntervalMs, TimeUnit.MILLISECONDS);
    }

    /** Queues {@code partitionLog} for an fsync. */
    void schedule(PartitionLog partitionLog) {
        queue.add(() -> {
            try {
                partitionLog.flushToEnd();
            } catch (RuntimeException e) {
                log.error("flush of {} failed", partitionLog.topicPartition(), e);
            }
        });
    }

    private void run() {
        while (true) {
            Runnable next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (next == STOP) {
                return;
            }
            next.run();
        }
    }

    @Override
    public void close() throws InterruptedException {
        scheduler.shutdown();
        for (int i = 0; i < threads.length; i++) {
            queue.add(STOP);
        }
        for (Thread t : threads) {
            t.join();
        }
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
    }
}
