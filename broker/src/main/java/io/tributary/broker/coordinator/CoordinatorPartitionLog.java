package io.tributary.broker.coordinator;

import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.Partitions;
import io.tributary.coordinator.runtime.CoordinatorException;
import io.tributary.coordinator.runtime.CoordinatorLog;
import io.tributary.protocol.Errors;
import io.tributary.records.MemoryRecords;
import io.tributary.records.Records;
import io.tributary.storage.LogAppendInfo;
import io.tributary.storage.StorageException;
import io.tributary.storage.TopicPartition;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * A coordinator's state topic as this broker hosts it: appends go to the partition leader's log
 * and complete when committed (on one node: when fsynced, if {@code log.flush.on.acks.all} is on,
 * as an {@code acks=all} produce); reads copy whole batches for loading.
 */
public final class CoordinatorPartitionLog implements CoordinatorLog {

    private final String topic;
    private final Partitions partitions;
    private final boolean awaitDurable;

    public CoordinatorPartitionLog(String topic, Partitions partitions, boolean awaitDurable) {
        this.topic = topic;
        this.partitions = partitions;
        this.awaitDurable = awaitDurable;
    }

    private Partition partition(int partition) {
        Partition p = partitions.get(new TopicPartition(topic, partition));
        if (p == null) {
            throw new CoordinatorException(Errors.NOT_COORDINATOR, "partition " + topic + "-" + partition + " is not hosted here");
        }
        return p;
    }

    @Override
    public CompletableFuture<Void> append(int partition, int leaderEpoch, MemoryRecords records) {
        Partition p = partition(partition);
        if (p.leaderEpoch() != leaderEpoch) {
            throw new CoordinatorException(Errors.NOT_COORDINATOR, topic + "-" + partition + " is at leader epoch "
                    + p.leaderEpoch() + ", not " + leaderEpoch);
        }
        LogAppendInfo info;
        try {
            info = p.appendAsLeader(records);
        } catch (StorageException e) {
            throw new CoordinatorException(Errors.NOT_COORDINATOR, "appending to " + topic + "-" + partition + " failed", e);
        }
        return awaitDurable ? p.awaitDurable(info.lastOffset()) : CompletableFuture.completedFuture(null);
    }

    @Override
    public MemoryRecords read(int partition, long offset, int maxBytes) {
        Partition p = partition(partition);
        Records records = p.read(offset, maxBytes, p.logEndOffset(), true).records();
        ByteBuffer buffer = ByteBuffer.allocate(records.sizeInBytes());
        records.copyTo(buffer);
        buffer.flip();
        return MemoryRecords.readableRecords(buffer);
    }

    @Override
    public long logStartOffset(int partition) {
        return partition(partition).logStartOffset();
    }
}
