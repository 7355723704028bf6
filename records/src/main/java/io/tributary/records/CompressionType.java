package io.tributary.records;

/**
 * The codec of a batch's records payload: bits 0-2 of the attributes, with Kafka's ids. Only the
 * records after the 61-byte header are compressed, all together as one stream.
 *
 * <ul>
 *   <li>{@link #GZIP}: RFC 1952 gzip (the JDK's implementation).</li>
 *   <li>{@link #SNAPPY}: snappy-java's stream framing as Kafka's Java client writes it (a 16-byte
 *       header, then chunks each prefixed by a big-endian int32 length); raw Snappy blocks, which
 *       librdkafka writes, are read as well.</li>
 *   <li>{@link #LZ4}: the LZ4 frame format (magic 0x184D2204) with independent blocks.</li>
 *   <li>{@link #ZSTD}: Zstandard frames.</li>
 * </ul>
 */
public enum CompressionType {
    NONE(0, "none"),
    GZIP(1, "gzip"),
    SNAPPY(2, "snappy"),
    LZ4(3, "lz4"),
    ZSTD(4, "zstd");

    private final int id;
    private final String configName;

    CompressionType(int id, String configName) {
        this.id = id;
        this.configName = configName;
    }

    /** The codec id stored in the attributes. */
    public int id() {
        return id;
    }

    /** The name Kafka's {@code compression.type} setting uses. */
    public String configName() {
        return configName;
    }

    /**
     * The codec with this attribute id.
     *
     * @throws CorruptRecordException for ids 5 to 7, which no codec uses
     */
    public static CompressionType forId(int id) {
        return switch (id) {
            case 0 -> NONE;
            case 1 -> GZIP;
            case 2 -> SNAPPY;
            case 3 -> LZ4;
            case 4 -> ZSTD;
            default -> throw new CorruptRecordException("unknown compression codec id " + id);
        };
    }
}
