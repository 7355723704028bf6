package io.tributary.records;

import static io.tributary.records.RecordBatchDescriptor.CONTROL_FLAG_MASK;
import static io.tributary.records.RecordBatchDescriptor.CRC_OFFSET;
import static io.tributary.records.RecordBatchDescriptor.DELETE_HORIZON_FLAG_MASK;
import static io.tributary.records.RecordBatchDescriptor.HEADER_SIZE_BYTES;
import static io.tributary.records.RecordBatchDescriptor.LOG_OVERHEAD_BYTES;
import static io.tributary.records.RecordBatchDescriptor.MAGIC_V2;
import static io.tributary.records.RecordBatchDescriptor.NO_PARTITION_LEADER_EPOCH;
import static io.tributary.records.RecordBatchDescriptor.NO_PRODUCER_EPOCH;
import static io.tributary.records.RecordBatchDescriptor.NO_PRODUCER_ID;
import static io.tributary.records.RecordBatchDescriptor.NO_SEQUENCE;
import static io.tributary.records.RecordBatchDescriptor.NO_TIMESTAMP;
import static io.tributary.records.RecordBatchDescriptor.RECORDS_OFFSET;
import static io.tributary.records.RecordBatchDescriptor.TIMESTAMP_TYPE_MASK;
import static io.tributary.records.RecordBatchDescriptor.TRANSACTIONAL_FLAG_MASK;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes one magic 2 record batch: for tests, internal topics, transaction markers, and the
 * batches the broker recompresses for a topic whose {@code compression.type} differs from the
 * producer's codec (otherwise the produce path appends what clients sent, DESIGN D3).
 *
 * <p>Set the batch-level fields, append records (data records, or control records, never both),
 * then {@link #build()}. Records get offset deltas 0, 1, 2, ...; the base timestamp is the first
 * record's (or the delete horizon); for CreateTime the max timestamp is the largest record
 * timestamp, for LogAppendTime the given append time. Keys, values and headers are copied on
 * append. The output is what Kafka's own {@code MemoryRecordsBuilder} writes, up to the choices a
 * compressor may make. The cleaner places records at explicit offsets ({@link #appendWithOffset})
 * and keeps a batch's original last offset ({@link #lastOffsetDelta}).
 *
 * <p>Not thread-safe. {@link #build()} may be called more than once and does not reset the
 * builder.
 */
public final class RecordBatchBuilder {

    private CompressionType compression = CompressionType.NONE;
    private boolean hasLevel;
    private int level;
    private TimestampType timestampType = TimestampType.CREATE_TIME;
    private long logAppendTimeMs = NO_TIMESTAMP;
    private long baseOffset;
    private long producerId = NO_PRODUCER_ID;
    private short producerEpoch = NO_PRODUCER_EPOCH;
    private int baseSequence = NO_SEQUENCE;
    private boolean transactional;
    private int partitionLeaderEpoch = NO_PARTITION_LEADER_EPOCH;
    private boolean hasDeleteHorizon;
    private long deleteHorizonMs = NO_TIMESTAMP;
    private boolean control;
    private boolean holdsEndTxnMarker;
    private int lastOffsetDeltaOverride = -1;
    private final List<PendingRecord> records = new ArrayList<>();

    /** Compresses with {@code compression} at the codec's default level (for lz4 its fast mode). */
    public RecordBatchBuilder compression(CompressionType compression) {
        this.compression = Objects.requireNonNull(compression);
        this.hasLevel = false;
        return this;
    }

    /**
     * Compresses with {@code compression} at {@code level}, with the meaning Kafka's
     * {@code compression.gzip.level}, {@code compression.lz4.level} and {@code compression.zstd.level}
     * give it; the level is ignored for none and snappy.
     */
    public RecordBatchBuilder compression(CompressionType compression, int level) {
        this.compression = Objects.requireNonNull(compression);
        this.hasLevel = true;
        this.level = level;
        return this;
    }

    /** Producer-assigned timestamps (the default). */
    public RecordBatchBuilder createTime() {
        this.timestampType = TimestampType.CREATE_TIME;
        this.logAppendTimeMs = NO_TIMESTAMP;
        return this;
    }

    /** LogAppendTime: the batch's max timestamp, and so every record's timestamp, is {@code logAppendTimeMs}. */
    public RecordBatchBuilder logAppendTime(long logAppendTimeMs) {
        this.timestampType = TimestampType.LOG_APPEND_TIME;
        this.logAppendTimeMs = logAppendTimeMs;
        return this;
    }

    public RecordBatchBuilder baseOffset(long baseOffset) {
        this.baseOffset = baseOffset;
        return this;
    }

    /** Idempotent-producer fields; without this call they are -1. */
    public RecordBatchBuilder producer(long producerId, short producerEpoch, int baseSequence) {
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.baseSequence = baseSequence;
        return this;
    }

    public RecordBatchBuilder transactional(boolean transactional) {
        this.transactional = transactional;
        return this;
    }

    public RecordBatchBuilder partitionLeaderEpoch(int partitionLeaderEpoch) {
        this.partitionLeaderEpoch = partitionLeaderEpoch;
        return this;
    }

    /** Sets the delete-horizon attribute; the horizon becomes the base timestamp. */
    public RecordBatchBuilder deleteHorizonMs(long deleteHorizonMs) {
        this.hasDeleteHorizon = true;
        this.deleteHorizonMs = deleteHorizonMs;
        return this;
    }

    /** Appends a data record; key and value may be null. */
    public RecordBatchBuilder append(long timestamp, byte[] key, byte[] value, Header... headers) {
        return appendData(timestamp, copy(key), copy(value), List.of(headers));
    }

    /** Appends a data record from the buffers' remaining bytes; key and value may be null. */
    public RecordBatchBuilder append(long timestamp, ByteBuffer key, ByteBuffer value, List<Header> headers) {
        return appendData(timestamp, copy(key), copy(value), List.copyOf(headers));
    }

    /**
     * Appends a data record at an explicit offset, at or above the base offset and above the
     * previous record's: the log cleaner rebuilds batches this way, keeping the offsets of the
     * records it retains (Kafka's {@code appendWithOffset}).
     */
    public RecordBatchBuilder appendWithOffset(long offset, long timestamp, ByteBuffer key, ByteBuffer value, List<Header> headers) {
        long delta = offset - baseOffset;
        int previous = records.isEmpty() ? -1 : records.get(records.size() - 1).offsetDelta;
        if (delta <= previous || delta > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("offset " + offset + " does not follow offset " + (baseOffset + previous)
                    + " in a batch based at " + baseOffset);
        }
        return appendData((int) delta, timestamp, copy(key), copy(value), List.copyOf(headers));
    }

    /**
     * Makes the batch's last offset {@code baseOffset + lastOffsetDelta} even if its last record
     * is below that: a cleaned batch keeps its original last offset, so producer sequence numbers
     * and the next batch's offsets stay as they were (Kafka's {@code overrideLastOffset}).
     */
    public RecordBatchBuilder lastOffsetDelta(int lastOffsetDelta) {
        this.lastOffsetDeltaOverride = lastOffsetDelta;
        return this;
    }

    private RecordBatchBuilder appendData(long timestamp, byte[] key, byte[] value, List<Header> headers) {
        return appendData(records.isEmpty() ? 0 : records.get(records.size() - 1).offsetDelta + 1, timestamp, key, value, headers);
    }

    private RecordBatchBuilder appendData(int offsetDelta, long timestamp, byte[] key, byte[] value, List<Header> headers) {
        if (control) {
            throw new IllegalStateException("a control batch holds only control records");
        }
        records.add(new PendingRecord(offsetDelta, timestamp, key, value, headers));
        return this;
    }

    /** Appends a control record with the type's key; makes this a control batch. */
    public RecordBatchBuilder appendControlRecord(long timestamp, ControlRecordType type, ByteBuffer value) {
        if (!control && !records.isEmpty()) {
            throw new IllegalStateException("a batch with data records cannot hold control records");
        }
        control = true;
        records.add(new PendingRecord(records.size(), timestamp, copy(type.recordKey()), copy(value), List.of()));
        return this;
    }

    /**
     * Appends a commit or abort marker. The batch must also be {@link #transactional(boolean)
     * transactional} and carry the producer id and epoch the marker ends a transaction for.
     */
    public RecordBatchBuilder appendEndTxnMarker(long timestamp, EndTransactionMarker marker) {
        appendControlRecord(timestamp, marker.type(), marker.encodeValue());
        holdsEndTxnMarker = true;
        return this;
    }

    /**
     * Writes the batch, or returns {@link MemoryRecords#EMPTY} if no record was appended (as
     * Kafka's builder does).
     *
     * @throws IllegalStateException if a transactional batch lacks a producer id, a transaction
     *     marker lacks the transactional flag, or the batch would exceed 2 GB
     */
    public MemoryRecords build() {
        if (records.isEmpty()) {
            return MemoryRecords.EMPTY;
        }
        if (transactional && producerId < 0) {
            throw new IllegalStateException("a transactional batch needs a producer id");
        }
        if (holdsEndTxnMarker && !transactional) {
            throw new IllegalStateException("a transaction marker must be in a transactional batch");
        }
        long baseTimestamp = hasDeleteHorizon ? deleteHorizonMs : records.get(0).timestamp;
        byte[] payload = compress(encodeRecords(baseTimestamp));
        if (payload.length > Integer.MAX_VALUE - HEADER_SIZE_BYTES) {
            throw new IllegalStateException("batch would exceed 2 GB: " + payload.length + " bytes of records");
        }
        ByteBuffer batch = ByteBuffer.allocate(HEADER_SIZE_BYTES + payload.length);
        writeHeader(batch, baseTimestamp);
        batch.position(RECORDS_OFFSET);
        batch.put(payload);
        batch.flip();
        RecordBatch view = RecordBatch.wrap(batch);
        batch.putInt(CRC_OFFSET, (int) view.computeChecksum());
        return MemoryRecords.readableRecords(batch);
    }

    private void writeHeader(ByteBuffer batch, long baseTimestamp) {
        batch.putLong(baseOffset)
                .putInt(batch.capacity() - LOG_OVERHEAD_BYTES)
                .putInt(partitionLeaderEpoch)
                .put(MAGIC_V2)
                .putInt(0)
                .putShort(attributes())
                .putInt(lastOffsetDelta())
                .putLong(baseTimestamp)
                .putLong(maxTimestamp())
                .putLong(producerId)
                .putShort(producerEpoch)
                .putInt(baseSequence)
                .putInt(records.size());
    }

    private int lastOffsetDelta() {
        int last = records.get(records.size() - 1).offsetDelta;
        if (lastOffsetDeltaOverride >= 0 && lastOffsetDeltaOverride < last) {
            throw new IllegalStateException("last offset delta " + lastOffsetDeltaOverride + " is below the last record's " + last);
        }
        return Math.max(last, lastOffsetDeltaOverride);
    }

    private short attributes() {
        int attributes = compression.id();
        if (timestampType == TimestampType.LOG_APPEND_TIME) {
            attributes |= TIMESTAMP_TYPE_MASK;
        }
        if (transactional) {
            attributes |= TRANSACTIONAL_FLAG_MASK;
        }
        if (control) {
            attributes |= CONTROL_FLAG_MASK;
        }
        if (hasDeleteHorizon) {
            attributes |= DELETE_HORIZON_FLAG_MASK;
        }
        return (short) attributes;
    }

    private long maxTimestamp() {
        if (timestampType == TimestampType.LOG_APPEND_TIME) {
            return logAppendTimeMs;
        }
        long max = NO_TIMESTAMP;
        for (PendingRecord record : records) {
            max = Math.max(max, record.timestamp);
        }
        return max;
    }

    private byte[] encodeRecords(long baseTimestamp) {
        int[] bodySizes = new int[records.size()];
        long total = 0;
        for (int i = 0; i < records.size(); i++) {
            PendingRecord record = records.get(i);
            long bodySize = record.bodySize(record.offsetDelta, record.timestamp - baseTimestamp);
            if (bodySize > Integer.MAX_VALUE) {
                throw new IllegalStateException("record " + i + " would exceed 2 GB");
            }
            bodySizes[i] = (int) bodySize;
            total += Varint.sizeOfVarint(bodySizes[i]) + bodySize;
        }
        if (total > Integer.MAX_VALUE - HEADER_SIZE_BYTES) {
            throw new IllegalStateException("batch would exceed 2 GB: " + total + " bytes of records");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total);
        for (int i = 0; i < records.size(); i++) {
            PendingRecord record = records.get(i);
            record.writeTo(out, bodySizes[i], record.offsetDelta, record.timestamp - baseTimestamp);
        }
        return out.array();
    }

    private byte[] compress(byte[] uncompressed) {
        if (compression == CompressionType.NONE) {
            return uncompressed;
        }
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(Math.max(64, uncompressed.length / 2));
        try (OutputStream out = hasLevel
                ? CompressionCodec.compressing(compression, level, compressed)
                : CompressionCodec.compressing(compression, compressed)) {
            out.write(uncompressed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot " + compression.configName() + "-compress records", e);
        }
        return compressed.toByteArray();
    }

    private static byte[] copy(byte[] bytes) {
        return bytes == null ? null : bytes.clone();
    }

    private static byte[] copy(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** An appended record with its header keys already UTF-8 encoded. */
    private static final class PendingRecord {
        final int offsetDelta;
        final long timestamp;
        final byte[] key;
        final byte[] value;
        final List<byte[]> headerKeys = new ArrayList<>();
        final List<byte[]> headerValues = new ArrayList<>();

        PendingRecord(int offsetDelta, long timestamp, byte[] key, byte[] value, List<Header> headers) {
            this.offsetDelta = offsetDelta;
            this.timestamp = timestamp;
            this.key = key;
            this.value = value;
            for (Header header : headers) {
                headerKeys.add(header.key().getBytes(StandardCharsets.UTF_8));
                headerValues.add(header.valueBytes());
            }
        }

        long bodySize(int offsetDelta, long timestampDelta) {
            long size = 1 + Varint.sizeOfVarlong(timestampDelta) + Varint.sizeOfVarint(offsetDelta)
                    + sizeOfNullable(key) + sizeOfNullable(value) + Varint.sizeOfVarint(headerKeys.size());
            for (int i = 0; i < headerKeys.size(); i++) {
                size += sizeOfNullable(headerKeys.get(i)) + sizeOfNullable(headerValues.get(i));
            }
            return size;
        }

        void writeTo(ByteBuffer out, int bodySize, int offsetDelta, long timestampDelta) {
            Varint.writeVarint(bodySize, out);
            out.put((byte) 0);
            Varint.writeVarlong(timestampDelta, out);
            Varint.writeVarint(offsetDelta, out);
            writeNullable(key, out);
            writeNullable(value, out);
            Varint.writeVarint(headerKeys.size(), out);
            for (int i = 0; i < headerKeys.size(); i++) {
                writeNullable(headerKeys.get(i), out);
                writeNullable(headerValues.get(i), out);
            }
        }

        private static long sizeOfNullable(byte[] bytes) {
            return bytes == null ? 1 : Varint.sizeOfVarint(bytes.length) + (long) bytes.length;
        }

        private static void writeNullable(byte[] bytes, ByteBuffer out) {
            if (bytes == null) {
                Varint.writeVarint(-1, out);
            } else {
                Varint.writeVarint(bytes.length, out);
                out.put(bytes);
            }
        }
    }
}
