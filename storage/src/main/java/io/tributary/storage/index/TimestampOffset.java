package io.tributary.storage.index;

/**
 * A {@link TimeIndex} entry: {@code timestamp} is the largest record timestamp seen in the
 * segment before {@code offset}, so any record with a larger timestamp comes at or after it.
 *
 * @param timestamp a record timestamp in milliseconds, or {@code -1} (no timestamp) for "none"
 * @param offset    an absolute offset (the index stores it relative to the segment's base offset)
 */
public record TimestampOffset(long timestamp, long offset) {
}
