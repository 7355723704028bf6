package io.tributary.records;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.xerial.snappy.SnappyOutputStream;

/**
 * Opens the compressing and decompressing streams for each {@link CompressionType}, in the stream
 * formats Kafka's clients read and write. The decompressing side bounds nothing by itself; the
 * caller ({@link DecompressedRecordSource}) bounds how much it reads.
 */
final class CompressionCodec {

    private static final int GZIP_BUFFER_BYTES = 8 * 1024;
    /** Kafka's default zstd level. */
    private static final int ZSTD_LEVEL = 3;

    private CompressionCodec() {
    }

    static InputStream decompressing(CompressionType compression, ByteBuffer payload) throws IOException {
        return switch (compression) {
            case NONE -> new ByteBufferInputStream(payload);
            case GZIP -> new GZIPInputStream(new ByteBufferInputStream(payload), GZIP_BUFFER_BYTES);
            case SNAPPY -> new SnappyPayloadInputStream(payload);
            case LZ4 -> new Lz4FrameInputStream(payload);
            case ZSTD -> new ZstdInputStreamNoFinalizer(new ByteBufferInputStream(payload));
        };
    }

    /** A stream that compresses into {@code out}; closing it finishes the stream and closes {@code out}. */
    static OutputStream compressing(CompressionType compression, OutputStream out) throws IOException {
        return switch (compression) {
            case NONE -> out;
            case GZIP -> new GZIPOutputStream(out, GZIP_BUFFER_BYTES);
            case SNAPPY -> new SnappyOutputStream(out);
            case LZ4 -> new Lz4FrameOutputStream(out);
            case ZSTD -> new ZstdOutputStreamNoFinalizer(out, ZSTD_LEVEL);
        };
    }

    /**
     * As {@link #compressing(CompressionType, OutputStream)}, at a level with Kafka's meaning for
     * {@code compression.gzip.level} (1 to 9, or -1 for the default), {@code compression.lz4.level}
     * (1 is LZ4's fast mode, 2 to 17 its high-compression mode) and {@code compression.zstd.level};
     * ignored for none and snappy.
     */
    static OutputStream compressing(CompressionType compression, int level, OutputStream out) throws IOException {
        return switch (compression) {
            case NONE, SNAPPY -> compressing(compression, out);
            case GZIP -> new LeveledGzipOutputStream(out, level);
            case LZ4 -> new Lz4FrameOutputStream(out, level);
            case ZSTD -> new ZstdOutputStreamNoFinalizer(out, level);
        };
    }

    /** A gzip stream whose deflater runs at {@code level}; -1 keeps the deflater's default. */
    private static final class LeveledGzipOutputStream extends GZIPOutputStream {
        LeveledGzipOutputStream(OutputStream out, int level) throws IOException {
            super(out, GZIP_BUFFER_BYTES);
            def.setLevel(level);
        }
    }
}
