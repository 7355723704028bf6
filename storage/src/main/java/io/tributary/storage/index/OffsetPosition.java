package io.tributary.storage.index;

/**
 * An {@link OffsetIndex} entry: the record batch containing {@code offset} starts at byte
 * {@code position} of the segment's {@code .log} file.
 *
 * @param offset   an absolute offset (the index stores it relative to the segment's base offset)
 * @param position a byte position in the segment's {@code .log} file
 */
public record OffsetPosition(long offset, int position) {
}
