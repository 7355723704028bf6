package io.tributary.broker.metadata;

import io.tributary.controller.MetadataLog;
import io.tributary.metadata.ApiMessageAndVersion;
import io.tributary.metadata.MetadataRecordSerde;
import io.tributary.records.MemoryRecords;
import io.tributary.records.Record;
import io.tributary.records.RecordBatch;
import io.tributary.records.RecordBatchBuilder;
import io.tributary.records.RecordIterator;
import io.tributary.storage.FetchDataInfo;
import io.tributary.storage.PartitionLog;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The metadata log of a single node: the partition {@code __cluster_metadata-0} in a log directory,
 * as Kafka names it, holding one record batch per controller commit. Each record's value is a
 * metadata record in Kafka's frame ({@link MetadataRecordSerde}), so Kafka's dump tool can decode it.
 * An append returns once the batch is fsynced: that is the commit.
 *
 * <p>Used by the controller thread only.
 */
public final class LocalMetadataLog implements MetadataLog {

    public static final String TOPIC = "__cluster_metadata";
    private static final long COMMIT_TIMEOUT_MS = 60_000;

    private final PartitionLog log;
    private final int leaderEpoch;

    public LocalMetadataLog(PartitionLog log, int leaderEpoch) {
        this.log = log;
        this.leaderEpoch = leaderEpoch;
    }

    @Override
    public void replay(Consumer<Committed> batches) {
        long offset = log.logStartOffset();
        while (offset < log.logEndOffset()) {
            FetchDataInfo info = log.read(offset, 1 << 20, log.logEndOffset(), true);
            ByteBuffer bytes = ByteBuffer.allocate(info.records().sizeInBytes());
            info.records().copyTo(bytes);
            long before = offset;
            for (RecordBatch batch : MemoryRecords.readableRecords(bytes.flip()).batches()) {
                if (batch.lastOffset() < offset) {
                    continue;
                }
                batches.accept(new Committed(decode(batch), batch.lastOffset()));
                offset = batch.lastOffset() + 1;
            }
            if (offset == before) {
                throw new IllegalStateException(TOPIC + ": no complete batch at offset " + offset);
            }
        }
    }

    private static List<ApiMessageAndVersion> decode(RecordBatch batch) {
        List<ApiMessageAndVersion> records = new ArrayList<>(batch.recordCount());
        try (RecordIterator it = batch.records()) {
            while (it.hasNext()) {
                Record record = it.next();
                records.add(MetadataRecordSerde.read(record.value()));
            }
        }
        return records;
    }

    @Override
    public long append(List<ApiMessageAndVersion> records) {
        RecordBatchBuilder builder = new RecordBatchBuilder();
        long now = System.currentTimeMillis();
        for (ApiMessageAndVersion record : records) {
            builder.append(now, (ByteBuffer) null, MetadataRecordSerde.serialize(record), List.of());
        }
        long lastOffset = log.appendAsLeader(builder.build(), leaderEpoch).lastOffset();
        try {
            log.awaitDurable(lastOffset).get(COMMIT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while committing metadata", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("metadata commit at offset " + lastOffset + " failed", e);
        }
        return lastOffset;
    }
}
