package io.tributary.records;

import java.io.IOException;
import java.io.OutputStream;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Writes one LZ4 frame as Kafka's clients write it for magic 2 batches (layout in
 * {@link Lz4FrameInputStream}): independent 64 KB blocks, no checksums beyond the descriptor's,
 * no content size; a block that does not shrink is stored uncompressed. Level 1 uses LZ4's fast
 * compressor, higher levels (up to 17) its high-compression one, as Kafka's {@code compression.lz4.level}
 * does. Closing writes the end mark and closes the underlying stream. Not thread-safe.
 */
final class Lz4FrameOutputStream extends OutputStream {

    private static final int FLG_VERSION_1_INDEPENDENT_BLOCKS = 0x60;
    private static final int BD_64_KB_BLOCKS = 0x40;
    private static final int BLOCK_BYTES = 64 * 1024;
    private static final LZ4Compressor FAST_COMPRESSOR = LZ4Factory.fastestInstance().fastCompressor();
    /** LZ4's levels; Kafka's {@code compression.lz4.level} range. */
    private static final int MIN_LEVEL = 1;
    private static final int MAX_LEVEL = 17;

    private final OutputStream out;
    private final LZ4Compressor compressor;
    private final byte[] block = new byte[BLOCK_BYTES];
    private final byte[] compressed;
    private int blockLength;
    private boolean closed;

    /** A frame written with LZ4's fast compressor (level 1). */
    Lz4FrameOutputStream(OutputStream out) throws IOException {
        this(out, MIN_LEVEL);
    }

    /**
     * A frame written at {@code level}, 1 to 17.
     *
     * @throws IllegalArgumentException for a level outside that range
     */
    Lz4FrameOutputStream(OutputStream out, int level) throws IOException {
        if (level < MIN_LEVEL || level > MAX_LEVEL) {
            throw new IllegalArgumentException("lz4 level must be between " + MIN_LEVEL + " and " + MAX_LEVEL + ": " + level);
        }
        this.out = out;
        this.compressor = level == MIN_LEVEL ? FAST_COMPRESSOR : LZ4Factory.fastestInstance().highCompressor(level);
        this.compressed = new byte[compressor.maxCompressedLength(BLOCK_BYTES)];
        byte[] descriptor = {(byte) FLG_VERSION_1_INDEPENDENT_BLOCKS, (byte) BD_64_KB_BLOCKS};
        int checksum = (XXHashFactory.fastestInstance().hash32().hash(descriptor, 0, descriptor.length, 0) >> 8) & 0xFF;
        writeIntLittleEndian(Lz4FrameInputStream.MAGIC);
        out.write(descriptor);
        out.write(checksum);
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (blockLength == BLOCK_BYTES) {
            writeBlock();
        }
        block[blockLength++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        ensureOpen();
        while (length > 0) {
            if (blockLength == BLOCK_BYTES) {
                writeBlock();
            }
            int count = Math.min(length, BLOCK_BYTES - blockLength);
            System.arraycopy(bytes, offset, block, blockLength, count);
            blockLength += count;
            offset += count;
            length -= count;
        }
    }

    private void writeBlock() throws IOException {
        if (blockLength == 0) {
            return;
        }
        int compressedLength = compressor.compress(block, 0, blockLength, compressed, 0, compressed.length);
        if (compressedLength < blockLength) {
            writeIntLittleEndian(compressedLength);
            out.write(compressed, 0, compressedLength);
        } else {
            writeIntLittleEndian(blockLength | Lz4FrameInputStream.INCOMPRESSIBLE_BLOCK_FLAG);
            out.write(block, 0, blockLength);
        }
        blockLength = 0;
    }

    private void writeIntLittleEndian(int value) throws IOException {
        out.write(value);
        out.write(value >>> 8);
        out.write(value >>> 16);
        out.write(value >>> 24);
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("LZ4 frame already closed");
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writeBlock();
            writeIntLittleEndian(0);
        } finally {
            out.close();
        }
    }
}
