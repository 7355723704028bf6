package io.tributary.storage;

import io.tributary.records.BatchValidator.RecordCheck;
import io.tributary.records.Record;
import io.tributary.records.RecordBatch;
import io.tributary.records.TimestampType;
import java.util.ArrayList;
import java.util.List;

/**
 * The record-level rules a topic's settings impose on a producer's batch, as Kafka's
 * {@code LogValidator} applies them to each record:
 * <ul>
 *   <li>a compacted topic ({@code cleanup.policy} contains {@code compact}) takes only records with
 *       a key (INVALID_RECORD);</li>
 *   <li>on a CreateTime topic a record's timestamp, unless -1, must lie within
 *       [now - {@code message.timestamp.before.max.ms}, now + {@code message.timestamp.after.max.ms}]
 *       (INVALID_TIMESTAMP);</li>
 *   <li>a producer may not mark a batch LogAppendTime; only the broker stamps that (INVALID_TIMESTAMP).</li>
 * </ul>
 * A record breaking the key rule is not checked further. Every failing record of the batch is
 * collected; {@link #throwIfAnyFailed()} then refuses the batch with all of them. On a CreateTime
 * topic the batch's max timestamp is then set from its records ({@link #correctMaxTimestamp}), as
 * Kafka does, so a producer's header cannot put a segment's time outside the bounds its records keep.
 *
 * <p>One instance per batch, used on the thread validating it; not thread-safe.
 */
final class RecordRules implements RecordCheck {

    private final TopicPartition partition;
    private final boolean compacted;
    private final boolean createTime;
    private final long minTimestamp;
    private final long maxTimestamp;
    private long recordsMaxTimestamp = RecordBatch.NO_TIMESTAMP;
    private List<RecordError> errors;
    private boolean invalidTimestamp;

    private RecordRules(TopicPartition partition, LogConfig config, long nowMs) {
        this.partition = partition;
        this.compacted = config.compactEnabled();
        this.createTime = !config.logAppendTime();
        this.minTimestamp = nowMs - config.timestampBeforeMaxMs();
        this.maxTimestamp = config.timestampAfterMaxMs() > Long.MAX_VALUE - nowMs ? Long.MAX_VALUE : nowMs + config.timestampAfterMaxMs();
    }

    /**
     * The rules {@code batch} must pass on a topic with {@code config} at {@code nowMs}, or null if
     * none applies (a LogAppendTime topic that is not compacted, for a batch not marked LogAppendTime):
     * then its records need not be looked at.
     */
    static RecordRules forBatch(RecordBatch batch, LogConfig config, TopicPartition partition, long nowMs) {
        boolean applies = config.compactEnabled() || !config.logAppendTime() || batch.timestampType() == TimestampType.LOG_APPEND_TIME;
        return applies ? new RecordRules(partition, config, nowMs) : null;
    }

    @Override
    public void check(RecordBatch batch, Record record, int batchIndex) {
        recordsMaxTimestamp = Math.max(recordsMaxTimestamp, record.timestamp());
        if (compacted && !record.hasKey()) {
            fail(batchIndex, "Compacted topic cannot accept message without key in topic partition " + partition, false);
        } else if (createTime && record.timestamp() != RecordBatch.NO_TIMESTAMP) {
            long timestamp = record.timestamp();
            if (timestamp < minTimestamp || timestamp > maxTimestamp) {
                fail(batchIndex, "Timestamp " + timestamp + " of message with offset " + record.offset()
                        + " is out of range. The timestamp should be within [" + minTimestamp + ", " + maxTimestamp + "]", true);
            }
        } else if (batch.timestampType() == TimestampType.LOG_APPEND_TIME) {
            fail(batchIndex, "Invalid timestamp type in message DefaultRecord(offset=" + record.offset() + ", timestamp="
                    + record.timestamp() + ", key=" + Math.max(record.keySize(), 0) + " bytes, value="
                    + Math.max(record.valueSize(), 0) + " bytes). Producer should not set timestamp type to LogAppendTime.", true);
        }
    }

    private void fail(int batchIndex, String message, boolean timestamp) {
        if (errors == null) {
            errors = new ArrayList<>(1);
        }
        errors.add(new RecordError(batchIndex, message));
        invalidTimestamp |= timestamp;
    }

    /**
     * On a CreateTime topic, rewrites the max timestamp of {@code batch}, whose records this checked,
     * to the largest record timestamp if the producer wrote another (the CRC is recomputed).
     */
    void correctMaxTimestamp(RecordBatch batch) {
        if (createTime && batch.timestampType() == TimestampType.CREATE_TIME && batch.maxTimestamp() != recordsMaxTimestamp) {
            batch.setMaxTimestamp(TimestampType.CREATE_TIME, recordsMaxTimestamp);
        }
    }

    /**
     * @throws RecordValidationException with every failing record, if any failed
     */
    void throwIfAnyFailed() {
        if (errors != null) {
            throw new RecordValidationException(errors, invalidTimestamp);
        }
    }
}
