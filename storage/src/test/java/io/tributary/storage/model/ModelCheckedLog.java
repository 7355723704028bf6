package io.tributary.storage.model;

import static io.tributary.storage.model.LogOperation.PICK_RANGE;

import io.tributary.storage.FetchDataInfo;
import io.tributary.storage.LogAppendInfo;
import io.tributary.storage.LogConfig;
import io.tributary.storage.LogSegment;
import io.tributary.storage.OffsetOutOfRangeException;
import io.tributary.storage.PartitionLog;
import io.tributary.storage.RecoveryResult;
import io.tributary.storage.index.TimestampOffset;
import io.tributary.storage.model.LogModel.ModelBatch;
import io.tributary.storage.model.LogModel.ModelRecord;
import io.tributary.storage.model.LogOperation.Append;
import io.tributary.storage.model.LogOperation.AwaitDurable;
import io.tributary.storage.model.LogOperation.CrashRestart;
import io.tributary.storage.model.LogOperation.FindOffsetByTimestamp;
import io.tributary.storage.model.LogOperation.Read;
import io.tributary.storage.model.LogOperation.TruncateTo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Drives a real partition log ({@link LogUnderTest}) and a {@link LogModel} with the same
 * {@link LogOperation}s, checking each result against the model and, after every step, that the
 * whole log reads back as the model. A failure names the step and lists every step of the run with
 * the offsets it resolved to, which is a reproduction.
 *
 * <p>Used by one thread; one instance per run.
 */
final class ModelCheckedLog implements AutoCloseable {

    private static final long DURABLE_TIMEOUT_SECONDS = 10;

    private final LogUnderTest underTest;
    private final LogModel model = new LogModel();
    private final SimulatedProducer producer = new SimulatedProducer();
    private final List<String> trace = new ArrayList<>();
    private final List<DurabilityWait> pendingWaits = new ArrayList<>();
    private final RunStatistics statistics = new RunStatistics();
    private int leaderEpoch;

    /** An {@code awaitDurable} future for an offset not yet written when it was asked for. */
    private static final class DurabilityWait {
        final long offset;
        final CompletableFuture<Void> future;
        boolean truncatedAway;

        DurabilityWait(long offset, CompletableFuture<Void> future) {
            this.offset = offset;
            this.future = future;
        }
    }

    /** Counts of what a run exercised, for jqwik's statistics. */
    static final class RunStatistics {
        int maxSegments;
        int fullIndexRolls;
        int truncations;
        int cleanRestarts;
        int crashRestarts;
        int tornTailRecoveries;
    }

    ModelCheckedLog(LogConfig config) {
        this.underTest = LogUnderTest.create(config);
        trace.add("config " + config);
    }

    RunStatistics statistics() {
        return statistics;
    }

    /** Runs {@code operation} on the log and the model, then checks the invariants. */
    void apply(LogOperation operation) {
        int step = trace.size();
        trace.add("#" + step + " " + operation);
        try {
            run(operation);
            checkInvariants();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("step #" + step + " failed: " + e + "\n" + describeRun(), e);
        }
    }

    private void run(LogOperation operation) {
        if (operation instanceof Append append) {
            append(append);
        } else if (operation instanceof Read read) {
            read(read);
        } else if (operation instanceof LogOperation.Roll) {
            roll();
        } else if (operation instanceof TruncateTo truncate) {
            truncate(truncate);
        } else if (operation instanceof FindOffsetByTimestamp find) {
            findOffsetByTimestamp(find);
        } else if (operation instanceof AwaitDurable await) {
            awaitDurable(await);
        } else if (operation instanceof LogOperation.AdvanceTime advance) {
            underTest.time().advance(advance.milliseconds(), TimeUnit.MILLISECONDS);
        } else if (operation instanceof LogOperation.Checkpoint) {
            checkpoint();
        } else if (operation instanceof LogOperation.CleanRestart) {
            cleanRestart();
        } else if (operation instanceof CrashRestart crash) {
            crashRestart(crash);
        } else {
            throw new IllegalArgumentException("unknown operation " + operation);
        }
    }

    private String describeRun() {
        StringBuilder out = new StringBuilder("run so far:\n");
        trace.forEach(line -> out.append("  ").append(line).append('\n'));
        PartitionLog log = underTest.log();
        if (log != null) {
            out.append("  segments ").append(log.segments()).append('\n');
        }
        out.append("  model ").append(model.batches());
        return out.toString();
    }

    private void note(String resolved) {
        int last = trace.size() - 1;
        trace.set(last, trace.get(last) + " -> " + resolved);
    }

    private PartitionLog log() {
        return underTest.log();
    }

    // ---- operations

    private void append(Append append) {
        SimulatedProducer.Request request = producer.produce(append.batches());
        LogSegment active = log().activeSegment();
        boolean rollsOnFullIndex = active.sizeInBytes() > 0 && active.indexesFull();
        long firstOffset = model.logEndOffset();
        long logAppendTimeMs = underTest.config().logAppendTime() ? underTest.time().milliseconds() : -1;
        LogAppendInfo info = log().appendAsLeader(request.records(), leaderEpoch);
        long next = firstOffset;
        long maxTimestamp = -1;
        int bytes = 0;
        for (SimulatedProducer.SentBatch sent : request.batches()) {
            ModelBatch batch = sent.assign(next, leaderEpoch, logAppendTimeMs);
            model.append(batch);
            next = batch.nextOffset();
            bytes += batch.sizeInBytes();
            for (ModelRecord r : batch.records()) {
                maxTimestamp = Math.max(maxTimestamp, r.timestamp());
            }
        }
        note("offsets " + firstOffset + ".." + (next - 1));
        if (rollsOnFullIndex) {
            statistics.fullIndexRolls++;
        }
        expectEqual(firstOffset, info.firstOffset(), "first offset assigned");
        expectEqual(next - 1, info.lastOffset(), "last offset assigned");
        expectEqual((int) (next - firstOffset), info.recordCount(), "records appended");
        expectEqual(bytes, info.validBytes(), "bytes appended");
        expectEqual(maxTimestamp, info.maxTimestamp(), "max timestamp of the append");
        expectEqual(logAppendTimeMs, info.logAppendTimeMs(), "log append time");
    }

    private void read(Read read) {
        long logEnd = model.logEndOffset();
        long start = readStart(read);
        long bound = readBound(read, start);
        note("read(" + start + ", " + read.maxBytes() + ", " + bound + ", " + read.minOneMessage() + ")");
        if (start < 0 || start > logEnd) {
            expectOutOfRange(start, read.maxBytes(), bound, read.minOneMessage());
            return;
        }
        FetchDataInfo info = log().read(start, read.maxBytes(), bound, read.minOneMessage());
        expectEqual(start, info.fetchOffsetMetadata().messageOffset(), "fetch offset metadata");
        new ReadCheck(model, start, read.maxBytes(), bound, read.minOneMessage(), segmentBaseOffsets()).verify(info);
    }

    private long readStart(Read read) {
        long logEnd = model.logEndOffset();
        return switch (read.start()) {
            case ANY_OFFSET -> pick(0, logEnd, read.pick());
            case BATCH_BASE -> randomBatchBase(read.pick());
            case LOG_END -> logEnd;
            case BELOW_LOG_START -> -1 - read.pick() % 3;
            case PAST_LOG_END -> logEnd + 1 + read.pick() % 3;
        };
    }

    private long readBound(Read read, long start) {
        long logEnd = model.logEndOffset();
        int otherPick = (read.pick() * 7919) % PICK_RANGE;
        return switch (read.bound()) {
            case LOG_END -> logEnd;
            case BATCH_BOUNDARY -> {
                List<Long> boundaries = new ArrayList<>();
                for (ModelBatch batch : model.batches()) {
                    if (batch.nextOffset() > start) {
                        boundaries.add(batch.nextOffset());
                    }
                }
                yield boundaries.isEmpty() ? logEnd : boundaries.get((int) pick(0, boundaries.size() - 1, otherPick));
            }
            case ANY_OFFSET -> pick(0, logEnd + 2, otherPick);
            case UNBOUNDED -> Long.MAX_VALUE;
        };
    }

    private void expectOutOfRange(long start, int maxBytes, long bound, boolean minOneMessage) {
        try {
            FetchDataInfo info = log().read(start, maxBytes, bound, minOneMessage);
            throw new AssertionError("read at " + start + " outside [0, " + model.logEndOffset()
                    + "] returned " + info.records().sizeInBytes() + " bytes instead of OffsetOutOfRangeException");
        } catch (OffsetOutOfRangeException expected) {
            // Kafka's OFFSET_OUT_OF_RANGE
        }
    }

    private void roll() {
        boolean activeHasData = log().activeSegment().sizeInBytes() > 0;
        LogSegment active = log().roll();
        expectEqual(model.logEndOffset(), active.baseOffset(), "base offset of the active segment after a roll");
        note("active segment " + active.baseOffset() + (activeHasData ? "" : " (was empty: no roll)"));
    }

    private void truncate(TruncateTo truncate) {
        long logEnd = model.logEndOffset();
        long target = switch (truncate.target()) {
            case BATCH_BASE -> randomBatchBase(truncate.pick());
            case ANY_OFFSET -> pick(0, logEnd, truncate.pick());
            case AT_OR_PAST_LOG_END -> logEnd + truncate.pick() % 3;
        };
        long expectedEnd = model.truncateTo(target);
        log().truncateTo(target);
        statistics.truncations++;
        leaderEpoch++;
        note("truncateTo(" + target + "), log end " + expectedEnd);
        expectEqual(expectedEnd, log().logEndOffset(), "log end offset after truncateTo(" + target + ")");
        for (DurabilityWait wait : pendingWaits) {
            boolean removed = wait.offset >= expectedEnd && wait.offset < logEnd;
            if (removed && !wait.future.isDone()) {
                throw new AssertionError("awaitDurable(" + wait.offset + ") still pending after truncation to " + expectedEnd
                        + ": its offset was removed, so it must fail");
            }
            wait.truncatedAway |= wait.offset >= expectedEnd && expectedEnd < logEnd;
        }
    }

    /** Targets are real timestamps (never negative: ListOffsets gives those other meanings, handled above the log). */
    private void findOffsetByTimestamp(FindOffsetByTimestamp find) {
        List<ModelRecord> records = model.records().stream().filter(r -> r.timestamp() >= 0).toList();
        long target;
        if (records.isEmpty()) {
            target = SimulatedProducer.START_MS + find.pick();
        } else {
            ModelRecord some = records.get((int) pick(0, records.size() - 1, find.pick()));
            long min = records.stream().mapToLong(ModelRecord::timestamp).min().orElseThrow();
            long max = records.stream().mapToLong(ModelRecord::timestamp).max().orElseThrow();
            target = switch (find.target()) {
                case RECORD -> some.timestamp();
                case RECORD_PLUS_ONE -> some.timestamp() + 1;
                case RECORD_MINUS_ONE -> some.timestamp() - 1;
                case BEFORE_EVERY_RECORD -> min - 1 - find.pick() % 1000;
                case AFTER_EVERY_RECORD -> max + 1 + find.pick() % 1000;
            };
        }
        TimestampOffset expected = model.firstRecordAtOrAfter(target)
                .map(r -> new TimestampOffset(r.timestamp(), r.offset())).orElse(null);
        TimestampOffset actual = log().fetchOffsetByTimestamp(target);
        note("fetchOffsetByTimestamp(" + target + ") = " + actual);
        if (!Objects.equals(expected, actual)) {
            throw new AssertionError("fetchOffsetByTimestamp(" + target + "): expected " + expected
                    + " (the first record in offset order with a timestamp at or after it), got " + actual
                    + "; time indexes " + timeIndexes());
        }
    }

    private String timeIndexes() {
        StringBuilder out = new StringBuilder();
        for (LogSegment segment : log().segments()) {
            out.append(segment.baseOffset()).append(": max=").append(segment.maxTimestampSoFar()).append(" [");
            for (int i = 0; i < segment.timeIndex().entries(); i++) {
                out.append(i == 0 ? "" : ", ").append(segment.timeIndex().entry(i));
            }
            out.append("] ");
        }
        return out.toString();
    }

    private void awaitDurable(AwaitDurable await) {
        long logEnd = model.logEndOffset();
        if (await.pastLogEnd() || logEnd == 0) {
            long offset = logEnd + await.pick() % 3;
            CompletableFuture<Void> future = log().awaitDurable(offset);
            note("awaitDurable(" + offset + ") pending");
            if (future.isDone()) {
                throw new AssertionError("awaitDurable(" + offset + ") completed although the log ends at " + logEnd);
            }
            pendingWaits.add(new DurabilityWait(offset, future));
            return;
        }
        long offset = pick(0, logEnd - 1, await.pick());
        note("awaitDurable(" + offset + ")");
        awaitNormally(log().awaitDurable(offset), "awaitDurable(" + offset + ")");
        if (log().recoveryPoint() <= offset) {
            throw new AssertionError("awaitDurable(" + offset + ") completed but the recovery point is " + log().recoveryPoint());
        }
    }

    private static void awaitNormally(CompletableFuture<Void> future, String what) {
        try {
            future.get(DURABLE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(what + " did not complete within " + DURABLE_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(what + ": interrupted", e);
        }
    }

    private void checkpoint() {
        try {
            underTest.manager().checkpoint();
        } catch (IOException e) {
            throw new AssertionError("checkpoint failed", e);
        }
        note("recovery point " + log().recoveryPoint());
    }

    private void cleanRestart() {
        long logEnd = model.logEndOffset();
        List<DurabilityWait> waits = List.copyOf(pendingWaits);
        RecoveryResult result = underTest.cleanRestart();
        statistics.cleanRestarts++;
        for (DurabilityWait wait : waits) {
            if (wait.offset < logEnd && !wait.truncatedAway) {
                awaitNormally(wait.future, "awaitDurable(" + wait.offset + ") across a clean shutdown");
            }
        }
        pendingWaits.clear();
        note(String.valueOf(result));
        expectEqual(logEnd, result.logEndOffset(), "log end offset after a clean restart");
        expectEqual(0, result.segmentsRecovered(), "segments recovered after a clean shutdown (indexes must be consistent)");
        expectEqual(0L, result.bytesTruncated(), "bytes truncated after a clean shutdown");
    }

    private void crashRestart(CrashRestart crash) {
        UnflushedTailCut cut = crash.losesUnflushedTail() ? UnflushedTailCut.plan(model, log(), crash.pick()) : null;
        LogUnderTest.PartitionDirDamage damage = cut == null ? LogUnderTest.PartitionDirDamage.NONE : cut::applyTo;
        long expectedEnd = cut == null ? model.logEndOffset() : cut.survivingLogEndOffset();
        long expectedTornBytes = cut == null ? 0 : cut.tornBytes();
        pendingWaits.clear();
        RecoveryResult result = underTest.crashRestart(damage);
        statistics.crashRestarts++;
        statistics.tornTailRecoveries += cut == null ? 0 : 1;
        note((cut == null ? "" : cut + "; ") + result);
        expectEqual(expectedEnd, result.logEndOffset(), "log end offset recovered after a crash");
        expectEqual(expectedTornBytes, result.bytesTruncated(), "torn bytes truncated by recovery");
        expectEqual(0, result.segmentsDeleted(), "segments deleted by recovery");
        model.truncateTo(expectedEnd);
    }

    // ---- invariants

    /** After every step: offsets agree, the whole log reads back as the model, out-of-range reads fail. */
    void checkInvariants() {
        PartitionLog log = log();
        long logEnd = model.logEndOffset();
        expectEqual(logEnd, log.logEndOffset(), "log end offset");
        expectEqual(0L, log.logStartOffset(), "log start offset");
        if (log.recoveryPoint() > logEnd) {
            throw new AssertionError("recovery point " + log.recoveryPoint() + " is past the log end offset " + logEnd);
        }
        for (DurabilityWait wait : pendingWaits) {
            if (wait.future.isCompletedExceptionally() && !wait.truncatedAway) {
                throw new AssertionError("awaitDurable(" + wait.offset + ") failed although its offset was never truncated: "
                        + wait.future.handle((ok, failure) -> failure).join());
            }
        }
        statistics.maxSegments = Math.max(statistics.maxSegments, log.segments().size());
        List<ModelRecord> actual = readWholeLog(log, logEnd);
        List<ModelRecord> expected = model.records();
        if (!actual.equals(expected)) {
            throw new AssertionError("reading the whole log: expected " + expected.size() + " records, got " + actual.size()
                    + "; first difference at index " + firstDifference(expected, actual) + ": expected "
                    + elementOrNone(expected, firstDifference(expected, actual)) + ", got "
                    + elementOrNone(actual, firstDifference(expected, actual)));
        }
        expectOutOfRange(logEnd + 1, 1 << 20, Long.MAX_VALUE, true);
        expectOutOfRange(-1, 1 << 20, Long.MAX_VALUE, true);
        expectEqual(0, log.read(logEnd, 1 << 20, Long.MAX_VALUE, true).records().sizeInBytes(), "bytes read at the log end");
    }

    /** Reads from 0 to {@code logEnd} as a consumer does: one read per segment, continuing after the last record returned. */
    private static List<ModelRecord> readWholeLog(PartitionLog log, long logEnd) {
        List<ModelRecord> records = new ArrayList<>();
        long next = 0;
        while (next < logEnd) {
            long from = next;
            List<ModelRecord> got = FetchedBytes.of(log.read(from, 1 << 20, logEnd, true).records()).records().stream()
                    .filter(r -> r.offset() >= from).toList();
            if (got.isEmpty()) {
                throw new AssertionError("reading the whole log: no record returned at offset " + from + " (log end " + logEnd + ")");
            }
            records.addAll(got);
            next = got.get(got.size() - 1).offset() + 1;
        }
        return records;
    }

    private static int firstDifference(List<ModelRecord> expected, List<ModelRecord> actual) {
        int i = 0;
        while (i < expected.size() && i < actual.size() && expected.get(i).equals(actual.get(i))) {
            i++;
        }
        return i;
    }

    private static String elementOrNone(List<ModelRecord> records, int index) {
        return index < records.size() ? records.get(index).toString() : "nothing";
    }

    // ---- helpers

    private SortedSet<Long> segmentBaseOffsets() {
        SortedSet<Long> bases = new TreeSet<>();
        log().segments().forEach(s -> bases.add(s.baseOffset()));
        return bases;
    }

    private long randomBatchBase(int pick) {
        List<ModelBatch> batches = model.batches();
        return batches.isEmpty() ? 0 : batches.get((int) pick(0, batches.size() - 1, pick)).baseOffset();
    }

    /** Scales {@code pick} (0 to PICK_RANGE - 1) into [lo, hi]. */
    static long pick(long lo, long hi, int pick) {
        if (hi <= lo) {
            return lo;
        }
        return lo + (long) ((hi - lo + 1) * (pick / (double) PICK_RANGE));
    }

    private static void expectEqual(long expected, long actual, String what) {
        if (expected != actual) {
            throw new AssertionError(what + ": expected " + expected + ", got " + actual);
        }
    }

    static void expectBytes(byte[] expected, byte[] actual, String what) {
        if (!Arrays.equals(expected, actual)) {
            throw new AssertionError(what + ": expected " + expected.length + " bytes, got " + actual.length
                    + (expected.length == actual.length ? " (different content at byte " + Arrays.mismatch(expected, actual) + ")" : ""));
        }
    }

    @Override
    public void close() {
        underTest.close();
    }
}
