package io.tributary.storage.crash;

import io.tributary.common.Time;
import io.tributary.storage.LogAppendInfo;
import io.tributary.storage.LogConfig;
import io.tributary.storage.LogManager;
import io.tributary.storage.PartitionLog;
import io.tributary.storage.RecoveryResult;
import io.tributary.storage.TopicPartition;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Semaphore;

/**
 * The process {@link KillDuringAppendTest} kills: a broker's storage under an {@code acks=all}
 * load and nothing else. It opens a {@link LogManager} on a directory (recovering it if the last
 * process was killed), then appends {@link OffsetValuedBatches} to one partition from one thread,
 * keeping up to {@value #IN_FLIGHT} appends waiting for their fsync so that one fsync covers
 * several of them (group commit, DESIGN D5).
 *
 * <p>Usage: {@code AppendWorkload <log dir> <seed>}. Standard output carries one line per event,
 * each flushed before the next step, so a line the parent has read is a fact about the past:
 * <pre>
 *   start &lt;logEndOffset&gt; &lt;segmentsRecovered&gt; &lt;bytesTruncated&gt; &lt;segmentsDeleted&gt;   the log is open
 *   appended &lt;lastOffset&gt;                                 appendAsLeader returned: the batch is in the page cache
 *   durable &lt;lastOffset&gt;                                  awaitDurable(lastOffset) completed:
 *                                                          the batch is acknowledged
 *   failed &lt;reason&gt;                                        the workload broke; it exits with status 2
 * </pre>
 * A {@code durable} line is what an {@code acks=all} producer would be told, so after any kill
 * every offset up to the highest one printed must survive recovery. A SIGKILL loses nothing the
 * kernel has accepted either, so everything up to the highest {@code appended} line must survive
 * a kill too (not a power loss).
 *
 * <p>The process never stops on its own before {@value #MAX_BATCHES} batches, and it halts as soon
 * as its standard input reaches end of file, so a workload orphaned by a dead test cannot fill the
 * disk.
 */
public final class AppendWorkload {

    static final TopicPartition PARTITION = new TopicPartition("crash", 0);
    static final int IN_FLIGHT = 8;
    static final int MAX_BATCHES = 200_000;
    /** Now and then a batch of up to 8 pages, so a kill can land inside the write of a large batch. */
    static final int MAX_PADDING_BYTES = 32 * 1024;
    private static final long CHECKPOINT_INTERVAL_MS = 50;
    private static final long FLUSH_CHECK_INTERVAL_MS = 1000;

    private AppendWorkload() {
    }

    /**
     * Small segments (64 KiB) with small index files (64 offset entries, 42 time entries) and an
     * index entry every KiB, so a run rolls segments by size and by full indexes many times.
     */
    static LogConfig config() {
        return LogConfig.defaults().withSegmentBytes(64 * 1024).withIndexIntervalBytes(1024).withSegmentIndexBytes(512);
    }

    /** The manager the workload runs and the test recovers with: checkpoints every 50 ms, so kills land in them too. */
    static LogManager logManager(Path logDir) {
        return new LogManager(List.of(logDir), config(), Time.SYSTEM, 1, FLUSH_CHECK_INTERVAL_MS, CHECKPOINT_INTERVAL_MS);
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        haltWhenStandardInputCloses();
        try {
            run(Path.of(args[0]), new Random(Long.parseLong(args[1])), out);
        } catch (Throwable e) {
            out.println("failed " + e);
            e.printStackTrace();
            Runtime.getRuntime().halt(2);
        }
    }

    private static void run(Path logDir, Random random, PrintStream out) throws Exception {
        LogManager manager = logManager(logDir);
        manager.startup();
        PartitionLog log = manager.getOrCreateLog(PARTITION);
        RecoveryResult recovery = manager.recoveryResults().get(PARTITION);
        out.println("start " + log.logEndOffset() + " " + (recovery == null ? "0 0 0"
                : recovery.segmentsRecovered() + " " + recovery.bytesTruncated() + " " + recovery.segmentsDeleted()));

        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        for (int i = 0; i < MAX_BATCHES; i++) {
            inFlight.acquire();
            long firstOffset = log.logEndOffset(); // the only appender, so the offsets the batch gets are known
            LogAppendInfo info = log.appendAsLeader(
                    OffsetValuedBatches.random(firstOffset, random, System.currentTimeMillis(), MAX_PADDING_BYTES), 0);
            if (info.firstOffset() != firstOffset) {
                throw new IllegalStateException("batch built for offset " + firstOffset + " was appended at " + info.firstOffset());
            }
            long lastOffset = info.lastOffset();
            out.println("appended " + lastOffset);
            log.awaitDurable(lastOffset).whenComplete((ignored, error) -> {
                if (error != null) {
                    out.println("failed awaitDurable(" + lastOffset + "): " + error);
                    Runtime.getRuntime().halt(2);
                }
                out.println("durable " + lastOffset);
                inFlight.release();
            });
        }
        inFlight.acquire(IN_FLIGHT);
        out.println("failed the workload ran out of batches before it was killed");
        Runtime.getRuntime().halt(2);
    }

    private static void haltWhenStandardInputCloses() {
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent never writes; end of file means it is gone
                }
            } catch (IOException e) {
                // treated like end of file
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
