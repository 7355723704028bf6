package io.tributary.records;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Records read from a compressed payload, one at a time, with a hard bound on how many
 * decompressed bytes it will take.
 *
 * <p>Why not decompress the payload into one buffer: the decompressed size is unknown up front,
 * so that buffer could only be sized by trusting the input. Here memory grows with data actually
 * decompressed: a record's declared length is checked against the bytes left in the bound
 * before anything is allocated, and its buffer then grows as data arrives, so a record that
 * claims 60 MB but holds 10 bytes costs a few kilobytes. A "zip bomb" fails as soon as the bound
 * is crossed, or earlier when its bytes do not parse as records.
 *
 * <p>Every failure of the codec (the JDK's, snappy-java's, lz4-java's, zstd-jni's, or our frame
 * parsers') surfaces as {@link CorruptRecordException}.
 */
final class DecompressedRecordSource implements RecordSource {

    private static final int READ_BUFFER_BYTES = 16 * 1024;
    private static final int INITIAL_BODY_BYTES = 8 * 1024;

    private final CompressionType compression;
    private final ByteBuffer payload;
    private final long maxUncompressedBytes;
    private InputStream in;
    private long consumedBytes;

    DecompressedRecordSource(CompressionType compression, ByteBuffer payload, int maxUncompressedBytes) {
        this.compression = compression;
        this.payload = payload.slice();
        this.maxUncompressedBytes = maxUncompressedBytes;
    }

    @Override
    public ByteBuffer nextRecordBody() {
        int first = readByte();
        if (first < 0) {
            return null;
        }
        int length = readVarintAfter(first);
        if (length < MIN_BODY_BYTES) {
            throw new CorruptRecordException("record length " + length + " is less than the minimum of " + MIN_BODY_BYTES);
        }
        if (length > maxUncompressedBytes - consumedBytes) {
            throw new CorruptRecordException("record length " + length + " would take the decompressed records past the limit of "
                    + maxUncompressedBytes + " bytes (" + consumedBytes + " already read)");
        }
        return ByteBuffer.wrap(readBody(length));
    }

    private int readVarintAfter(int first) {
        int raw = first & 0x7F;
        int b = first;
        for (int i = 1; (b & 0x80) != 0; i++) {
            if (i == Varint.MAX_VARINT_BYTES) {
                throw new CorruptRecordException("varint longer than " + Varint.MAX_VARINT_BYTES + " bytes");
            }
            b = readByte();
            if (b < 0) {
                throw new CorruptRecordException("decompressed records end inside a record length");
            }
            raw |= (b & 0x7F) << (7 * i);
        }
        return Varint.decodeZigZag(raw);
    }

    private byte[] readBody(int length) {
        byte[] body = new byte[Math.min(length, INITIAL_BODY_BYTES)];
        int filled = 0;
        while (filled < length) {
            if (filled == body.length) {
                body = Arrays.copyOf(body, (int) Math.min(length, 2L * body.length));
            }
            int read = read(body, filled, body.length - filled);
            if (read < 0) {
                throw new CorruptRecordException("record length " + length + " but the decompressed records end after "
                        + filled + " bytes of it");
            }
            filled += read;
        }
        consumedBytes += length;
        return body;
    }

    private int readByte() {
        if (payload.remaining() == 0 && in == null) {
            return -1;
        }
        try {
            int b = stream().read();
            if (b >= 0 && ++consumedBytes > maxUncompressedBytes) {
                throw new CorruptRecordException("decompressed records exceed the limit of " + maxUncompressedBytes + " bytes");
            }
            return b;
        } catch (IOException | RuntimeException e) {
            throw codecFailure(e);
        }
    }

    private int read(byte[] into, int offset, int length) {
        try {
            return stream().read(into, offset, length);
        } catch (IOException | RuntimeException e) {
            throw codecFailure(e);
        }
    }

    private InputStream stream() throws IOException {
        if (in == null) {
            in = new BufferedInputStream(CompressionCodec.decompressing(compression, payload), READ_BUFFER_BYTES);
        }
        return in;
    }

    private RuntimeException codecFailure(Exception e) {
        if (e instanceof RecordsException recordsException) {
            return recordsException;
        }
        return new CorruptRecordException("cannot decompress " + compression.configName() + " records: " + e, e);
    }

    @Override
    public String position() {
        return "byte " + consumedBytes + " of the decompressed records";
    }

    @Override
    public void ensureExhausted() {
        if (readByte() >= 0) {
            throw new CorruptRecordException("decompressed data continues after the last record the batch declares");
        }
    }

    @Override
    public void close() {
        if (in != null) {
            try {
                in.close();
            } catch (IOException | RuntimeException ignored) {
                // Nothing to recover: the stream only holds decompressor state.
            }
        }
    }
}
