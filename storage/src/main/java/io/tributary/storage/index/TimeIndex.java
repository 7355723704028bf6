package io.tributary.storage.index;

import io.tributary.records.RecordBatchDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A segment's sparse time index, Kafka's {@code <20-digit base offset>.timeindex} file: maps a
 * timestamp to an offset, for ListOffsets by timestamp and time-based retention. An entry
 * {@code (T, O)} says the largest timestamp in the segment up to offset {@code O} is {@code T}, so
 * every record with a timestamp above {@code T} comes after {@code O}.
 *
 * <h2>On-disk format</h2>
 * <pre>
 *  entry (12 bytes, big-endian), repeated; timestamps strictly increasing, offsets not decreasing
 *  offset  size  field
 *   0      8     timestamp       int64  milliseconds
 *   8      4     relativeOffset  int32  offset - baseOffset
 * </pre>
 * Byte-for-byte Kafka's format, so {@code kafka-dump-log} reads it.
 *
 * <p>As in Kafka, the last slot is kept free for the entry written when the segment is rolled or
 * closed: {@link #isFull()} is true one entry early and only
 * {@link #maybeAppend(long, long, boolean)} with {@code skipFullCheck} may fill it. Preallocation,
 * trimming, reopening, crash behaviour and thread safety are those of {@link AbstractIndex}: the
 * partition's writer thread appends and truncates, any thread may look up.
 */
public final class TimeIndex extends AbstractIndex {

    public static final int ENTRY_SIZE_BYTES = 12;
    public static final String FILE_SUFFIX = ".timeindex";

    private final SlotKey timestampKey = TimeIndex::timestampAt;

    /** Opens {@code file} for appending, creating and preallocating it if absent. */
    public TimeIndex(Path file, long baseOffset, int maxIndexSizeBytes) throws IOException {
        this(file, baseOffset, maxIndexSizeBytes, true);
    }

    /**
     * Opens {@code file}; when {@code writable}, creates and preallocates it if absent, otherwise
     * maps it read-only and every change throws {@link IllegalStateException}.
     */
    public TimeIndex(Path file, long baseOffset, int maxIndexSizeBytes, boolean writable) throws IOException {
        super(file, baseOffset, maxIndexSizeBytes, ENTRY_SIZE_BYTES, writable);
    }

    /** The time index file of the segment starting at {@code baseOffset} in {@code dir}. */
    public static Path fileFor(Path dir, long baseOffset) {
        return segmentFile(dir, baseOffset, FILE_SUFFIX);
    }

    /** Full one slot early: the last slot is reserved for the entry appended on roll or close. */
    @Override
    public boolean isFull() {
        return entries() >= maxEntries() - 1;
    }

    /** {@link #maybeAppend(long, long, boolean)} without skipping the full check. */
    public void maybeAppend(long timestamp, long offset) {
        maybeAppend(timestamp, offset, false);
    }

    /**
     * Appends {@code (timestamp, offset)} if {@code timestamp} is above the last entry's (above -1,
     * "no timestamp", when empty); an equal timestamp is ignored, as Kafka does, since the roll and
     * close paths re-offer the last entry.
     *
     * @param skipFullCheck allow the reserved last slot (segment roll or close only)
     * @throws IllegalStateException    if the index is full
     * @throws IllegalArgumentException if {@code offset} is below the last entry's offset or does
     *                                  not fit relative to the base offset, or {@code timestamp}
     *                                  is below the last entry's (Kafka throws here too: the
     *                                  caller offers the segment's running maximum timestamp)
     */
    public void maybeAppend(long timestamp, long offset, boolean skipFullCheck) {
        update(buffer -> {
            if (!skipFullCheck && isFull()) {
                throw new IllegalStateException(file() + ": cannot append (" + timestamp + ", " + offset
                        + "), the time index is full (" + entries() + " entries)");
            }
            TimestampOffset last = lastEntryOf(buffer);
            if (entries() > 0 && offset < last.offset()) {
                throw new IllegalArgumentException(file() + ": offset " + offset
                        + " is below the last offset in the time index, " + last.offset());
            }
            if (entries() > 0 && timestamp < last.timestamp()) {
                throw new IllegalArgumentException(file() + ": timestamp " + timestamp
                        + " is below the last timestamp in the time index, " + last.timestamp());
            }
            if (timestamp > last.timestamp()) {
                int relative = relativeOffset(offset);
                int at = nextSlotPosition();
                buffer.putLong(at, timestamp);
                buffer.putInt(at + 8, relative);
                publishAppend();
            }
        });
    }

    /**
     * The entry with the greatest timestamp {@code <= targetTimestamp}, or
     * {@code (-1, baseOffset)} if the index is empty or every entry is above the target.
     */
    public TimestampOffset lookup(long targetTimestamp) {
        return read(buffer -> {
            int slot = lastSlotAtMost(buffer, targetTimestamp, timestampKey);
            return slot < 0 ? new TimestampOffset(RecordBatchDescriptor.NO_TIMESTAMP, baseOffset()) : entryAt(buffer, slot);
        });
    }

    /**
     * The {@code n}th entry, counting from 0.
     *
     * @throws IllegalArgumentException if there is no such entry
     */
    public TimestampOffset entry(int n) {
        return read(buffer -> {
            if (n < 0 || n >= entries()) {
                throw new IllegalArgumentException(file() + ": no entry " + n + ", the time index has " + entries());
            }
            return entryAt(buffer, n);
        });
    }

    /** The last entry, or {@code (-1, baseOffset)} when the index is empty (as in Kafka). */
    public TimestampOffset lastEntry() {
        return read(this::lastEntryOf);
    }

    @Override
    protected long offsetAt(ByteBuffer buffer, int slot) {
        return baseOffset() + buffer.getInt(slot * ENTRY_SIZE_BYTES + 8);
    }

    /**
     * Kafka's check (the last timestamp is not below the first) plus two stricter ones on the last
     * two entries: timestamps increase and offsets do not decrease. Kafka's appends guarantee
     * both, and they catch a zero-filled preallocated tail reopened after an unclean stop.
     */
    @Override
    protected void checkEntries(ByteBuffer buffer, int entryCount) {
        long first = timestampAt(buffer, 0);
        long last = timestampAt(buffer, entryCount - 1);
        if (last < first) {
            throw corrupt("last timestamp " + last + " is less than the first timestamp " + first
                    + " (" + entryCount + " entries)");
        }
        if (entryCount >= 2) {
            int previousSlot = entryCount - 2;
            long previous = timestampAt(buffer, previousSlot);
            if (last <= previous) {
                throw corrupt("timestamps do not increase: entry " + previousSlot + " has timestamp " + previous
                        + ", entry " + (entryCount - 1) + " has timestamp " + last + " (" + entryCount + " entries)");
            }
            if (offsetAt(buffer, entryCount - 1) < offsetAt(buffer, previousSlot)) {
                throw corrupt("offsets decrease: entry " + previousSlot + " has offset " + offsetAt(buffer, previousSlot)
                        + ", entry " + (entryCount - 1) + " has offset " + offsetAt(buffer, entryCount - 1));
            }
        }
    }

    private TimestampOffset lastEntryOf(ByteBuffer buffer) {
        int count = entries();
        return count == 0
                ? new TimestampOffset(RecordBatchDescriptor.NO_TIMESTAMP, baseOffset())
                : entryAt(buffer, count - 1);
    }

    private TimestampOffset entryAt(ByteBuffer buffer, int slot) {
        return new TimestampOffset(timestampAt(buffer, slot), offsetAt(buffer, slot));
    }

    private static long timestampAt(ByteBuffer buffer, int slot) {
        return buffer.getLong(slot * ENTRY_SIZE_BYTES);
    }
}
