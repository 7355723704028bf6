package io.tributary.records;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Decompresses one LZ4 frame (the format Kafka's clients write for magic 2 batches). Integers are
 * little-endian.
 *
 * <pre>
 * magic 0x184D2204 int32 | FLG int8 | BD int8 | [content size int64] | HC int8
 * blocks: size int32 (high bit: stored uncompressed) | data | [xxHash32 of data int32]
 * end mark: int32 0 | [content checksum int32]
 * FLG: version (bits 6-7) = 01, independent blocks (bit 5) = 1, block checksum (bit 4),
 *      content size (bit 3), content checksum (bit 2), reserved + dictionary id (bits 0-1) = 0
 * BD:  max block size id (bits 4-6) 4..7 = 64 KB, 256 KB, 1 MB, 4 MB; other bits 0
 * HC:  second byte of xxHash32 (seed 0) over FLG through the content size
 * </pre>
 *
 * <p>As Kafka's reader does, it rejects dependent blocks and dictionary ids, checks the
 * descriptor and block checksums, and does not verify the content checksum (it only requires
 * its presence). Memory is one block of at most 4 MB, allocated for the first compressed block.
 * Every problem is a {@link CorruptRecordException}. Not thread-safe.
 */
final class Lz4FrameInputStream extends InputStream {

    static final int MAGIC = 0x184D2204;
    static final int INCOMPRESSIBLE_BLOCK_FLAG = 0x80000000;

    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();
    private static final XXHash32 XXHASH = XXHashFactory.fastestInstance().hash32();

    private final ByteBuffer in;
    private boolean blockChecksums;
    private boolean contentChecksum;
    private int maxBlockBytes;
    private ByteBuffer block = ByteBuffer.allocate(0);
    private ByteBuffer decompressionBuffer;
    private boolean finished;

    Lz4FrameInputStream(ByteBuffer payload) {
        this.in = payload.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        readFrameHeader();
    }

    private void readFrameHeader() {
        require(7, "frame header");
        int magic = in.getInt();
        if (magic != MAGIC) {
            throw new CorruptRecordException(String.format("not an LZ4 frame: magic 0x%08x", magic));
        }
        int descriptorStart = in.position();
        int flg = in.get() & 0xFF;
        int bd = in.get() & 0xFF;
        if (flg >>> 6 != 1) {
            throw new CorruptRecordException("unsupported LZ4 frame version " + (flg >>> 6));
        }
        if ((flg & 0x20) == 0) {
            throw new CorruptRecordException("LZ4 frames with dependent blocks are not supported");
        }
        if ((flg & 0x03) != 0 || (bd & 0x8F) != 0) {
            throw new CorruptRecordException(String.format(
                    "LZ4 frame descriptor has reserved bits or a dictionary id set: FLG 0x%02x, BD 0x%02x", flg, bd));
        }
        int blockSizeId = bd >>> 4;
        if (blockSizeId < 4) {
            throw new CorruptRecordException("invalid LZ4 block size id " + blockSizeId);
        }
        maxBlockBytes = 1 << (2 * blockSizeId + 8);
        blockChecksums = (flg & 0x10) != 0;
        contentChecksum = (flg & 0x04) != 0;
        if ((flg & 0x08) != 0) {
            require(9, "frame content size");
            in.position(in.position() + 8);
        }
        int descriptorLength = in.position() - descriptorStart;
        int expected = (XXHASH.hash(in, descriptorStart, descriptorLength, 0) >> 8) & 0xFF;
        int actual = in.get() & 0xFF;
        if (expected != actual) {
            throw new CorruptRecordException(String.format(
                    "LZ4 frame descriptor checksum mismatch: stored 0x%02x, computed 0x%02x", actual, expected));
        }
    }

    /** Makes the next decompressed byte available; false after the end mark. */
    private boolean fill() {
        while (!block.hasRemaining()) {
            if (finished) {
                return false;
            }
            readBlock();
        }
        return true;
    }

    private void readBlock() {
        require(4, "block size");
        int word = in.getInt();
        if (word == 0) {
            finished = true;
            if (contentChecksum) {
                require(4, "content checksum");
                in.position(in.position() + 4);
            }
            return;
        }
        boolean stored = (word & INCOMPRESSIBLE_BLOCK_FLAG) != 0;
        int size = word & ~INCOMPRESSIBLE_BLOCK_FLAG;
        if (size > maxBlockBytes) {
            throw new CorruptRecordException("LZ4 block size " + size + " exceeds the frame's maximum of " + maxBlockBytes);
        }
        require(size + (blockChecksums ? 4 : 0), "block of " + size + " bytes");
        int start = in.position();
        if (blockChecksums) {
            int computed = XXHASH.hash(in, start, size, 0);
            int storedChecksum = in.getInt(start + size);
            if (computed != storedChecksum) {
                throw new CorruptRecordException("LZ4 block checksum mismatch");
            }
        }
        block = stored ? in.slice(start, size) : decompress(start, size);
        in.position(start + size + (blockChecksums ? 4 : 0));
    }

    private ByteBuffer decompress(int start, int size) {
        if (decompressionBuffer == null) {
            decompressionBuffer = ByteBuffer.allocate(maxBlockBytes);
        }
        try {
            int length = DECOMPRESSOR.decompress(in, start, size, decompressionBuffer, 0, maxBlockBytes);
            return decompressionBuffer.duplicate().position(0).limit(length);
        } catch (LZ4Exception e) {
            throw new CorruptRecordException("malformed LZ4 block: " + e.getMessage(), e);
        }
    }

    private void require(int bytes, String what) {
        if (in.remaining() < bytes) {
            throw new CorruptRecordException("LZ4 frame cut short: " + what + " needs " + bytes
                    + " bytes, " + in.remaining() + " remain");
        }
    }

    @Override
    public int read() {
        if (!fill()) {
            return -1;
        }
        return block.get() & 0xFF;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int count = Math.min(length, block.remaining());
        block.get(into, offset, count);
        return count;
    }
}
