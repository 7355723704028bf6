package io.tributary.systemtests;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the v2 batch headers of a partition's first segment file as the broker stored them
 * (DESIGN D4: the on-disk format is the wire format), to check what a client sent is what was
 * kept (D3: batches stay bytes, compressed as the producer compressed them).
 */
final class StoredBatches {

    /** Batch header positions: base offset (8), length (4), leader epoch (4), magic (1), CRC (4). */
    private static final int LENGTH_POSITION = 8;
    private static final int ATTRIBUTES_POSITION = 21;
    private static final int LOG_OVERHEAD = 12;
    private static final String FIRST_SEGMENT = "00000000000000000000.log";

    private StoredBatches() {
    }

    /** Kafka's name of a codec id (attributes bits 0-2). */
    static String codecName(int codecId) {
        return switch (codecId) {
            case 0 -> "none";
            case 1 -> "gzip";
            case 2 -> "snappy";
            case 3 -> "lz4";
            case 4 -> "zstd";
            default -> "unknown codec " + codecId;
        };
    }

    /** The compression codec of each batch in {@code partitionDir}'s first segment, in log order. */
    static List<String> codecs(Path partitionDir) throws IOException {
        List<String> codecs = new ArrayList<>();
        try (FileChannel segment = FileChannel.open(partitionDir.resolve(FIRST_SEGMENT))) {
            long position = 0;
            ByteBuffer header = ByteBuffer.allocate(ATTRIBUTES_POSITION + 2);
            while (position + header.capacity() <= segment.size()) {
                header.clear();
                segment.read(header, position);
                header.flip();
                codecs.add(codecName(header.getShort(ATTRIBUTES_POSITION) & 0x7));
                position += LOG_OVERHEAD + header.getInt(LENGTH_POSITION);
            }
        }
        return codecs;
    }
}
