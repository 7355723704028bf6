package io.tributary.storage;

/**
 * The settings of one partition log, with Kafka's topic-level names and defaults. Immutable; a
 * changed topic config gives the log a new instance. Parsing and validating configs by name is the
 * broker's job; this is the typed result.
 *
 * @param segmentBytes        {@code segment.bytes}: roll when the active segment would grow past this
 * @param segmentMs           {@code segment.ms}: roll when the active segment is older than this
 * @param segmentIndexBytes   {@code segment.index.bytes}: preallocated size of each index file
 * @param indexIntervalBytes  {@code index.interval.bytes}: bytes between offset index entries
 * @param maxMessageBytes     {@code max.message.bytes}: the largest batch accepted
 * @param logAppendTime       {@code message.timestamp.type=LogAppendTime}: stamp batches with the broker's time
 * @param flushMessages       {@code flush.messages}: fsync after this many messages (page-cache mode)
 * @param flushMs             {@code flush.ms}: fsync when the oldest unflushed write is this old (page-cache mode)
 * @param fileDeleteDelayMs   {@code file.delete.delay.ms}: wait before removing deleted files
 * @param retentionMs         {@code retention.ms}: delete segments whose newest record is older; -1 for no limit
 * @param retentionBytes      {@code retention.bytes}: delete the oldest segments while the log is larger; -1 for no limit
 * @param deleteEnabled       {@code cleanup.policy} contains {@code delete}: retention applies
 */
public record LogConfig(
        int segmentBytes,
        long segmentMs,
        int segmentIndexBytes,
        int indexIntervalBytes,
        int maxMessageBytes,
        boolean logAppendTime,
        long flushMessages,
        long flushMs,
        long fileDeleteDelayMs,
        long retentionMs,
        long retentionBytes,
        boolean deleteEnabled) {

    public static final int DEFAULT_SEGMENT_BYTES = 1024 * 1024 * 1024;
    public static final long DEFAULT_SEGMENT_MS = 7L * 24 * 60 * 60 * 1000;
    public static final int DEFAULT_SEGMENT_INDEX_BYTES = 10 * 1024 * 1024;
    public static final int DEFAULT_INDEX_INTERVAL_BYTES = 4096;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024 + 12;
    public static final long DEFAULT_FILE_DELETE_DELAY_MS = 60_000;
    public static final long DEFAULT_RETENTION_MS = 7L * 24 * 60 * 60 * 1000;
    public static final long DEFAULT_RETENTION_BYTES = -1;

    /**
     * The smallest index: one time-index entry. Kafka accepts 4, which gives indexes that can hold
     * nothing and a roll at every append; Tributary refuses such values at start-up instead.
     */
    public static final int MIN_SEGMENT_INDEX_BYTES = 12;

    /** The smallest segment Kafka allows: one batch header. */
    public static final int MIN_SEGMENT_BYTES = 14;

    public LogConfig {
        requireAtLeast("segment.bytes", segmentBytes, MIN_SEGMENT_BYTES);
        requireAtLeast("segment.ms", segmentMs, 1);
        requireAtLeast("segment.index.bytes", segmentIndexBytes, MIN_SEGMENT_INDEX_BYTES);
        requireAtLeast("index.interval.bytes", indexIntervalBytes, 0);
        requireAtLeast("max.message.bytes", maxMessageBytes, 0);
        requireAtLeast("flush.messages", flushMessages, 1);
        requireAtLeast("flush.ms", flushMs, 0);
        requireAtLeast("file.delete.delay.ms", fileDeleteDelayMs, 0);
        requireAtLeast("retention.ms", retentionMs, -1);
    }

    /** The settings without retention ones: Kafka's default retention (seven days, no size limit, delete policy). */
    public LogConfig(int segmentBytes, long segmentMs, int segmentIndexBytes, int indexIntervalBytes, int maxMessageBytes,
                     boolean logAppendTime, long flushMessages, long flushMs, long fileDeleteDelayMs) {
        this(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, maxMessageBytes, logAppendTime, flushMessages,
                flushMs, fileDeleteDelayMs, DEFAULT_RETENTION_MS, DEFAULT_RETENTION_BYTES, true);
    }

    /** Kafka's defaults. */
    public static LogConfig defaults() {
        return new LogConfig(DEFAULT_SEGMENT_BYTES, DEFAULT_SEGMENT_MS, DEFAULT_SEGMENT_INDEX_BYTES,
                DEFAULT_INDEX_INTERVAL_BYTES, DEFAULT_MAX_MESSAGE_BYTES, false, Long.MAX_VALUE, Long.MAX_VALUE,
                DEFAULT_FILE_DELETE_DELAY_MS);
    }

    public LogConfig withSegmentBytes(int value) {
        return new LogConfig(value, segmentMs, segmentIndexBytes, indexIntervalBytes, maxMessageBytes, logAppendTime,
                flushMessages, flushMs, fileDeleteDelayMs, retentionMs, retentionBytes, deleteEnabled);
    }

    public LogConfig withSegmentMs(long value) {
        return new LogConfig(segmentBytes, value, segmentIndexBytes, indexIntervalBytes, maxMessageBytes, logAppendTime,
                flushMessages, flushMs, fileDeleteDelayMs, retentionMs, retentionBytes, deleteEnabled);
    }

    public LogConfig withSegmentIndexBytes(int value) {
        return new LogConfig(segmentBytes, segmentMs, value, indexIntervalBytes, maxMessageBytes, logAppendTime,
                flushMessages, flushMs, fileDeleteDelayMs, retentionMs, retentionBytes, deleteEnabled);
    }

    public LogConfig withIndexIntervalBytes(int value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, value, maxMessageBytes, logAppendTime,
                flushMessages, flushMs, fileDeleteDelayMs, retentionMs, retentionBytes, deleteEnabled);
    }

    public LogConfig withMaxMessageBytes(int value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, value, logAppendTime,
                flushMessages, flushMs, fileDeleteDelayMs, retentionMs, retentionBytes, deleteEnabled);
    }

    public LogConfig withLogAppendTime(boolean value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, maxMessageBytes, value,
                flushMessages, flushMs, fileDeleteDelayMs, retentionMs, retentionBytes, deleteEnabled);
    }

    public LogConfig withFlush(long messages, long ms) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, maxMessageBytes, logAppendTime,
                messages, ms, fileDeleteDelayMs, retentionMs, retentionBytes, deleteEnabled);
    }

    public LogConfig withFileDeleteDelayMs(long value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, maxMessageBytes, logAppendTime,
                flushMessages, flushMs, value, retentionMs, retentionBytes, deleteEnabled);
    }

    /** {@code retention.ms}, {@code retention.bytes} and whether {@code cleanup.policy} contains {@code delete}. */
    public LogConfig withRetention(long ms, long bytes, boolean delete) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, maxMessageBytes, logAppendTime,
                flushMessages, flushMs, fileDeleteDelayMs, ms, bytes, delete);
    }

    private static void requireAtLeast(String key, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException("Invalid value " + value + " for configuration " + key
                    + ": Value must be at least " + minimum);
        }
    }
}
