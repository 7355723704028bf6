package io.tributary.storage.model;

import io.tributary.records.CompressionType;
import java.util.List;

/**
 * One step of a model test run against a partition log. Operations carry no offsets: they say
 * where to aim ({@code pick}, 0 to {@link #PICK_RANGE} - 1, scales into the valid range at the
 * moment the step runs), so that any sequence is valid and jqwik can shrink a failing sequence by
 * dropping steps without making later ones meaningless.
 */
sealed interface LogOperation {

    /** {@code pick} values lie in [0, PICK_RANGE). */
    int PICK_RANGE = 10_000;

    /** {@code appendAsLeader} of one request holding {@code batches}. */
    record Append(List<BatchSpec> batches) implements LogOperation {
    }

    /**
     * A batch a producer would send: base offset 0, no leader epoch, CreateTime timestamps, or
     * with {@code withoutTimestamps} every record at -1 (no timestamp, which Kafka accepts).
     */
    record BatchSpec(CompressionType compression, boolean withoutTimestamps, List<RecordSpec> records) {
    }

    /**
     * A record: the producer's clock moves {@code clockStepMs} and the record is stamped
     * {@code timestampSkewMs} away from it (late or early records make timestamps non-monotonic).
     * A {@code keySize} of -1 means a null key, a {@code valueSize} of -1 a null value.
     */
    record RecordSpec(int clockStepMs, int timestampSkewMs, int keySize, int valueSize) {
    }

    /** {@code read(start, maxBytes, bound, minOneMessage)}. */
    record Read(Start start, Bound bound, int pick, int maxBytes, boolean minOneMessage) implements LogOperation {
    }

    enum Start {
        /** Any offset from 0 to the log end offset. */
        ANY_OFFSET,
        /** The base offset of an appended batch. */
        BATCH_BASE,
        LOG_END,
        /** A negative offset: out of range. */
        BELOW_LOG_START,
        /** Past the log end offset: out of range. */
        PAST_LOG_END
    }

    enum Bound {
        LOG_END,
        /** A batch boundary at or above the start, as a high watermark always is. */
        BATCH_BOUNDARY,
        /** Any offset from 0 to just past the log end, possibly inside a batch. */
        ANY_OFFSET,
        UNBOUNDED
    }

    record Roll() implements LogOperation {
    }

    /** {@code truncateTo(target)}, as a follower does after a leader change. */
    record TruncateTo(TruncationTarget target, int pick) implements LogOperation {
    }

    enum TruncationTarget {
        BATCH_BASE,
        /** Any offset up to the log end, possibly inside a batch. */
        ANY_OFFSET,
        /** At or past the log end: nothing to remove. */
        AT_OR_PAST_LOG_END
    }

    /** {@code fetchOffsetByTimestamp(target)}. */
    record FindOffsetByTimestamp(TimestampTarget target, int pick) implements LogOperation {
    }

    enum TimestampTarget {
        /** The timestamp of an appended record. */
        RECORD,
        RECORD_PLUS_ONE,
        RECORD_MINUS_ONE,
        BEFORE_EVERY_RECORD,
        AFTER_EVERY_RECORD
    }

    /** {@code awaitDurable(offset)}, for an offset in the log or (if {@code pastLogEnd}) not yet written. */
    record AwaitDurable(boolean pastLogEnd, int pick) implements LogOperation {
    }

    /** The broker's clock moves, which may make the active segment old enough to roll ({@code segment.ms}). */
    record AdvanceTime(long milliseconds) implements LogOperation {
    }

    /** The log manager writes its recovery-point and log-start-offset checkpoints. */
    record Checkpoint() implements LogOperation {
    }

    record CleanRestart() implements LogOperation {
    }

    /**
     * A crash: restart on a copy of the log directory taken while open. With
     * {@code losesUnflushedTail} the copy's active segment is cut at a point ({@code pick}) at or
     * after the recovery point: bytes never fsynced may be lost, whole or torn mid-batch.
     */
    record CrashRestart(boolean losesUnflushedTail, int pick) implements LogOperation {
    }
}
