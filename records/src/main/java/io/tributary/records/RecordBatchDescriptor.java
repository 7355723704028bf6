package io.tributary.records;

/**
 * Binary layout of a Kafka record batch, magic 2: the one place that holds offsets, sizes and
 * attribute bits. All integers are big-endian.
 *
 * <pre>
 *  offset  size  field
 *   0      8     baseOffset            int64   rewritten by the leader on append (not under CRC)
 *   8      4     batchLength           int32   bytes after this field, i.e. sizeInBytes - 12
 *  12      4     partitionLeaderEpoch  int32   rewritten by the leader on append (not under CRC)
 *  16      1     magic                 int8    always 2
 *  17      4     crc                   uint32  CRC-32C of bytes [21, end)
 *  21      2     attributes            int16   see the *_MASK constants
 *  23      4     lastOffsetDelta       int32
 *  27      8     baseTimestamp         int64   the delete horizon when that attribute bit is set
 *  35      8     maxTimestamp          int64   the log append time for LogAppendTime batches
 *  43      8     producerId            int64   -1 without idempotence
 *  51      2     producerEpoch         int16
 *  53      4     baseSequence          int32
 *  57      4     recordCount           int32
 *  61      ...   records, compressed as a whole by the attributes' codec
 * </pre>
 *
 * <p>Each record (inside the possibly compressed payload):
 * <pre>
 *  length varint | attributes int8 | timestampDelta varlong | offsetDelta varint
 *  | keyLength varint (-1 = null) | key | valueLength varint (-1 = null) | value
 *  | headerCount varint | headers: (keyLength varint | UTF-8 key | valueLength varint (-1 = null) | value)*
 * </pre>
 * Varints are zig-zag encoded, as protobuf's {@code sint32}/{@code sint64}.
 */
public final class RecordBatchDescriptor {

    public static final byte MAGIC_V2 = 2;

    public static final int BASE_OFFSET_OFFSET = 0;
    public static final int BATCH_LENGTH_OFFSET = 8;
    public static final int PARTITION_LEADER_EPOCH_OFFSET = 12;
    public static final int MAGIC_OFFSET = 16;
    public static final int CRC_OFFSET = 17;
    public static final int ATTRIBUTES_OFFSET = 21;
    public static final int LAST_OFFSET_DELTA_OFFSET = 23;
    public static final int BASE_TIMESTAMP_OFFSET = 27;
    public static final int MAX_TIMESTAMP_OFFSET = 35;
    public static final int PRODUCER_ID_OFFSET = 43;
    public static final int PRODUCER_EPOCH_OFFSET = 51;
    public static final int BASE_SEQUENCE_OFFSET = 53;
    public static final int RECORD_COUNT_OFFSET = 57;
    public static final int RECORDS_OFFSET = 61;

    /** The fixed header every batch starts with; also the smallest possible batch. */
    public static final int HEADER_SIZE_BYTES = RECORDS_OFFSET;
    /** baseOffset + batchLength: the bytes not counted by batchLength. */
    public static final int LOG_OVERHEAD_BYTES = BATCH_LENGTH_OFFSET + 4;
    /** The smallest legal value of the batchLength field. */
    public static final int MIN_BATCH_LENGTH = HEADER_SIZE_BYTES - LOG_OVERHEAD_BYTES;
    /** The first byte covered by the CRC; it runs to the end of the batch. */
    public static final int CRC_COVERED_FROM_OFFSET = ATTRIBUTES_OFFSET;

    public static final int COMPRESSION_CODEC_MASK = 0x07;
    public static final int TIMESTAMP_TYPE_MASK = 0x08;
    public static final int TRANSACTIONAL_FLAG_MASK = 0x10;
    public static final int CONTROL_FLAG_MASK = 0x20;
    public static final int DELETE_HORIZON_FLAG_MASK = 0x40;

    public static final long NO_PRODUCER_ID = -1L;
    public static final short NO_PRODUCER_EPOCH = -1;
    public static final int NO_SEQUENCE = -1;
    public static final int NO_PARTITION_LEADER_EPOCH = -1;
    public static final long NO_TIMESTAMP = -1L;

    /**
     * The smallest record: a 1-byte length plus attributes, a 1-byte timestamp delta, offset
     * delta, key length, value length and header count.
     */
    public static final int MIN_RECORD_SIZE_BYTES = 7;

    private RecordBatchDescriptor() {
    }
}
