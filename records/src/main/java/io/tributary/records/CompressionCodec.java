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
}
