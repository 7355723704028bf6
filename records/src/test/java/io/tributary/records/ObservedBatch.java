package io.tributary.records;

import java.util.List;
import java.util.OptionalLong;

/**
 * Everything a reader reports about one batch, in neutral types, so that what Kafka's reader
 * sees and what ours sees can be compared with one {@code assertEquals}. Bytes are hex strings
 * so failures print readably.
 */
record ObservedBatch(
        long baseOffset,
        long lastOffset,
        int partitionLeaderEpoch,
        byte magic,
        long crc,
        int compressionId,
        TimestampType timestampType,
        boolean transactional,
        boolean control,
        OptionalLong deleteHorizonMs,
        long baseTimestamp,
        long maxTimestamp,
        long producerId,
        short producerEpoch,
        int baseSequence,
        int lastSequence,
        int recordCount,
        int sizeInBytes,
        List<ObservedRecord> records) {

    record ObservedRecord(long offset, long timestamp, int sequence, String key, String value,
                          List<ObservedHeader> headers) {
    }

    record ObservedHeader(String key, String value) {
    }

    /** The same batch with the fields that depend on the compressor's exact output zeroed. */
    ObservedBatch ignoringCompressedBytes() {
        return new ObservedBatch(baseOffset, lastOffset, partitionLeaderEpoch, magic, 0, compressionId,
                timestampType, transactional, control, deleteHorizonMs, baseTimestamp, maxTimestamp, producerId,
                producerEpoch, baseSequence, lastSequence, recordCount, 0, records);
    }
}
