package io.tributary.records;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/** Byte-level helpers for building and damaging batches in tests. */
final class TestBytes {

    private TestBytes() {
    }

    static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code length} bytes of a repeating but not trivially compressible pattern. */
    static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        int x = seed;
        for (int i = 0; i < length; i++) {
            x = x * 1103515245 + 12345;
            bytes[i] = (byte) ((i % 64 < 32) ? (x >>> 24) : (i % 7));
        }
        return bytes;
    }

    static String hex(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer b = buffer.duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }

    static byte[] toArray(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }

    /** Recomputes the CRC of the batch at the start of {@code batch}, so damage behind it is not caught by the CRC. */
    static void fixCrc(ByteBuffer batch) {
        int size = RecordBatchDescriptor.LOG_OVERHEAD_BYTES + batch.getInt(RecordBatchDescriptor.BATCH_LENGTH_OFFSET);
        CRC32C crc = new CRC32C();
        crc.update(batch.duplicate().position(RecordBatchDescriptor.CRC_COVERED_FROM_OFFSET).limit(size));
        batch.putInt(RecordBatchDescriptor.CRC_OFFSET, (int) crc.getValue());
    }

    /**
     * A batch whose header is copied from {@code template} (a one-batch buffer) but whose records
     * payload is {@code payload}, with the codec, lengths and CRC made to match.
     */
    static ByteBuffer withPayload(ByteBuffer template, CompressionType compression, byte[] payload) {
        ByteBuffer batch = ByteBuffer.allocate(RecordBatchDescriptor.HEADER_SIZE_BYTES + payload.length);
        batch.put(template.duplicate().limit(template.position() + RecordBatchDescriptor.HEADER_SIZE_BYTES));
        batch.put(payload);
        batch.flip();
        batch.putInt(RecordBatchDescriptor.BATCH_LENGTH_OFFSET, batch.limit() - RecordBatchDescriptor.LOG_OVERHEAD_BYTES);
        short attributes = batch.getShort(RecordBatchDescriptor.ATTRIBUTES_OFFSET);
        batch.putShort(RecordBatchDescriptor.ATTRIBUTES_OFFSET, (short) ((attributes & ~0x07) | compression.id()));
        fixCrc(batch);
        return batch;
    }

    /** The records payload (everything after the header) of a one-batch buffer. */
    static byte[] payload(ByteBuffer batch) {
        ByteBuffer b = batch.duplicate();
        b.position(b.position() + RecordBatchDescriptor.HEADER_SIZE_BYTES);
        return toArray(b);
    }

    /** Compresses {@code data} with our codec streams (themselves checked against Kafka elsewhere). */
    static byte[] compress(CompressionType compression, byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream compressing = CompressionCodec.compressing(compression, out)) {
            for (byte[] chunk : chunks) {
                compressing.write(chunk);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Compresses {@code repeat} copies of {@code chunk} without holding them all in memory. */
    static byte[] compressRepeated(CompressionType compression, byte[] chunk, int repeat) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream compressing = CompressionCodec.compressing(compression, out)) {
            for (int i = 0; i < repeat; i++) {
                compressing.write(chunk);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] varint(int value) {
        ByteBuffer b = ByteBuffer.allocate(5);
        Varint.writeVarint(value, b);
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
