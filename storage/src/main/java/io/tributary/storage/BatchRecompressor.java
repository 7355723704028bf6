package io.tributary.storage;

import io.tributary.records.CompressionType;
import io.tributary.records.MemoryRecords;
import io.tributary.records.Record;
import io.tributary.records.RecordBatch;
import io.tributary.records.RecordBatchBuilder;
import io.tributary.records.RecordIterator;
import io.tributary.storage.BatchValidator.ValidatedBatches;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Broker-side recompression for {@code compression.type}: a validated batch whose codec differs from
 * the topic's is decoded and written again with the topic's codec and level, as Kafka's
 * {@code LogValidator} does. Like Kafka, only a different codec triggers it; a batch already in the
 * topic's codec keeps its bytes whatever level the producer used, and {@code producer} keeps every
 * batch. {@code uncompressed} stores batches uncompressed.
 *
 * <p>The rewritten batch keeps everything but its codec and CRC: producer id, epoch and base
 * sequence, the transactional flag, each record's timestamp, key, value and headers (the base
 * timestamp becomes the first record's, the max timestamp the largest, as Kafka's builder writes
 * them). Base offset and leader epoch are assigned afterwards by the append, as for any batch.
 * Because the stored batch can be larger than the one received (uncompressed, or a weaker codec),
 * {@code max.message.bytes} is checked again on it: RECORD_TOO_LARGE.
 *
 * <p>The common case, no batch to convert, returns its input and allocates nothing. Stateless and
 * thread-safe.
 */
final class BatchRecompressor {

    private BatchRecompressor() {
    }

    /**
     * The batches to store for {@code validated} under {@code config}'s {@code compression.type}:
     * the input itself when no batch needs another codec, else a new buffer of the batches, those in
     * another codec rewritten.
     *
     * @throws RecordTooLargeException if a rewritten batch exceeds {@code max.message.bytes}
     */
    static ValidatedBatches toTargetCodec(ValidatedBatches validated, LogConfig config, TopicPartition partition) {
        TargetCompression target = config.compression();
        if (target.keepsProducerCodec() || !anyNeedsConversion(validated.batches(), target.type())) {
            return validated;
        }
        List<RecordBatch> stored = new ArrayList<>(validated.batches().size());
        int size = 0;
        for (RecordBatch batch : validated.batches()) {
            RecordBatch converted = batch.compressionType() == target.type() ? batch : recompress(batch, target);
            if (converted.sizeInBytes() > config.maxMessageBytes()) {
                throw new RecordTooLargeException("Message batch size is " + converted.sizeInBytes() + " bytes in append to"
                        + " partition " + partition + " which exceeds the maximum configured size of " + config.maxMessageBytes()
                        + " (after recompression from " + batch.compressionType().configName() + " to " + target + ")");
            }
            stored.add(converted);
            size += converted.sizeInBytes();
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        List<RecordBatch> views = new ArrayList<>(stored.size());
        for (RecordBatch batch : stored) {
            ByteBuffer view = buffer.slice(buffer.position(), batch.sizeInBytes());
            buffer.put(batch.buffer());
            views.add(RecordBatch.wrap(view));
        }
        buffer.flip();
        return new ValidatedBatches(buffer, views, validated.recordCount(), size);
    }

    private static boolean anyNeedsConversion(List<RecordBatch> batches, CompressionType target) {
        for (int i = 0; i < batches.size(); i++) {
            if (batches.get(i).compressionType() != target) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code batch}, a validated producer batch, written again with {@code target}'s codec and level.
     * Its records were decoded within the validation bound already, so decoding them again cannot fail.
     */
    static RecordBatch recompress(RecordBatch batch, TargetCompression target) {
        RecordBatchBuilder builder = new RecordBatchBuilder()
                .compression(target.type(), target.level())
                .baseOffset(batch.baseOffset())
                .partitionLeaderEpoch(batch.partitionLeaderEpoch())
                .producer(batch.producerId(), batch.producerEpoch(), batch.baseSequence())
                .transactional(batch.isTransactional());
        batch.deleteHorizonMs().ifPresent(builder::deleteHorizonMs);
        try (RecordIterator records = batch.records(RecordBatch.DEFAULT_MAX_UNCOMPRESSED_BYTES)) {
            while (records.hasNext()) {
                Record record = records.next();
                builder.append(record.timestamp(), record.key(), record.value(), record.headers());
            }
        }
        MemoryRecords rebuilt = builder.build();
        return rebuilt.firstBatch();
    }
}
