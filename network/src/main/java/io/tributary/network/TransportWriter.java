package io.tributary.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;
import io.tributary.protocol.ProtocolWriter;
import io.tributary.records.FileChannelRecords;
import io.tributary.records.MemoryRecords;
import io.tributary.records.Records;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ProtocolWriter} that builds a message as a list of parts to write to a channel in order,
 * so that records are sent without being copied:
 *
 * <pre>
 * fields ......................... pooled ByteBuf (allocated lazily, sized by what remains)
 * FileChannelRecords ............. BorrowedFileRegion (sendfile; the file channel is never closed)
 * MemoryRecords of &gt;= 1 KiB .... Unpooled.wrappedBuffer over the records' bytes (no copy)
 * other records, small records ... copied into the current field buffer
 * </pre>
 *
 * <p><b>Buffer ownership.</b> The parts belong to this writer until {@link #finish()} hands them to
 * the caller, who writes each to the channel (Netty releases what it writes); if encoding fails
 * first, {@link #releaseAll()} releases them. A wrapped {@code MemoryRecords} buffer must not be
 * modified until the write completes: a response's records are read-only once it is complete.
 *
 * <p>Not thread-safe; used on the channel's event loop for one message.
 */
final class TransportWriter implements ProtocolWriter {

    /** Records smaller than this are copied: a separate part costs more than copying them. */
    static final int WRAP_THRESHOLD_BYTES = 1024;

    /** The largest field buffer allocated up front; buffers still grow if fields need more. */
    private static final int MAX_INITIAL_BUFFER_BYTES = 1024 * 1024;

    private final ByteBufAllocator allocator;
    private final List<Object> parts = new ArrayList<>();
    private ByteBuf current;
    private long remainingBytes;
    private long writtenBytes;

    /** @param expectedBytes how many bytes the message will have; sizes the buffers, nothing more */
    TransportWriter(ByteBufAllocator allocator, long expectedBytes) {
        this.allocator = allocator;
        this.remainingBytes = expectedBytes;
    }

    /** The buffer to write {@code bytes} bytes of fields into. */
    private ByteBuf fields(int bytes) {
        if (current == null) {
            long expected = Math.max(bytes, Math.min(remainingBytes, MAX_INITIAL_BUFFER_BYTES));
            current = allocator.ioBuffer((int) expected);
        }
        remainingBytes -= bytes;
        writtenBytes += bytes;
        return current;
    }

    /** Ends the current field buffer, if any, so the next part can follow it. */
    private void endFields() {
        if (current != null) {
            parts.add(current);
            current = null;
        }
    }

    @Override
    public void writeInt8(byte value) {
        fields(1).writeByte(value);
    }

    @Override
    public void writeInt16(short value) {
        fields(2).writeShort(value);
    }

    @Override
    public void writeInt32(int value) {
        fields(4).writeInt(value);
    }

    @Override
    public void writeInt64(long value) {
        fields(8).writeLong(value);
    }

    @Override
    public void writeFloat64(double value) {
        fields(8).writeDouble(value);
    }

    @Override
    public void writeRaw(byte[] bytes, int offset, int length) {
        fields(length).writeBytes(bytes, offset, length);
    }

    @Override
    public void writeRaw(ByteBuffer bytes) {
        fields(bytes.remaining()).writeBytes(bytes.duplicate());
    }

    @Override
    public void writeRecordsPayload(Records records) {
        int size = records.sizeInBytes();
        if (size == 0) {
            return;
        }
        if (records instanceof FileChannelRecords file) {
            endFields();
            parts.add(new BorrowedFileRegion(file.channel(), file.position(), size));
            remainingBytes -= size;
            writtenBytes += size;
        } else if (records instanceof MemoryRecords memory && size >= WRAP_THRESHOLD_BYTES) {
            endFields();
            parts.add(Unpooled.wrappedBuffer(memory.buffer()));
            remainingBytes -= size;
            writtenBytes += size;
        } else {
            ByteBuf out = fields(size);
            out.ensureWritable(size);
            ByteBuffer destination = out.internalNioBuffer(out.writerIndex(), size);
            records.copyTo(destination);
            out.writerIndex(out.writerIndex() + size);
        }
    }

    /** The bytes written so far, fields and records. */
    long writtenBytes() {
        return writtenBytes;
    }

    /** The parts, in order; the caller now owns them. */
    List<Object> finish() {
        endFields();
        return parts;
    }

    /** Releases every part written so far; for a message that failed to encode. */
    void releaseAll() {
        endFields();
        for (Object part : parts) {
            ReferenceCountUtil.safeRelease(part);
        }
        parts.clear();
    }
}
