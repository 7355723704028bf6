package io.tributary.storage;

/**
 * The settings of one partition log, with Kafka's topic-level names and defaults. Immutable; a
 * changed topic config gives the log a new instance. Parsing and validating configs by name is the
 * broker's job; this is the typed result. Build one with {@link #builder()} or change a few settings
 * of an existing one with {@link #toBuilder()}.
 *
 * @param segmentBytes          {@code segment.bytes}: roll when the active segment would grow past this
 * @param segmentMs             {@code segment.ms}: roll when the active segment is older than this
 * @param segmentIndexBytes     {@code segment.index.bytes}: preallocated size of each index file
 * @param indexIntervalBytes    {@code index.interval.bytes}: bytes between offset index entries
 * @param maxMessageBytes       {@code max.message.bytes}: the largest batch accepted
 * @param logAppendTime         {@code message.timestamp.type=LogAppendTime}: stamp batches with the broker's time
 * @param timestampBeforeMaxMs  {@code message.timestamp.before.max.ms}: with CreateTime, how far a timestamp may lie in the past
 * @param timestampAfterMaxMs   {@code message.timestamp.after.max.ms}: with CreateTime, how far a timestamp may lie in the future
 * @param compression           {@code compression.type} and its level: the codec batches are stored with
 * @param flushMessages         {@code flush.messages}: fsync after this many messages (page-cache mode)
 * @param flushMs               {@code flush.ms}: fsync when the oldest unflushed write is this old (page-cache mode)
 * @param fileDeleteDelayMs     {@code file.delete.delay.ms}: wait before removing deleted files
 * @param retentionMs           {@code retention.ms}: delete segments whose newest record is older; -1 for no limit
 * @param retentionBytes        {@code retention.bytes}: delete the oldest segments while the log is larger; -1 for no limit
 * @param deleteEnabled         {@code cleanup.policy} contains {@code delete}: retention applies
 * @param compactEnabled        {@code cleanup.policy} contains {@code compact}: the log cleaner keeps the latest record per key
 * @param deleteRetentionMs     {@code delete.retention.ms}: how long the cleaner keeps tombstones
 * @param minCleanableDirtyRatio {@code min.cleanable.dirty.ratio}: the dirty share of the log that makes it worth cleaning
 * @param minCompactionLagMs    {@code min.compaction.lag.ms}: the shortest time a record stays uncompacted
 * @param maxCompactionLagMs    {@code max.compaction.lag.ms}: the longest time a record may stay uncompacted
 */
public record LogConfig(
        int segmentBytes,
        long segmentMs,
        int segmentIndexBytes,
        int indexIntervalBytes,
        int maxMessageBytes,
        boolean logAppendTime,
        long timestampBeforeMaxMs,
        long timestampAfterMaxMs,
        TargetCompression compression,
        long flushMessages,
        long flushMs,
        long fileDeleteDelayMs,
        long retentionMs,
        long retentionBytes,
        boolean deleteEnabled,
        boolean compactEnabled,
        long deleteRetentionMs,
        double minCleanableDirtyRatio,
        long minCompactionLagMs,
        long maxCompactionLagMs) {

    public static final int DEFAULT_SEGMENT_BYTES = 1024 * 1024 * 1024;
    public static final long DEFAULT_SEGMENT_MS = 7L * 24 * 60 * 60 * 1000;
    public static final int DEFAULT_SEGMENT_INDEX_BYTES = 10 * 1024 * 1024;
    public static final int DEFAULT_INDEX_INTERVAL_BYTES = 4096;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024 + 12;
    public static final long DEFAULT_TIMESTAMP_AFTER_MAX_MS = 60L * 60 * 1000;
    public static final long DEFAULT_FILE_DELETE_DELAY_MS = 60_000;
    public static final long DEFAULT_RETENTION_MS = 7L * 24 * 60 * 60 * 1000;
    public static final long DEFAULT_RETENTION_BYTES = -1;
    public static final long DEFAULT_DELETE_RETENTION_MS = 24L * 60 * 60 * 1000;
    public static final double DEFAULT_MIN_CLEANABLE_DIRTY_RATIO = 0.5;

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
        requireAtLeast("message.timestamp.before.max.ms", timestampBeforeMaxMs, 0);
        requireAtLeast("message.timestamp.after.max.ms", timestampAfterMaxMs, 0);
        requireAtLeast("flush.messages", flushMessages, 1);
        requireAtLeast("flush.ms", flushMs, 0);
        requireAtLeast("file.delete.delay.ms", fileDeleteDelayMs, 0);
        requireAtLeast("retention.ms", retentionMs, -1);
        requireAtLeast("delete.retention.ms", deleteRetentionMs, 0);
        requireAtLeast("min.compaction.lag.ms", minCompactionLagMs, 0);
        requireAtLeast("max.compaction.lag.ms", maxCompactionLagMs, 1);
        if (compression == null) {
            throw new IllegalArgumentException("compression must not be null; TargetCompression.PRODUCER keeps the producer's codec");
        }
        if (!(minCleanableDirtyRatio >= 0 && minCleanableDirtyRatio <= 1)) {
            throw new IllegalArgumentException("Invalid value " + minCleanableDirtyRatio
                    + " for configuration min.cleanable.dirty.ratio: Value must be between 0 and 1");
        }
    }

    /** Kafka's defaults. */
    public static LogConfig defaults() {
        return builder().build();
    }

    /** A builder starting from Kafka's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public LogConfig withSegmentBytes(int value) {
        return toBuilder().segmentBytes(value).build();
    }

    public LogConfig withSegmentMs(long value) {
        return toBuilder().segmentMs(value).build();
    }

    public LogConfig withSegmentIndexBytes(int value) {
        return toBuilder().segmentIndexBytes(value).build();
    }

    public LogConfig withIndexIntervalBytes(int value) {
        return toBuilder().indexIntervalBytes(value).build();
    }

    public LogConfig withMaxMessageBytes(int value) {
        return toBuilder().maxMessageBytes(value).build();
    }

    public LogConfig withLogAppendTime(boolean value) {
        return toBuilder().logAppendTime(value).build();
    }

    public LogConfig withFlush(long messages, long ms) {
        return toBuilder().flushMessages(messages).flushMs(ms).build();
    }

    public LogConfig withFileDeleteDelayMs(long value) {
        return toBuilder().fileDeleteDelayMs(value).build();
    }

    /** {@code retention.ms}, {@code retention.bytes} and whether {@code cleanup.policy} contains {@code delete}. */
    public LogConfig withRetention(long ms, long bytes, boolean delete) {
        return toBuilder().retentionMs(ms).retentionBytes(bytes).deleteEnabled(delete).build();
    }

    /** Collects settings for a {@link LogConfig}; starts from Kafka's defaults or from an existing config. */
    public static final class Builder {
        private int segmentBytes = DEFAULT_SEGMENT_BYTES;
        private long segmentMs = DEFAULT_SEGMENT_MS;
        private int segmentIndexBytes = DEFAULT_SEGMENT_INDEX_BYTES;
        private int indexIntervalBytes = DEFAULT_INDEX_INTERVAL_BYTES;
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private boolean logAppendTime;
        private long timestampBeforeMaxMs = Long.MAX_VALUE;
        private long timestampAfterMaxMs = DEFAULT_TIMESTAMP_AFTER_MAX_MS;
        private TargetCompression compression = TargetCompression.PRODUCER;
        private long flushMessages = Long.MAX_VALUE;
        private long flushMs = Long.MAX_VALUE;
        private long fileDeleteDelayMs = DEFAULT_FILE_DELETE_DELAY_MS;
        private long retentionMs = DEFAULT_RETENTION_MS;
        private long retentionBytes = DEFAULT_RETENTION_BYTES;
        private boolean deleteEnabled = true;
        private boolean compactEnabled;
        private long deleteRetentionMs = DEFAULT_DELETE_RETENTION_MS;
        private double minCleanableDirtyRatio = DEFAULT_MIN_CLEANABLE_DIRTY_RATIO;
        private long minCompactionLagMs;
        private long maxCompactionLagMs = Long.MAX_VALUE;

        private Builder() {
        }

        private Builder(LogConfig c) {
            segmentBytes = c.segmentBytes;
            segmentMs = c.segmentMs;
            segmentIndexBytes = c.segmentIndexBytes;
            indexIntervalBytes = c.indexIntervalBytes;
            maxMessageBytes = c.maxMessageBytes;
            logAppendTime = c.logAppendTime;
            timestampBeforeMaxMs = c.timestampBeforeMaxMs;
            timestampAfterMaxMs = c.timestampAfterMaxMs;
            compression = c.compression;
            flushMessages = c.flushMessages;
            flushMs = c.flushMs;
            fileDeleteDelayMs = c.fileDeleteDelayMs;
            retentionMs = c.retentionMs;
            retentionBytes = c.retentionBytes;
            deleteEnabled = c.deleteEnabled;
            compactEnabled = c.compactEnabled;
            deleteRetentionMs = c.deleteRetentionMs;
            minCleanableDirtyRatio = c.minCleanableDirtyRatio;
            minCompactionLagMs = c.minCompactionLagMs;
            maxCompactionLagMs = c.maxCompactionLagMs;
        }

        public Builder segmentBytes(int value) {
            segmentBytes = value;
            return this;
        }

        public Builder segmentMs(long value) {
            segmentMs = value;
            return this;
        }

        public Builder segmentIndexBytes(int value) {
            segmentIndexBytes = value;
            return this;
        }

        public Builder indexIntervalBytes(int value) {
            indexIntervalBytes = value;
            return this;
        }

        public Builder maxMessageBytes(int value) {
            maxMessageBytes = value;
            return this;
        }

        public Builder logAppendTime(boolean value) {
            logAppendTime = value;
            return this;
        }

        public Builder timestampBeforeMaxMs(long value) {
            timestampBeforeMaxMs = value;
            return this;
        }

        public Builder timestampAfterMaxMs(long value) {
            timestampAfterMaxMs = value;
            return this;
        }

        public Builder compression(TargetCompression value) {
            compression = value;
            return this;
        }

        public Builder flushMessages(long value) {
            flushMessages = value;
            return this;
        }

        public Builder flushMs(long value) {
            flushMs = value;
            return this;
        }

        public Builder fileDeleteDelayMs(long value) {
            fileDeleteDelayMs = value;
            return this;
        }

        public Builder retentionMs(long value) {
            retentionMs = value;
            return this;
        }

        public Builder retentionBytes(long value) {
            retentionBytes = value;
            return this;
        }

        public Builder deleteEnabled(boolean value) {
            deleteEnabled = value;
            return this;
        }

        public Builder compactEnabled(boolean value) {
            compactEnabled = value;
            return this;
        }

        public Builder deleteRetentionMs(long value) {
            deleteRetentionMs = value;
            return this;
        }

        public Builder minCleanableDirtyRatio(double value) {
            minCleanableDirtyRatio = value;
            return this;
        }

        public Builder minCompactionLagMs(long value) {
            minCompactionLagMs = value;
            return this;
        }

        public Builder maxCompactionLagMs(long value) {
            maxCompactionLagMs = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the setting whose value storage cannot use */
        public LogConfig build() {
            return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, maxMessageBytes,
                    logAppendTime, timestampBeforeMaxMs, timestampAfterMaxMs, compression, flushMessages, flushMs,
                    fileDeleteDelayMs, retentionMs, retentionBytes, deleteEnabled, compactEnabled, deleteRetentionMs,
                    minCleanableDirtyRatio, minCompactionLagMs, maxCompactionLagMs);
        }
    }

    private static void requireAtLeast(String key, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException("Invalid value " + value + " for configuration " + key
                    + ": Value must be at least " + minimum);
        }
    }
}
