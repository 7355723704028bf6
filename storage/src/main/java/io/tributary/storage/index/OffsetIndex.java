package io.tributary.storage.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A segment's sparse offset index, Kafka's {@code <20-digit base offset>.index} file: maps an
 * offset to the byte position in the segment's {@code .log} where the batch holding it starts.
 * Used to find where a fetch starts reading: look up the greatest indexed offset at or below the
 * target, then scan the log forward from its position.
 *
 * <h2>On-disk format</h2>
 * <pre>
 *  entry (8 bytes, big-endian), repeated; offsets strictly increasing
 *  offset  size  field
 *   0      4     relativeOffset  int32  offset - baseOffset
 *   4      4     position        int32  byte position in the .log file
 * </pre>
 * Byte-for-byte Kafka's format, so {@code kafka-dump-log} reads it. Preallocation, trimming,
 * reopening, crash behaviour and thread safety are those of {@link AbstractIndex}: the partition's
 * writer thread appends and truncates, any thread may look up.
 */
public final class OffsetIndex extends AbstractIndex {

    public static final int ENTRY_SIZE_BYTES = 8;
    public static final String FILE_SUFFIX = ".index";
    /** Kafka's {@code segment.index.bytes} default, 10 MiB. */
    public static final int DEFAULT_MAX_INDEX_SIZE_BYTES = 10 * 1024 * 1024;

    /** Opens {@code file} for appending, creating and preallocating it if absent. */
    public OffsetIndex(Path file, long baseOffset, int maxIndexSizeBytes) throws IOException {
        this(file, baseOffset, maxIndexSizeBytes, true);
    }

    /**
     * Opens {@code file}; when {@code writable}, creates and preallocates it if absent, otherwise
     * maps it read-only and every change throws {@link IllegalStateException}.
     */
    public OffsetIndex(Path file, long baseOffset, int maxIndexSizeBytes, boolean writable) throws IOException {
        super(file, baseOffset, maxIndexSizeBytes, ENTRY_SIZE_BYTES, writable);
    }

    /** The offset index file of the segment starting at {@code baseOffset} in {@code dir}. */
    public static Path fileFor(Path dir, long baseOffset) {
        return segmentFile(dir, baseOffset, FILE_SUFFIX);
    }

    /**
     * Appends an entry.
     *
     * @throws IllegalStateException    if the index is full
     * @throws IllegalArgumentException if {@code offset} is not above the last entry's, does not
     *                                  fit relative to the base offset, or {@code position < 0}
     */
    public void append(long offset, int position) {
        if (position < 0) {
            throw new IllegalArgumentException(file() + ": negative position " + position + " for offset " + offset);
        }
        update(buffer -> {
            if (isFull()) {
                throw new IllegalStateException(file() + ": cannot append offset " + offset + ", the index is full ("
                        + entries() + " entries)");
            }
            int count = entries();
            if (count > 0 && offset <= offsetAt(buffer, count - 1)) {
                throw new IllegalArgumentException(file() + ": offset " + offset
                        + " is not larger than the last offset in the index, " + offsetAt(buffer, count - 1));
            }
            int relative = relativeOffset(offset);
            int at = nextSlotPosition();
            buffer.putInt(at, relative);
            buffer.putInt(at + 4, position);
            publishAppend();
        });
    }

    /**
     * The entry with the greatest offset {@code <= targetOffset}, or {@code (baseOffset, 0)} if
     * the index is empty or every entry is above the target.
     */
    public OffsetPosition lookup(long targetOffset) {
        return read(buffer -> {
            int slot = lastSlotAtMost(buffer, targetOffset, offsetKey());
            return slot < 0 ? new OffsetPosition(baseOffset(), 0) : entryAt(buffer, slot);
        });
    }

    /**
     * The {@code n}th entry, counting from 0.
     *
     * @throws IllegalArgumentException if there is no such entry
     */
    public OffsetPosition entry(int n) {
        return read(buffer -> {
            if (n < 0 || n >= entries()) {
                throw new IllegalArgumentException(file() + ": no entry " + n + ", the index has " + entries());
            }
            return entryAt(buffer, n);
        });
    }

    /** The last entry's offset, or the base offset when the index is empty (as in Kafka). */
    public long lastOffset() {
        return read(buffer -> {
            int count = entries();
            return count == 0 ? baseOffset() : offsetAt(buffer, count - 1);
        });
    }

    @Override
    protected long offsetAt(ByteBuffer buffer, int slot) {
        return baseOffset() + buffer.getInt(slot * ENTRY_SIZE_BYTES);
    }

    /**
     * Stricter than Kafka, which only checks the last offset against the base offset: the last two
     * offsets must increase, which also catches a zero-filled preallocated tail reopened after an
     * unclean stop. Kafka's own appends guarantee it, so a file Kafka wrote always passes.
     */
    @Override
    protected void checkEntries(ByteBuffer buffer, int entryCount) {
        if (entryCount >= 2) {
            long last = offsetAt(buffer, entryCount - 1);
            long previous = offsetAt(buffer, entryCount - 2);
            if (last <= previous) {
                throw corrupt("offsets do not increase: entry " + (entryCount - 2) + " has offset " + previous
                        + ", entry " + (entryCount - 1) + " has offset " + last + " (" + entryCount + " entries)");
            }
        }
    }

    private OffsetPosition entryAt(ByteBuffer buffer, int slot) {
        return new OffsetPosition(offsetAt(buffer, slot), buffer.getInt(slot * ENTRY_SIZE_BYTES + 4));
    }
}
