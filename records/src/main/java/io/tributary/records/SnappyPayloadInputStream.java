package io.tributary.records;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.xerial.snappy.Snappy;

/**
 * Decompresses a Snappy records payload in either of the two forms Kafka brokers accept.
 *
 * <pre>
 * snappy-java framing (Kafka's Java client):
 *   header: 0x82 'S' 'N' 'A' 'P' 'P' 'Y' 0x00 | version int32 | min compatible version int32
 *   chunks: length int32 (big-endian) | raw Snappy block of that length, repeated to the end
 *   (a further header may start a concatenated stream)
 * raw (librdkafka): the whole payload is one raw Snappy block.
 * </pre>
 *
 * <p>Why not snappy-java's own {@code SnappyInputStream}: it trusts chunk lengths and the raw
 * form's declared size when allocating. Here each block's declared uncompressed length is
 * checked against what Snappy can expand its compressed bytes to before its buffer is
 * allocated, so memory is proportional to the input. Not thread-safe.
 */
final class SnappyPayloadInputStream extends InputStream {

    private static final byte[] STREAM_MAGIC = {(byte) 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
    private static final int STREAM_HEADER_BYTES = STREAM_MAGIC.length + 8;
    /** Snappy emits at most 64 bytes per 3-byte copy element: no block expands more than 22-fold. */
    private static final int MAX_EXPANSION = 22;
    private static final byte[] EMPTY = new byte[0];

    private final ByteBuffer in;
    private final boolean framed;
    private byte[] block = EMPTY;
    private int blockPosition;
    private int blockLength;
    private boolean rawBlockRead;

    SnappyPayloadInputStream(ByteBuffer payload) {
        this.in = payload.duplicate();
        this.framed = startsWithStreamHeader();
    }

    private boolean startsWithStreamHeader() {
        if (in.remaining() < STREAM_MAGIC.length) {
            return false;
        }
        for (int i = 0; i < STREAM_MAGIC.length; i++) {
            if (in.get(in.position() + i) != STREAM_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Makes the next decompressed byte available; false at the end of the payload. */
    private boolean fill() throws IOException {
        while (blockPosition == blockLength) {
            if (!framed) {
                if (rawBlockRead) {
                    return false;
                }
                rawBlockRead = true;
                decompressBlock(in.remaining());
            } else if (!in.hasRemaining()) {
                return false;
            } else if (startsWithStreamHeader()) {
                if (in.remaining() < STREAM_HEADER_BYTES) {
                    throw new CorruptRecordException("snappy stream header cut short: " + in.remaining() + " bytes");
                }
                in.position(in.position() + STREAM_HEADER_BYTES);
            } else {
                if (in.remaining() < 4) {
                    throw new CorruptRecordException("snappy chunk length cut short: " + in.remaining() + " bytes");
                }
                int chunkLength = in.getInt();
                if (chunkLength <= 0 || chunkLength > in.remaining()) {
                    throw new CorruptRecordException("snappy chunk length " + chunkLength + " but "
                            + in.remaining() + " bytes remain");
                }
                decompressBlock(chunkLength);
            }
        }
        return true;
    }

    private void decompressBlock(int compressedLength) throws IOException {
        byte[] compressed = new byte[compressedLength];
        in.get(compressed);
        int uncompressedLength = Snappy.uncompressedLength(compressed, 0, compressedLength);
        if (uncompressedLength < 0 || uncompressedLength > (long) compressedLength * MAX_EXPANSION) {
            throw new CorruptRecordException("snappy block of " + compressedLength + " bytes declares "
                    + Integer.toUnsignedString(uncompressedLength) + " uncompressed bytes, more than it can hold");
        }
        byte[] uncompressed = new byte[uncompressedLength];
        blockLength = Snappy.uncompress(compressed, 0, compressedLength, uncompressed, 0);
        block = uncompressed;
        blockPosition = 0;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return block[blockPosition++] & 0xFF;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int count = Math.min(length, blockLength - blockPosition);
        System.arraycopy(block, blockPosition, into, offset, count);
        blockPosition += count;
        return count;
    }
}
