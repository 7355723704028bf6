package io.tributary.storage.model;

import io.tributary.records.CompressionType;
import io.tributary.storage.LogConfig;
import io.tributary.storage.model.LogOperation.Append;
import io.tributary.storage.model.LogOperation.AwaitDurable;
import io.tributary.storage.model.LogOperation.BatchSpec;
import io.tributary.storage.model.LogOperation.Bound;
import io.tributary.storage.model.LogOperation.CrashRestart;
import io.tributary.storage.model.LogOperation.FindOffsetByTimestamp;
import io.tributary.storage.model.LogOperation.Read;
import io.tributary.storage.model.LogOperation.RecordSpec;
import io.tributary.storage.model.LogOperation.Start;
import io.tributary.storage.model.LogOperation.TimestampTarget;
import io.tributary.storage.model.LogOperation.TruncateTo;
import io.tributary.storage.model.LogOperation.TruncationTarget;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Random sequences of appends, reads, rolls, truncations, timestamp lookups, durability waits,
 * checkpoints, clean restarts and crashes against a real partition log in a temporary directory
 * agree with {@link LogModel}, a list of batches. Configs are tiny (segments of a few hundred
 * bytes, indexes of a few entries, index entries every few bytes) so that rolls, full indexes and
 * multi-segment reads happen in nearly every run; batches use every compression codec, record
 * timestamps go backwards now and then, as late records do, and some batches have none (-1).
 *
 * <p>Runs are generated with 30 to 80 operations; shrinking may go below that. A failure message
 * lists every step of the (shrunk) run with the offsets it resolved to, which is a reproduction.
 *
 * <p>It found the bugs now pinned by {@link PartitionLogEdgeCaseTest}: a multi-batch append
 * overflowing a small index, the largest timestamp lost by truncation, a reactivated segment's
 * trimmed index, and a crash recovery overflowing an index.
 */
class PartitionLogModelPropertyTest {

    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    void partitionLogBehavesLikeAListOfBatches(@ForAll("configs") LogConfig config,
                                               @ForAll("operations") List<LogOperation> operations) {
        try (ModelCheckedLog log = new ModelCheckedLog(config)) {
            log.checkInvariants();
            operations.forEach(log::apply);
            collect(config, operations.size(), log.statistics());
        }
    }

    private static void collect(LogConfig config, int operations, ModelCheckedLog.RunStatistics run) {
        Statistics.label("operations").collect(operations < 30 ? "under 30" : operations <= 55 ? "30-55" : "56-80");
        Statistics.label("timestamp type").collect(config.logAppendTime() ? "LogAppendTime" : "CreateTime");
        Statistics.label("segments (most at once)").collect(run.maxSegments < 3 ? "1-2" : run.maxSegments < 8 ? "3-7" : "8+");
        Statistics.label("rolled on a full index").collect(run.fullIndexRolls > 0);
        Statistics.label("truncated").collect(run.truncations > 0);
        Statistics.label("restarted cleanly").collect(run.cleanRestarts > 0);
        Statistics.label("crashed (with a torn tail)").collect(run.crashRestarts > 0 ? run.tornTailRecoveries > 0 ? "torn" : "whole" : "no");
    }

    @Provide
    Arbitrary<LogConfig> configs() {
        Arbitrary<Integer> segmentBytes = Arbitraries.integers().between(150, 4000);
        Arbitrary<Integer> indexIntervalBytes = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0)),
                Tuple.of(3, Arbitraries.integers().between(1, 400)),
                Tuple.of(1, Arbitraries.just(LogConfig.DEFAULT_INDEX_INTERVAL_BYTES)));
        Arbitrary<Integer> segmentIndexBytes = Arbitraries.of(12, 16, 24, 32, 48, 64, 96, 256, 4096);
        Arbitrary<Long> segmentMs = Arbitraries.of(LogConfig.DEFAULT_SEGMENT_MS, 60_000L, 5_000L);
        Arbitrary<Boolean> logAppendTime = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true)));
        return Combinators.combine(segmentBytes, indexIntervalBytes, segmentIndexBytes, segmentMs, logAppendTime)
                .as((bytes, interval, indexBytes, ms, appendTime) -> LogConfig.defaults().withSegmentBytes(bytes)
                        .withIndexIntervalBytes(interval).withSegmentIndexBytes(indexBytes).withSegmentMs(ms)
                        .withLogAppendTime(appendTime));
    }

    @Provide
    Arbitrary<List<LogOperation>> operations() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, operation(reads())),
                Tuple.of(12, operation(appends())),
                Tuple.of(3, operation(Arbitraries.just(new LogOperation.Roll()))),
                Tuple.of(3, operation(truncations())),
                Tuple.of(5, operation(timestampLookups())),
                Tuple.of(2, operation(durabilityWaits())),
                Tuple.of(1, operation(Arbitraries.longs().between(1, 10_000).map(LogOperation.AdvanceTime::new))),
                Tuple.of(1, operation(Arbitraries.just(new LogOperation.Checkpoint()))),
                Tuple.of(2, operation(Arbitraries.just(new LogOperation.CleanRestart()))),
                Tuple.of(2, operation(crashes())))
                .list().ofMinSize(1).ofMaxSize(80).withSizeDistribution(atLeast(30));
    }

    /**
     * Sizes drawn uniformly from {@code generatedMinimum} to the list's maximum, while shrinking may
     * still go down to the list's minimum: long runs find more, short ones explain better.
     */
    private static RandomDistribution atLeast(int generatedMinimum) {
        return (genSize, min, max, center) -> random -> {
            int from = Math.max(min.intValue(), Math.min(generatedMinimum, max.intValue()));
            return BigInteger.valueOf(from + random.nextInt(max.intValue() - from + 1));
        };
    }

    private static Arbitrary<LogOperation> operation(Arbitrary<? extends LogOperation> arbitrary) {
        return arbitrary.map(LogOperation.class::cast);
    }

    private static Arbitrary<Integer> picks() {
        return Arbitraries.integers().between(0, LogOperation.PICK_RANGE - 1);
    }

    private static Arbitrary<Append> appends() {
        Arbitrary<Boolean> withoutTimestamps = Arbitraries.frequencyOf(Tuple.of(7, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true)));
        Arbitrary<BatchSpec> batch = Combinators.combine(compressions(), withoutTimestamps, recordSpecs().list().ofMinSize(1).ofMaxSize(12))
                .as(BatchSpec::new);
        Arbitrary<List<BatchSpec>> batches = Arbitraries.frequencyOf(
                Tuple.of(6, batch.list().ofSize(1)),
                Tuple.of(2, batch.list().ofMinSize(2).ofMaxSize(4)));
        return batches.map(Append::new);
    }

    private static Arbitrary<CompressionType> compressions() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(CompressionType.NONE)),
                Tuple.of(3, Arbitraries.of(CompressionType.GZIP, CompressionType.SNAPPY, CompressionType.LZ4, CompressionType.ZSTD)));
    }

    private static Arbitrary<RecordSpec> recordSpecs() {
        Arbitrary<Integer> clockStep = Arbitraries.integers().between(0, 40);
        Arbitrary<Integer> skew = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(0)),
                Tuple.of(3, Arbitraries.integers().between(-50, 50)),
                Tuple.of(1, Arbitraries.integers().between(-3000, 3000)));
        Arbitrary<Integer> keySize = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(-1)),
                Tuple.of(4, Arbitraries.integers().between(0, 20)));
        Arbitrary<Integer> valueSize = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(-1)),
                Tuple.of(6, Arbitraries.integers().between(0, 120)),
                Tuple.of(2, Arbitraries.integers().between(121, 900)));
        return Combinators.combine(clockStep, skew, keySize, valueSize).as(RecordSpec::new);
    }

    private static Arbitrary<Read> reads() {
        Arbitrary<Start> start = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(Start.ANY_OFFSET)),
                Tuple.of(3, Arbitraries.just(Start.BATCH_BASE)),
                Tuple.of(1, Arbitraries.of(Start.LOG_END, Start.BELOW_LOG_START, Start.PAST_LOG_END)));
        Arbitrary<Bound> bound = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(Bound.LOG_END)),
                Tuple.of(3, Arbitraries.just(Bound.BATCH_BOUNDARY)),
                Tuple.of(2, Arbitraries.just(Bound.ANY_OFFSET)),
                Tuple.of(1, Arbitraries.just(Bound.UNBOUNDED)));
        Arbitrary<Integer> maxBytes = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0)),
                Tuple.of(3, Arbitraries.integers().between(1, 200)),
                Tuple.of(3, Arbitraries.integers().between(201, 3000)),
                Tuple.of(2, Arbitraries.just(1 << 20)),
                Tuple.of(1, Arbitraries.just(Integer.MAX_VALUE)));
        return Combinators.combine(start, bound, picks(), maxBytes, Arbitraries.of(true, false)).as(Read::new);
    }

    private static Arbitrary<TruncateTo> truncations() {
        Arbitrary<TruncationTarget> target = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(TruncationTarget.BATCH_BASE)),
                Tuple.of(2, Arbitraries.just(TruncationTarget.ANY_OFFSET)),
                Tuple.of(1, Arbitraries.just(TruncationTarget.AT_OR_PAST_LOG_END)));
        return Combinators.combine(target, picks()).as(TruncateTo::new);
    }

    private static Arbitrary<FindOffsetByTimestamp> timestampLookups() {
        return Combinators.combine(Arbitraries.of(TimestampTarget.class), picks()).as(FindOffsetByTimestamp::new);
    }

    private static Arbitrary<AwaitDurable> durabilityWaits() {
        Arbitrary<Boolean> pastLogEnd = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true)));
        return Combinators.combine(pastLogEnd, picks()).as(AwaitDurable::new);
    }

    private static Arbitrary<CrashRestart> crashes() {
        return Combinators.combine(Arbitraries.of(false, true), picks()).as(CrashRestart::new);
    }
}
