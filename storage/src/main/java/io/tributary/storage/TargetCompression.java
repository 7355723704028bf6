package io.tributary.storage;

import io.tributary.records.CompressionType;

/**
 * The codec a topic stores its batches with: {@code compression.type} and the level of that codec
 * ({@code compression.gzip.level}, {@code compression.lz4.level}, {@code compression.zstd.level}).
 * {@link #PRODUCER} keeps each batch as the producer compressed it; any other value makes the broker
 * recompress batches whose codec differs.
 *
 * @param type  the codec to store with, or null for {@code producer}
 * @param level the codec's level; ignored for none, snappy and producer
 */
public record TargetCompression(CompressionType type, int level) {

    /** {@code compression.type=producer}: batches are stored as they arrive. */
    public static final TargetCompression PRODUCER = new TargetCompression(null, 0);

    public static TargetCompression of(CompressionType type, int level) {
        return new TargetCompression(type, level);
    }

    /** Whether batches are stored as the producer sent them. */
    public boolean keepsProducerCodec() {
        return type == null;
    }

    @Override
    public String toString() {
        return type == null ? "producer" : type.configName() + (level != 0 ? "(level " + level + ")" : "");
    }
}
