package io.tributary.storage;

/**
 * An offset and where it lies: the base offset of its segment and its byte position there. A fetch
 * starting at this offset needs no index lookup.
 */
public record LogOffsetMetadata(long messageOffset, long segmentBaseOffset, int relativePositionInSegment) {

    public static final LogOffsetMetadata UNKNOWN = new LogOffsetMetadata(-1, -1, -1);

    public LogOffsetMetadata(long messageOffset) {
        this(messageOffset, -1, -1);
    }
}
