package io.tributary.storage.cleaner;

import io.tributary.storage.PartitionLog;

/**
 * A compacted log and its cleanable section, as measured when the cleaner looked: the clean
 * section is [first segment, {@code firstDirtyOffset}), the dirty one [{@code firstDirtyOffset},
 * {@code firstUncleanableOffset}), which ends at a segment boundary. Immutable.
 *
 * @param cleanBytes        bytes of the segments before the one holding the first dirty offset
 * @param cleanableBytes    bytes of the segments of the dirty section
 * @param needsCompactionNow a dirty record is older than {@code max.compaction.lag.ms}
 */
public record LogToClean(PartitionLog log, long firstDirtyOffset, long firstUncleanableOffset, long cleanBytes,
                         long cleanableBytes, boolean needsCompactionNow) {

    /** Dirty bytes over all bytes: Kafka's {@code cleanableRatio}. */
    public double cleanableRatio() {
        long total = cleanBytes + cleanableBytes;
        return total == 0 ? 0 : (double) cleanableBytes / total;
    }

    /**
     * Whether the cleaner should clean this log now (Kafka's rule): its dirty ratio is above
     * {@code min.cleanable.dirty.ratio}, or a record has waited past {@code max.compaction.lag.ms}.
     */
    public boolean isCleanable() {
        return cleanableBytes > 0 && (needsCompactionNow || cleanableRatio() > log.config().minCleanableDirtyRatio());
    }
}
