package io.tributary.storage;

import io.tributary.records.RecordBatchDescriptor;
import io.tributary.records.FileChannelRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Record batches in a segment's {@code .log} file, or a slice of them. The file holds batches
 * exactly as they travel on the wire (DESIGN D3), so a slice is what a Fetch response sends with
 * {@code sendfile} ({@link #channel()}, {@link #start()}, {@link #sizeInBytes()}).
 *
 * <p>The whole-file instance is appended to by the owning segment's writer (under the partition
 * log's lock); slices are immutable views that any thread may read. The size of the whole-file
 * instance is published through a volatile so readers never see bytes of an append in progress.
 */
public final class FileRecords implements FileChannelRecords {

    /** The source of {@link #prewrite} (read through duplicates only). */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(256 * 1024).asReadOnlyBuffer();

    private volatile Path file;
    private final FileChannel channel;
    private final int start;
    private final boolean isSlice;
    private final AtomicInteger size;
    /**
     * Bytes the file holds (whole-file instance only): {@link #sizeInBytes()} plus any zeros
     * {@link #prewrite prewritten} after the records. Changed under the owning log's lock.
     */
    private int written;

    private FileRecords(Path file, FileChannel channel, int start, int size, boolean isSlice) {
        this.file = file;
        this.channel = channel;
        this.start = start;
        this.isSlice = isSlice;
        this.size = new AtomicInteger(size);
        this.written = size;
    }

    /**
     * Opens (creating if missing) a segment file for appending at its current end. The caller
     * recovers or trusts the content; nothing is validated here.
     */
    public static FileRecords open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long length = channel.size();
        if (length > Integer.MAX_VALUE) {
            channel.close();
            throw new IOException(file + ": segment of " + length + " bytes exceeds 2 GiB");
        }
        channel.position(length);
        return new FileRecords(file, channel, 0, (int) length, false);
    }

    public Path file() {
        return file;
    }

    @Override
    public FileChannel channel() {
        return channel;
    }

    /** Position of the first byte of these records in the file. */
    public int start() {
        return start;
    }

    @Override
    public long position() {
        return start;
    }

    @Override
    public int sizeInBytes() {
        return size.get();
    }

    /**
     * A read-only view of {@code length} bytes from {@code position} (relative to this view),
     * clipped to the bytes that exist.
     */
    public FileRecords slice(int position, int length) {
        int available = sizeInBytes() - position;
        if (position < 0 || available < 0) {
            throw new IllegalArgumentException(file + ": slice at " + position + " outside 0.." + sizeInBytes());
        }
        return new FileRecords(file, channel, start + position, Math.min(length, available), true);
    }

    /** Appends the remaining bytes of {@code batches}; returns the number of bytes written. */
    public int append(ByteBuffer batches) throws IOException {
        requireWhole("append");
        int written = 0;
        ByteBuffer src = batches.duplicate();
        while (src.hasRemaining()) {
            written += channel.write(src);
        }
        int newSize = size.addAndGet(written);
        this.written = Math.max(this.written, newSize);
        return written;
    }

    /**
     * Writes zeros from the end of what the file holds up to {@code upTo}, so that later appends
     * overwrite blocks the file system has already allocated (DESIGN D5): an fsync of an append
     * that grows the file also writes the block allocation and the new file size (two more
     * synchronous writes on ext4), one of an overwrite writes only the data. The caller fsyncs the
     * zeros, and must call {@link #trimPrewritten()} before the file stops taking appends.
     * The zeros are not part of these records ({@link #sizeInBytes()} is unchanged).
     */
    public void prewrite(int upTo) throws IOException {
        requireWhole("prewrite");
        long position = Math.max(written, sizeInBytes());
        while (position < upTo) {
            ByteBuffer zeros = ZEROS.duplicate();
            zeros.limit((int) Math.min(zeros.capacity(), upTo - position));
            while (zeros.hasRemaining()) {
                position += channel.write(zeros, position);
            }
        }
        written = (int) Math.max(written, position);
    }

    /** Bytes of zeros {@link #prewrite prewritten} after the records. */
    public int prewrittenBytes() {
        return written - sizeInBytes();
    }

    /** Cuts the prewritten zeros off the file, so that it ends with its last record batch. */
    public void trimPrewritten() throws IOException {
        requireWhole("trim");
        if (written > sizeInBytes()) {
            channel.truncate(sizeInBytes());
            written = sizeInBytes();
        }
    }

    /** Whether every byte from {@code position} to the end of the file is zero (a prewritten tail, not a torn batch). */
    public boolean zerosFrom(int position) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        long at = (long) start + position;
        long end = (long) start + sizeInBytes();
        while (at < end) {
            chunk.clear();
            chunk.limit((int) Math.min(chunk.capacity(), end - at));
            int n = channel.read(chunk, at);
            if (n < 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (chunk.get(i) != 0) {
                    return false;
                }
            }
            at += n;
        }
        return true;
    }

    /** Forces appended bytes to disk (data only; the size is implied by the data). */
    public void flush() throws IOException {
        channel.force(false);
    }

    /** Cuts the file to {@code newSize} bytes; returns how many bytes were removed. */
    public int truncateTo(int newSize) throws IOException {
        requireWhole("truncate");
        int old = sizeInBytes();
        if (newSize < 0 || newSize > old) {
            throw new IllegalArgumentException(file + ": cannot truncate " + old + " bytes to " + newSize);
        }
        if (newSize < old || written > newSize) {
            channel.truncate(newSize); // prewritten zeros go too
            channel.position(newSize);
            size.set(newSize);
            written = newSize;
        }
        return old - newSize;
    }

    /**
     * Reads up to {@code destination.remaining()} bytes starting at {@code position} (relative to
     * this view) into {@code destination}; fewer only at the end of these records.
     */
    public void readInto(ByteBuffer destination, int position) throws IOException {
        int limit = Math.min(destination.remaining(), sizeInBytes() - position);
        ByteBuffer target = destination.duplicate();
        target.limit(target.position() + limit);
        long filePosition = (long) start + position;
        while (target.hasRemaining()) {
            int n = channel.read(target, filePosition);
            if (n < 0) {
                break;
            }
            filePosition += n;
        }
        destination.position(target.position());
    }

    @Override
    public void copyTo(ByteBuffer destination) {
        int needed = sizeInBytes();
        if (destination.remaining() < needed) {
            throw new java.nio.BufferOverflowException();
        }
        int before = destination.position();
        try {
            readInto(destination, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": read of " + needed + " bytes at " + start + " failed", e);
        }
        if (destination.position() - before != needed) {
            throw new UncheckedIOException(new IOException(file + ": file ended before " + needed + " bytes at " + start));
        }
    }

    /** Sends these records to {@code target} with {@link FileChannel#transferTo} (zero copy where the OS can). */
    public long writeTo(WritableByteChannel target, long offset, int length) throws IOException {
        long position = start + offset;
        int count = (int) Math.min(length, sizeInBytes() - offset);
        return channel.transferTo(position, count, target);
    }

    /**
     * Reads the header of the batch at {@code position}: base offset, batch length and, if
     * {@code header} has room, the rest of the 61-byte header. Returns false at the end of the
     * file or when fewer bytes than a batch header remain (a torn tail).
     */
    public boolean readBatchHeader(int position, ByteBuffer header) throws IOException {
        header.clear();
        if (sizeInBytes() - position < RecordBatchDescriptor.HEADER_SIZE_BYTES) {
            return false;
        }
        header.limit(RecordBatchDescriptor.HEADER_SIZE_BYTES);
        readInto(header, position);
        header.flip();
        return header.remaining() == RecordBatchDescriptor.HEADER_SIZE_BYTES;
    }

    /**
     * Renames the file; the open channel, and so every slice already handed out, keeps reading the
     * same bytes. Only the whole-file instance may be renamed.
     */
    public void renameTo(Path target) throws IOException {
        requireWhole("rename");
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
        file = target;
    }

    public void close() throws IOException {
        if (!isSlice) {
            channel.close();
        }
    }

    private void requireWhole(String what) {
        if (isSlice) {
            throw new IllegalStateException(file + ": cannot " + what + " a slice");
        }
    }

    @Override
    public String toString() {
        return "FileRecords(" + file.getFileName() + ", start=" + start + ", size=" + sizeInBytes() + ")";
    }
}
