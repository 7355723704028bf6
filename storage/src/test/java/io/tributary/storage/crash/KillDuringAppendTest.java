package io.tributary.storage.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.storage.LogManager;
import io.tributary.storage.LogSegment;
import io.tributary.storage.PartitionLog;
import io.tributary.storage.RecoveryResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test for durable appends across process crashes (DESIGN D4, D5): a child JVM
 * appends to a log with {@code acks=all} semantics ({@link AppendWorkload}) and is killed with
 * SIGKILL at a random moment, over and over on the same log directory. After every kill the
 * log must keep every batch whose durability was confirmed, expose no partial or corrupt batch,
 * and hold consecutive offsets with the records written at them. Since a SIGKILL loses nothing
 * the kernel accepted, it must also keep every batch whose append had returned.
 *
 * <p>Most kills are followed by a recovery in this JVM, a full {@link LogAudit} and a clean close
 * (so the next workload starts clean). After the others the next workload recovers the log
 * itself and is killed in turn, so recovery of a log that a recovering broker appended to is
 * covered as well; the next audit then checks what both kills left.
 *
 * <p>A SIGKILL loses nothing the kernel accepted (the page cache survives the process): this test
 * is about what the process leaves behind mid-append, mid-roll, mid-fsync and mid-checkpoint. Lost
 * unfsynced writes, as after a power loss, are {@link TornWriteTest}'s subject.
 *
 * <p>The seed is printed; rerun with {@code -Dcrash.seed=<seed>} to repeat the same workload
 * shapes and kill points (the timing of each kill is the machine's).
 */
class KillDuringAppendTest {

    private static final int KILLS = 60;
    private static final int MAX_CONFIRMATIONS_BEFORE_KILL = 300;

    @TempDir
    Path root;

    private final Totals totals = new Totals();

    @Test
    void sigkillDuringAppendsLosesNoConfirmedBatchAndExposesNoPartialBatch() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Path logDir = root.resolve("data");
        long startedNs = System.nanoTime();
        long highestConfirmed = -1;
        long highestAppended = -1;
        Long endAfterCleanClose = 0L; // the first workload finds no log, like a log closed cleanly when empty
        for (int kill = 1; kill <= KILLS; kill++) {
            String context = " (kill " + kill + ", seed " + seed + ")";
            int confirmationsBeforeKill = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(MAX_CONFIRMATIONS_BEFORE_KILL);
            try (WorkloadProcess workload = WorkloadProcess.start(logDir, random.nextLong(), root.resolve("workload-stderr.log"))) {
                WorkloadProcess.Start start = workload.awaitStart();
                checkStart(start, highestConfirmed, highestAppended, endAfterCleanClose, context);
                workload.awaitDurableLines(confirmationsBeforeKill);
                workload.killAndReadTheRest();
                highestConfirmed = Math.max(highestConfirmed, workload.highestDurable());
                highestAppended = Math.max(highestAppended, workload.highestAppended());
                totals.confirmedBatches += workload.durableLines();
            }
            totals.kills++;
            boolean auditNow = kill == KILLS || random.nextInt(3) != 0;
            long auditStartedNs = System.nanoTime();
            endAfterCleanClose = auditNow ? recoverAndAudit(logDir, highestConfirmed, highestAppended, random, context) : null;
            totals.auditSeconds += (System.nanoTime() - auditStartedNs) / 1e9;
        }
        totals.seconds = (System.nanoTime() - startedNs) / 1e9;
        totals.highestConfirmedOffset = highestConfirmed;
        totals.highestAppendedOffset = highestAppended;
        System.out.println("KillDuringAppendTest (seed " + seed + "): " + totals);
        assertTrue(totals.confirmedBatches > KILLS, "the workloads confirmed too few batches to test anything: " + totals);
    }

    /** What a restarted workload found: every appended offset, and after a clean close exactly what was closed. */
    private void checkStart(WorkloadProcess.Start start, long highestConfirmed, long highestAppended, Long endAfterCleanClose,
                            String context) {
        assertTrue(start.logEndOffset() > highestConfirmed, "the workload's recovery lost confirmed offsets: log end offset "
                + start.logEndOffset() + ", highest confirmed " + highestConfirmed + context);
        assertTrue(start.logEndOffset() > highestAppended, "the workload's recovery lost appended offsets: log end offset "
                + start.logEndOffset() + ", highest appended " + highestAppended + context);
        if (endAfterCleanClose != null) {
            assertEquals(endAfterCleanClose, start.logEndOffset(), "a clean restart changed the log end offset" + context);
            assertEquals(0, start.segmentsRecovered(), "a clean restart recovered segments" + context);
        } else {
            totals.recoveriesByWorkload++;
            totals.bytesTruncated += start.bytesTruncated();
            totals.segmentsRecovered += start.segmentsRecovered();
            totals.segmentsDeleted += start.segmentsDeleted();
        }
    }

    /** Recovers the killed log in this JVM, audits it, closes it cleanly and returns its log end offset. */
    private long recoverAndAudit(Path logDir, long highestConfirmed, long highestAppended, Random random, String context)
            throws Exception {
        Path partitionDir = logDir.resolve(AppendWorkload.PARTITION.toString());
        List<Path> segmentFiles = segmentFiles(partitionDir);
        long bytesBefore = totalSize(segmentFiles);
        LogManager manager = AppendWorkload.logManager(logDir);
        manager.startup();
        try {
            PartitionLog log = manager.getLog(AppendWorkload.PARTITION);
            RecoveryResult recovery = manager.recoveryResults().get(AppendWorkload.PARTITION);
            assertNotNull(log, "the killed workload's log was not loaded" + context);
            LogAudit.Result audit = audit(log, random, context);

            assertTrue(log.logEndOffset() > highestConfirmed, "confirmed offsets were lost: log end offset "
                    + log.logEndOffset() + ", highest confirmed " + highestConfirmed + context);
            assertTrue(log.logEndOffset() > highestAppended, "a SIGKILL keeps the page cache, yet appended offsets were lost: "
                    + "log end offset " + log.logEndOffset() + ", highest appended " + highestAppended + context);
            assertEquals(log.logEndOffset(), recovery.logEndOffset(), "recovery reported another log end offset" + context);
            assertEquals(segmentFiles.size(), recovery.segmentsLoaded(), "segments loaded" + context);
            assertTrue(recovery.segmentsRecovered() >= 1, "an unclean stop must recover at least the active segment" + context);
            assertEquals(bytesBefore - audit.bytes(), recovery.bytesTruncated(),
                    "the bytes recovery reports truncated are not the bytes that left the segment files" + context);
            if (log.logEndOffset() > 0) {
                assertTrue(log.awaitDurable(log.logEndOffset() - 1).isDone(), "what recovery keeps is durable at once" + context);
            }

            totals.inProcessRecoveries++;
            totals.bytesTruncated += recovery.bytesTruncated();
            totals.segmentsRecovered += recovery.segmentsRecovered();
            totals.segmentsDeleted += recovery.segmentsDeleted();
            totals.recoveredOffsets = audit.logEndOffset();
            totals.recoveredBatches = audit.batches();
            totals.segments = audit.segments();
            totals.logBytes = audit.bytes();
            return log.logEndOffset();
        } finally {
            manager.close();
        }
    }

    private static LogAudit.Result audit(PartitionLog log, Random random, String context) throws IOException {
        try {
            return LogAudit.audit(log, random);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + context, e);
        }
    }

    private static List<Path> segmentFiles(Path partitionDir) throws IOException {
        try (Stream<Path> files = Files.list(partitionDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(LogSegment.LOG_SUFFIX)).sorted().toList();
        }
    }

    private static long totalSize(List<Path> files) throws IOException {
        long total = 0;
        for (Path file : files) {
            total += Files.size(file);
        }
        return total;
    }

    /** Counts for the summary line. */
    private static final class Totals {
        int kills;
        int inProcessRecoveries;
        int recoveriesByWorkload;
        long confirmedBatches;
        long highestConfirmedOffset;
        long highestAppendedOffset;
        long recoveredOffsets;
        long recoveredBatches;
        int segments;
        long logBytes;
        long bytesTruncated;
        long segmentsRecovered;
        long segmentsDeleted;
        double seconds;
        double auditSeconds;

        @Override
        public String toString() {
            return String.format("%d kills (%d recovered in-process and audited, %d recovered by the next workload); "
                            + "%d confirmed batches, highest confirmed offset %d, highest appended %d; "
                            + "final log: %d offsets in %d batches, "
                            + "%d segments, %d bytes; recovery: %d bytes truncated, %d segments recovered, %d deleted; "
                            + "%.1f s (%.1f s recovering and auditing in-process)",
                    kills, inProcessRecoveries, recoveriesByWorkload, confirmedBatches, highestConfirmedOffset, highestAppendedOffset,
                    recoveredOffsets, recoveredBatches, segments, logBytes, bytesTruncated, segmentsRecovered,
                    segmentsDeleted, seconds, auditSeconds);
        }
    }
}
