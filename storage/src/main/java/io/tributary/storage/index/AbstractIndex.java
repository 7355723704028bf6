package io.tributary.storage.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mechanics shared by Kafka's fixed-width segment indexes ({@link OffsetIndex},
 * {@link TimeIndex}): a preallocated, memory-mapped file of equal-sized big-endian entries whose
 * keys never decrease, searched by binary search.
 *
 * <h2>On-disk format</h2>
 * A sequence of {@code entrySizeBytes} entries and nothing else: no header, no checksum, no
 * count. A new index file is preallocated to {@code maxIndexSizeBytes} rounded down to a whole
 * number of entries (a sparse, zero-filled file) and mapped; appends write into the mapping. On
 * {@link #close()} and {@link #trimToValidSize()} the file is cut to exactly
 * {@code entries() * entrySizeBytes}, which is the form Kafka (and {@code kafka-dump-log}) reads.
 *
 * <h2>Opening an existing file</h2>
 * As in Kafka, the entry count is the file length divided by the entry size: a closed index was
 * trimmed, so its length is its content. Opening does not change the file. The owner of the
 * active segment calls {@link #resize(int)} with the maximum size to make room for appends again,
 * as Kafka's log loader does for the last segment; opening every index at full size would turn a
 * later unclean stop into zero-filled "entries" in segments that were complete.
 *
 * <h2>Crash behaviour</h2>
 * Appends reach the page cache immediately and the disk on {@link #flush()} or at the kernel's
 * leisure. After an unclean stop a still-preallocated file reopens with its zero-filled tail
 * counted as entries; {@link #sanityCheck()} rejects that (and any length that is not a whole
 * number of entries) with {@link CorruptIndexException}. Indexes are derived data: recovery
 * rebuilds them from the {@code .log} (see {@link #reset()}), so they need no fsync for
 * durability (DESIGN D5 concerns the log).
 *
 * <h2>Thread safety</h2>
 * Owned by the partition's single writer thread, which appends, truncates, resizes and closes;
 * any thread may look up concurrently. A {@link ReentrantReadWriteLock} enforces this: every read
 * of the mapping holds the read lock, every change holds the write lock. That is what keeps a
 * concurrent lookup from reading a slot that a truncation freed and an append is rewriting, or a
 * mapping that {@link #resize(int)} or {@link #close()} unmapped (a JVM crash, not an exception).
 * Writes are short (an append is two stores), so readers wait only briefly. {@link #entries()},
 * {@link #maxEntries()}, {@link #isFull()} and {@link #file()} read volatile fields without locking.
 * Once closed, methods that read entries throw {@link IllegalStateException}.
 */
public abstract class AbstractIndex implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(AbstractIndex.class);

    /**
     * Kafka's "warm section": lookups almost always target the last few KiB of an index, so the
     * search tries the last 8 KiB first and touches the same few pages every time, instead of the
     * page-faulting path a plain binary search over a growing file takes (see Kafka's
     * AbstractIndex for the full argument; 8 KiB keeps the whole section within 3 pages).
     */
    private static final int WARM_SECTION_BYTES = 8192;

    private final long baseOffset;
    private final int maxIndexSizeBytes;
    private final int entrySizeBytes;
    private final boolean writable;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final SlotKey offsetKey = this::offsetAt;

    private volatile Path file;
    private volatile long lengthBytes;
    private volatile int maxEntries;
    private volatile int entries;
    /** Guarded by {@link #lock}; {@code null} once closed. */
    private MappedByteBuffer mmap;

    /** Reads the search key of one slot with absolute gets only (the buffer is shared by readers). */
    @FunctionalInterface
    protected interface SlotKey {
        long at(ByteBuffer buffer, int slot);
    }

    /**
     * Opens {@code file}, creating and preallocating it when {@code writable} and absent.
     *
     * @throws NoSuchFileException if read-only and the file does not exist
     * @throws CorruptIndexException if the file is too long to map
     */
    protected AbstractIndex(Path file, long baseOffset, int maxIndexSizeBytes, int entrySizeBytes, boolean writable)
            throws IOException {
        this.file = Objects.requireNonNull(file, "file");
        if (baseOffset < 0) {
            throw new IllegalArgumentException(file + ": negative base offset " + baseOffset);
        }
        if (maxIndexSizeBytes < entrySizeBytes) {
            throw new IllegalArgumentException(file + ": maximum index size " + maxIndexSizeBytes
                    + " bytes is smaller than one entry (" + entrySizeBytes + " bytes)");
        }
        this.baseOffset = baseOffset;
        this.maxIndexSizeBytes = maxIndexSizeBytes;
        this.entrySizeBytes = entrySizeBytes;
        this.writable = writable;
        boolean created = writable && createIfAbsent(file);
        MappedByteBuffer mapping = openMapping(file, created);
        this.mmap = mapping;
        this.lengthBytes = mapping.capacity();
        this.maxEntries = mapping.capacity() / entrySizeBytes;
        this.entries = created ? 0 : maxEntries;
    }

    private MappedByteBuffer openMapping(Path target, boolean created) throws IOException {
        if (!writable && !Files.exists(target)) {
            throw new NoSuchFileException(target.toString(), null, "read-only index does not exist");
        }
        try (RandomAccessFile raf = new RandomAccessFile(target.toFile(), writable ? "rw" : "r")) {
            if (created) {
                raf.setLength(roundDownToEntrySize(maxIndexSizeBytes));
            }
            long length = raf.length();
            if (length > Integer.MAX_VALUE) {
                throw new CorruptIndexException(target, "length " + length + " bytes is larger than an index can be");
            }
            return raf.getChannel().map(writable ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.READ_ONLY, 0, length);
        }
    }

    private static boolean createIfAbsent(Path target) throws IOException {
        try {
            Files.createFile(target);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /** Formats Kafka's segment file name: the base offset as 20 decimal digits, then the suffix. */
    protected static Path segmentFile(Path dir, long baseOffset, String suffix) {
        return dir.resolve(String.format(Locale.ROOT, "%020d", baseOffset) + suffix);
    }

    /** The absolute offset stored in {@code slot}. */
    protected abstract long offsetAt(ByteBuffer buffer, int slot);

    /**
     * Index-specific checks of the last entries, run by {@link #sanityCheck()} under the read lock
     * when there is at least one entry.
     */
    protected abstract void checkEntries(ByteBuffer buffer, int entryCount);

    /**
     * Checks what can be checked cheaply without the {@code .log}: the length is a whole number of
     * entries, the last offset is not below the base offset, and the index-specific checks.
     *
     * @throws CorruptIndexException naming the file, if any check fails
     */
    public void sanityCheck() {
        long length = lengthBytes;
        if (length % entrySizeBytes != 0) {
            throw new CorruptIndexException(file, "length " + length + " bytes is not a multiple of the entry size "
                    + entrySizeBytes);
        }
        read(buffer -> {
            int count = entries;
            if (count > 0) {
                long last = offsetAt(buffer, count - 1);
                if (last < baseOffset) {
                    throw new CorruptIndexException(file, "last offset " + last + " is less than the base offset "
                            + baseOffset + " (" + count + " entries)");
                }
                checkEntries(buffer, count);
            }
            return null;
        });
    }

    /**
     * Removes every entry whose offset is {@code >= offset}; an offset above the last entry's
     * removes nothing. The file keeps its length (see {@link #trimToValidSize()}).
     */
    public void truncateTo(long offset) {
        update(buffer -> {
            int keep = offset == Long.MIN_VALUE ? 0 : lastSlotAtMost(buffer, offset - 1, offsetKey) + 1;
            entries = keep;
        });
    }

    /** Removes all entries. */
    public void truncate() {
        update(buffer -> entries = 0);
    }

    /** Removes all entries and grows the file back to the maximum size, ready for a rebuild. */
    public void reset() throws IOException {
        truncate();
        resize(maxIndexSizeBytes);
    }

    /**
     * Sets the file length to {@code newSizeBytes} rounded down to a whole number of entries and
     * remaps it. Used to trim on roll or close, and to give the active segment room again.
     *
     * @return whether the length changed
     * @throws IllegalArgumentException if the new size cannot hold the current entries
     * @throws IOException              if the file cannot be resized; the index is then closed
     */
    public boolean resize(int newSizeBytes) throws IOException {
        requireWritable("resize");
        lock.writeLock().lock();
        try {
            MappedByteBuffer old = openBuffer();
            int rounded = roundDownToEntrySize(newSizeBytes);
            if (newSizeBytes < 0 || rounded < entries * entrySizeBytes) {
                throw new IllegalArgumentException(file + ": cannot resize to " + newSizeBytes + " bytes, "
                        + entries + " entries need " + entries * entrySizeBytes);
            }
            if (rounded == lengthBytes) {
                return false;
            }
            mmap = null;
            MappedBufferUnmapper.unmap(old);
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(rounded);
                mmap = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, rounded);
            }
            lengthBytes = rounded;
            maxEntries = rounded / entrySizeBytes;
            LOG.debug("Resized index {} to {} bytes ({} entries)", file, rounded, entries);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Cuts the file to exactly its entries, Kafka's on-disk form. A no-op when read-only or closed. */
    public void trimToValidSize() throws IOException {
        if (!writable) {
            return;
        }
        lock.writeLock().lock();
        try {
            if (mmap != null) {
                resize(entries * entrySizeBytes);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Forces the mapped entries to the storage device. */
    public void flush() {
        read(buffer -> {
            ((MappedByteBuffer) buffer).force();
            return null;
        });
    }

    /** Trims the file to its entries (when writable) and unmaps it. Idempotent. */
    @Override
    public void close() throws IOException {
        trimToValidSize();
        closeHandler();
    }

    /** Unmaps the file without trimming it. Idempotent. */
    public void closeHandler() {
        lock.writeLock().lock();
        try {
            MappedByteBuffer old = mmap;
            if (old != null) {
                mmap = null;
                MappedBufferUnmapper.unmap(old);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Unmaps and deletes the file.
     *
     * @return whether this call deleted it ({@code false} if it did not exist)
     */
    public boolean deleteIfExists() throws IOException {
        closeHandler();
        return Files.deleteIfExists(file);
    }

    /**
     * Renames the backing file (atomically where the file system can); the mapping stays valid.
     * On failure the index keeps its old name.
     */
    public void renameTo(Path target) throws IOException {
        Objects.requireNonNull(target, "target");
        lock.writeLock().lock();
        try {
            try {
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
            file = target;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Whether {@code offset} fits this index: at least the base offset and at most
     * {@code Integer.MAX_VALUE} above it.
     */
    public final boolean canAppendOffset(long offset) {
        long relative = offset - baseOffset;
        return offset >= baseOffset && relative <= Integer.MAX_VALUE;
    }

    /** Whether no more entries can be appended. */
    public boolean isFull() {
        return entries >= maxEntries;
    }

    public final Path file() {
        return file;
    }

    public final long baseOffset() {
        return baseOffset;
    }

    public final int maxIndexSizeBytes() {
        return maxIndexSizeBytes;
    }

    /** The number of valid entries. */
    public final int entries() {
        return entries;
    }

    /** The number of entries the current file length holds. */
    public final int maxEntries() {
        return maxEntries;
    }

    /** The current length of the file, including preallocated space. */
    public final long lengthBytes() {
        return lengthBytes;
    }

    /** The bytes the valid entries occupy. */
    public final int sizeInBytes() {
        return entries * entrySizeBytes;
    }

    public final boolean isWritable() {
        return writable;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(file=" + file + ", baseOffset=" + baseOffset + ", entries=" + entries
                + ", maxEntries=" + maxEntries + ")";
    }

    /** Runs {@code reader} on the mapping under the read lock. */
    protected final <R> R read(Function<ByteBuffer, R> reader) {
        lock.readLock().lock();
        try {
            return reader.apply(openBuffer());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs {@code writer} on the mapping under the write lock. */
    protected final void update(Consumer<ByteBuffer> writer) {
        requireWritable("modify");
        lock.writeLock().lock();
        try {
            writer.accept(openBuffer());
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The byte position of the next free slot, for an append inside {@link #update}.
     *
     * @throws IllegalStateException if the file has no free slot
     */
    protected final int nextSlotPosition() {
        int slot = entries;
        if (slot >= maxEntries) {
            throw new IllegalStateException(file + ": index is full (" + slot + " entries, " + lengthBytes + " bytes)");
        }
        return slot * entrySizeBytes;
    }

    /** Makes the entry written at {@link #nextSlotPosition()} visible; inside {@link #update} only. */
    protected final void publishAppend() {
        entries = entries + 1;
    }

    /**
     * The offset {@code offset} stored relative to the base offset.
     *
     * @throws IllegalArgumentException if it does not fit (see {@link #canAppendOffset(long)})
     */
    protected final int relativeOffset(long offset) {
        if (!canAppendOffset(offset)) {
            throw new IllegalArgumentException(file + ": offset " + offset
                    + " cannot be stored relative to the base offset " + baseOffset);
        }
        return (int) (offset - baseOffset);
    }

    /**
     * The last slot whose key is {@code <= target}, or -1 if there is none; keys must not decrease.
     * With equal keys the last of them is returned. Call under the lock ({@link #read} or
     * {@link #update}).
     */
    protected final int lastSlotAtMost(ByteBuffer buffer, long target, SlotKey key) {
        int count = entries;
        if (count == 0 || key.at(buffer, 0) > target) {
            return -1;
        }
        int firstWarm = Math.max(0, count - 1 - WARM_SECTION_BYTES / entrySizeBytes);
        if (key.at(buffer, firstWarm) <= target) {
            return lastAtMost(buffer, target, key, firstWarm, count - 1);
        }
        return lastAtMost(buffer, target, key, 0, firstWarm - 1);
    }

    /** Binary search in [lo, hi] given key(lo) {@code <=} target. */
    private static int lastAtMost(ByteBuffer buffer, long target, SlotKey key, int lo, int hi) {
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (key.at(buffer, mid) <= target) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** {@link #offsetAt} as a search key, allocated once. */
    protected final SlotKey offsetKey() {
        return offsetKey;
    }

    protected final CorruptIndexException corrupt(String detail) {
        return new CorruptIndexException(file, detail);
    }

    private MappedByteBuffer openBuffer() {
        MappedByteBuffer buffer = mmap;
        if (buffer == null) {
            throw new IllegalStateException(file + ": index is closed");
        }
        return buffer;
    }

    private void requireWritable(String operation) {
        if (!writable) {
            throw new IllegalStateException(file + ": cannot " + operation + " an index opened read-only");
        }
    }

    private int roundDownToEntrySize(int sizeBytes) {
        return entrySizeBytes * (sizeBytes / entrySizeBytes);
    }
}
