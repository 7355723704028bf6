package io.tributary.records;

import static io.tributary.records.RecordBatchDescriptor.ATTRIBUTES_OFFSET;
import static io.tributary.records.RecordBatchDescriptor.BASE_OFFSET_OFFSET;
import static io.tributary.records.RecordBatchDescriptor.BASE_SEQUENCE_OFFSET;
import static io.tributary.records.RecordBatchDescriptor.BASE_TIMESTAMP_OFFSET;
import static io.tributary.records.RecordBatchDescriptor.BATCH_LENGTH_OFFSET;
import static io.tributary.records.RecordBatchDescriptor.COMPRESSION_CODEC_MASK;
import static io.tributary.records.RecordBatchDescriptor.CONTROL_FLAG_MASK;
import static io.tributary.records.RecordBatchDescriptor.CRC_COVERED_FROM_OFFSET;
import static io.tributary.records.RecordBatchDescriptor.CRC_OFFSET;
import static io.tributary.records.RecordBatchDescriptor.DELETE_HORIZON_FLAG_MASK;
import static io.tributary.records.RecordBatchDescriptor.HEADER_SIZE_BYTES;
import static io.tributary.records.RecordBatchDescriptor.LAST_OFFSET_DELTA_OFFSET;
import static io.tributary.records.RecordBatchDescriptor.LOG_OVERHEAD_BYTES;
import static io.tributary.records.RecordBatchDescriptor.MAGIC_OFFSET;
import static io.tributary.records.RecordBatchDescriptor.MAGIC_V2;
import static io.tributary.records.RecordBatchDescriptor.MAX_TIMESTAMP_OFFSET;
import static io.tributary.records.RecordBatchDescriptor.MIN_BATCH_LENGTH;
import static io.tributary.records.RecordBatchDescriptor.MIN_RECORD_SIZE_BYTES;
import static io.tributary.records.RecordBatchDescriptor.PARTITION_LEADER_EPOCH_OFFSET;
import static io.tributary.records.RecordBatchDescriptor.PRODUCER_EPOCH_OFFSET;
import static io.tributary.records.RecordBatchDescriptor.PRODUCER_ID_OFFSET;
import static io.tributary.records.RecordBatchDescriptor.RECORDS_OFFSET;
import static io.tributary.records.RecordBatchDescriptor.RECORD_COUNT_OFFSET;
import static io.tributary.records.RecordBatchDescriptor.TIMESTAMP_TYPE_MASK;
import static io.tributary.records.RecordBatchDescriptor.TRANSACTIONAL_FLAG_MASK;

import java.nio.ByteBuffer;
import java.util.OptionalLong;
import java.util.zip.CRC32C;

/**
 * A view over one magic 2 record batch in a {@link ByteBuffer}; the bytes are never copied. The
 * layout is in {@link RecordBatchDescriptor}.
 *
 * <p>The broker touches batches only through this header (DESIGN D3): it reads the fields, checks
 * the CRC-32C with {@link #ensureValid()}, and on append rewrites the base offset and partition
 * leader epoch in place (neither is covered by the CRC) and, for LogAppendTime topics, the max
 * timestamp, which does require a new CRC. Records are decoded only on request, through
 * {@link #records()}.
 *
 * <p><b>Failure behaviour.</b> A view always covers at least the 61-byte header, so the header
 * accessors never fail. A view may cover fewer bytes than the batch declares (a truncated batch);
 * {@link #isValid()} then answers false and {@link #ensureValid()}, {@link #records()} and
 * {@link #setMaxTimestamp} throw {@link CorruptRecordException}. Nothing here reads past the
 * buffer, whatever its bytes say.
 *
 * <p><b>Thread safety.</b> Reads use absolute positions on a private slice, so any number of
 * threads may read one batch concurrently. The setters write the shared bytes and must not run
 * concurrently with anything else on the same batch: in the broker, only the partition's log
 * owner rewrites a batch, before it publishes it.
 *
 * <p><b>Pitfall.</b> {@link #setMaxTimestamp} recomputes the CRC over whatever the bytes hold.
 * Call it only on a batch that passed {@link #ensureValid()}, or earlier damage becomes
 * undetectable.
 */
public final class RecordBatch {

    /** No timestamp: Kafka's name for {@link RecordBatchDescriptor#NO_TIMESTAMP}. */
    public static final long NO_TIMESTAMP = RecordBatchDescriptor.NO_TIMESTAMP;
    /** No producer id: Kafka's name for {@link RecordBatchDescriptor#NO_PRODUCER_ID}. */
    public static final long NO_PRODUCER_ID = RecordBatchDescriptor.NO_PRODUCER_ID;
    /** No producer epoch: Kafka's name for {@link RecordBatchDescriptor#NO_PRODUCER_EPOCH}. */
    public static final short NO_PRODUCER_EPOCH = RecordBatchDescriptor.NO_PRODUCER_EPOCH;
    /** No sequence: Kafka's name for {@link RecordBatchDescriptor#NO_SEQUENCE}. */
    public static final int NO_SEQUENCE = RecordBatchDescriptor.NO_SEQUENCE;
    /** No partition leader epoch: Kafka's name for {@link RecordBatchDescriptor#NO_PARTITION_LEADER_EPOCH}. */
    public static final int NO_PARTITION_LEADER_EPOCH = RecordBatchDescriptor.NO_PARTITION_LEADER_EPOCH;

    /** The default bound on a compressed batch's decompressed records, see {@link #records(int)}. */
    public static final int DEFAULT_MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024;

    private final ByteBuffer buffer;

    private RecordBatch(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    /**
     * A view of the batch that starts at {@code buffer}'s position. The view ends where the batch
     * declares it ends, or at the buffer's limit if that comes first. The buffer's position and
     * limit are not changed.
     *
     * @throws CorruptRecordException if fewer than the 61 header bytes remain
     */
    public static RecordBatch wrap(ByteBuffer buffer) {
        if (buffer.remaining() < HEADER_SIZE_BYTES) {
            throw new CorruptRecordException("a record batch needs at least " + HEADER_SIZE_BYTES
                    + " bytes of header, but only " + buffer.remaining() + " remain");
        }
        ByteBuffer view = buffer.slice();
        long declaredSize = LOG_OVERHEAD_BYTES + (long) view.getInt(BATCH_LENGTH_OFFSET);
        if (declaredSize >= HEADER_SIZE_BYTES && declaredSize < view.limit()) {
            view.limit((int) declaredSize);
        }
        return new RecordBatch(view);
    }

    public long baseOffset() {
        return buffer.getLong(BASE_OFFSET_OFFSET);
    }

    /** The batchLength field: the batch's size minus the 12 bytes of offset and length. */
    public int batchLength() {
        return buffer.getInt(BATCH_LENGTH_OFFSET);
    }

    public int partitionLeaderEpoch() {
        return buffer.getInt(PARTITION_LEADER_EPOCH_OFFSET);
    }

    public byte magic() {
        return buffer.get(MAGIC_OFFSET);
    }

    /** The stored CRC-32C, as an unsigned value. */
    public long checksum() {
        return Integer.toUnsignedLong(buffer.getInt(CRC_OFFSET));
    }

    public short attributes() {
        return buffer.getShort(ATTRIBUTES_OFFSET);
    }

    public int lastOffsetDelta() {
        return buffer.getInt(LAST_OFFSET_DELTA_OFFSET);
    }

    /** The first record's timestamp, or the delete horizon when {@link #hasDeleteHorizon()}. */
    public long baseTimestamp() {
        return buffer.getLong(BASE_TIMESTAMP_OFFSET);
    }

    public long maxTimestamp() {
        return buffer.getLong(MAX_TIMESTAMP_OFFSET);
    }

    public long producerId() {
        return buffer.getLong(PRODUCER_ID_OFFSET);
    }

    public short producerEpoch() {
        return buffer.getShort(PRODUCER_EPOCH_OFFSET);
    }

    public int baseSequence() {
        return buffer.getInt(BASE_SEQUENCE_OFFSET);
    }

    /** The recordCount field, as declared; {@link #records()} checks it against the records. */
    public int recordCount() {
        return buffer.getInt(RECORD_COUNT_OFFSET);
    }

    public long lastOffset() {
        return baseOffset() + lastOffsetDelta();
    }

    public long nextOffset() {
        return lastOffset() + 1;
    }

    /** The size the batch declares: batchLength + 12. */
    public int sizeInBytes() {
        return LOG_OVERHEAD_BYTES + batchLength();
    }

    /**
     * The codec of the records payload.
     *
     * @throws CorruptRecordException if the attributes name codec 5, 6 or 7
     */
    public CompressionType compressionType() {
        return CompressionType.forId(attributes() & COMPRESSION_CODEC_MASK);
    }

    public boolean isCompressed() {
        return (attributes() & COMPRESSION_CODEC_MASK) != 0;
    }

    public TimestampType timestampType() {
        return (attributes() & TIMESTAMP_TYPE_MASK) == 0 ? TimestampType.CREATE_TIME : TimestampType.LOG_APPEND_TIME;
    }

    public boolean isTransactional() {
        return (attributes() & TRANSACTIONAL_FLAG_MASK) != 0;
    }

    public boolean isControlBatch() {
        return (attributes() & CONTROL_FLAG_MASK) != 0;
    }

    /** Whether the log cleaner stored a delete horizon in baseTimestamp. */
    public boolean hasDeleteHorizon() {
        return (attributes() & DELETE_HORIZON_FLAG_MASK) != 0;
    }

    public OptionalLong deleteHorizonMs() {
        return hasDeleteHorizon() ? OptionalLong.of(baseTimestamp()) : OptionalLong.empty();
    }

    public boolean hasProducerId() {
        return producerId() >= 0;
    }

    /** The sequence of the last record, wrapping past Integer.MAX_VALUE to 0, or -1 without one. */
    public int lastSequence() {
        int baseSequence = baseSequence();
        return baseSequence == NO_SEQUENCE ? NO_SEQUENCE : incrementSequence(baseSequence, lastOffsetDelta());
    }

    /** A read-only duplicate of the bytes this view covers, positioned at the batch's first byte. */
    public ByteBuffer buffer() {
        return buffer.asReadOnlyBuffer();
    }

    /** Computes the CRC-32C of the bytes from the attributes to the end of the view. */
    public long computeChecksum() {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().position(CRC_COVERED_FROM_OFFSET));
        return crc.getValue();
    }

    /** Whether {@link #ensureValid()} would pass; never throws. */
    public boolean isValid() {
        return framingProblem() == null && magic() == MAGIC_V2 && checksum() == computeChecksum();
    }

    /**
     * Checks that the whole declared batch is present, that it is at least 61 bytes, that the
     * magic is 2 and that the CRC-32C matches. Does not decode records; see {@link BatchValidator}.
     *
     * @throws CorruptRecordException for a size or CRC problem
     * @throws InvalidRecordException for a magic other than 2
     */
    public void ensureValid() {
        ensureFramed();
        long stored = checksum();
        long computed = computeChecksum();
        if (stored != computed) {
            throw corrupt(String.format("CRC mismatch: stored 0x%08x, computed 0x%08x over %d bytes",
                    stored, computed, sizeInBytes() - CRC_COVERED_FROM_OFFSET));
        }
    }

    /** The sizes and magic checks of {@link #ensureValid()}, without the CRC. */
    void ensureFramed() {
        String problem = framingProblem();
        if (problem != null) {
            throw corrupt(problem);
        }
        if (magic() != MAGIC_V2) {
            throw new InvalidRecordException(describe() + ": unsupported magic " + magic()
                    + "; only magic " + MAGIC_V2 + " batches are accepted");
        }
    }

    private String framingProblem() {
        int batchLength = batchLength();
        if (batchLength < MIN_BATCH_LENGTH) {
            return "batch length " + batchLength + " is less than the minimum of " + MIN_BATCH_LENGTH;
        }
        if ((long) LOG_OVERHEAD_BYTES + batchLength > buffer.limit()) {
            return "batch declares " + ((long) LOG_OVERHEAD_BYTES + batchLength)
                    + " bytes but only " + buffer.limit() + " are present";
        }
        return null;
    }

    /** Decodes the records with the {@link #DEFAULT_MAX_UNCOMPRESSED_BYTES default} bound. */
    public RecordIterator records() {
        return records(DEFAULT_MAX_UNCOMPRESSED_BYTES);
    }

    /**
     * Decodes the records one at a time. The caller must close the iterator unless it reads it to
     * the end (compressed batches hold decompressor resources). Every length and count is checked
     * against what the batch holds before anything is allocated, and the record count must match
     * the records present exactly.
     *
     * <p>Does not check the CRC: call {@link #ensureValid()} first where it matters. Decoding an
     * unchecked batch is safe, merely pointless.
     *
     * @param maxUncompressedBytes for a compressed batch, the most decompressed bytes to accept;
     *     beyond it iteration fails instead of allocating further
     * @throws CorruptRecordException here or from the iterator, for anything malformed
     * @throws InvalidRecordException for a magic other than 2
     */
    public RecordIterator records(int maxUncompressedBytes) {
        if (maxUncompressedBytes < 0) {
            throw new IllegalArgumentException("maxUncompressedBytes must not be negative: " + maxUncompressedBytes);
        }
        ensureFramed();
        CompressionType compression;
        try {
            compression = compressionType();
        } catch (CorruptRecordException e) {
            throw corrupt(e.getMessage());
        }
        int recordCount = recordCount();
        ByteBuffer payload = buffer.slice(RECORDS_OFFSET, sizeInBytes() - RECORDS_OFFSET);
        if (recordCount < 0) {
            throw corrupt("negative record count " + recordCount);
        }
        if (compression == CompressionType.NONE && recordCount > payload.remaining() / MIN_RECORD_SIZE_BYTES) {
            throw corrupt("record count " + recordCount + " cannot fit in the " + payload.remaining()
                    + " bytes of records; a record takes at least " + MIN_RECORD_SIZE_BYTES);
        }
        RecordSource source = compression == CompressionType.NONE
                ? new UncompressedRecordSource(payload)
                : new DecompressedRecordSource(compression, payload, maxUncompressedBytes);
        return new RecordIterator(this, source);
    }

    /** Rewrites the base offset in place; the CRC does not cover it. */
    public void setBaseOffset(long baseOffset) {
        buffer.putLong(BASE_OFFSET_OFFSET, baseOffset);
    }

    /** Rewrites the partition leader epoch in place; the CRC does not cover it. */
    public void setPartitionLeaderEpoch(int partitionLeaderEpoch) {
        buffer.putInt(PARTITION_LEADER_EPOCH_OFFSET, partitionLeaderEpoch);
    }

    /**
     * Sets the timestamp type bit and the max timestamp, then recomputes the CRC; for
     * LogAppendTime topics the broker calls it with {@code (LOG_APPEND_TIME, nowMs)}. A call that
     * changes nothing leaves the bytes, CRC included, untouched.
     *
     * @throws CorruptRecordException if the view does not hold the whole batch
     */
    public void setMaxTimestamp(TimestampType timestampType, long maxTimestamp) {
        if (timestampType() == timestampType && maxTimestamp() == maxTimestamp) {
            return;
        }
        String problem = framingProblem();
        if (problem != null) {
            throw corrupt(problem);
        }
        int attributes = attributes() & ~TIMESTAMP_TYPE_MASK;
        if (timestampType == TimestampType.LOG_APPEND_TIME) {
            attributes |= TIMESTAMP_TYPE_MASK;
        }
        buffer.putShort(ATTRIBUTES_OFFSET, (short) attributes);
        buffer.putLong(MAX_TIMESTAMP_OFFSET, maxTimestamp);
        buffer.putInt(CRC_OFFSET, (int) computeChecksum());
    }

    /** Kafka's sequence arithmetic: sequences wrap from Integer.MAX_VALUE to 0. */
    static int incrementSequence(int sequence, int increment) {
        if (sequence > Integer.MAX_VALUE - increment) {
            return increment - (Integer.MAX_VALUE - sequence) - 1;
        }
        return sequence + increment;
    }

    /** Names the batch in error messages. */
    String describe() {
        return "batch with base offset " + baseOffset();
    }

    private CorruptRecordException corrupt(String problem) {
        return new CorruptRecordException(describe() + ": " + problem);
    }

    @Override
    public String toString() {
        return "RecordBatch(baseOffset=" + baseOffset() + ", lastOffset=" + lastOffset()
                + ", recordCount=" + recordCount() + ", sizeInBytes=" + sizeInBytes()
                + ", magic=" + magic() + ", attributes=0x" + Integer.toHexString(attributes() & 0xFFFF)
                + ", partitionLeaderEpoch=" + partitionLeaderEpoch() + ", producerId=" + producerId()
                + ", producerEpoch=" + producerEpoch() + ", baseSequence=" + baseSequence()
                + ", maxTimestamp=" + maxTimestamp() + ")";
    }
}
