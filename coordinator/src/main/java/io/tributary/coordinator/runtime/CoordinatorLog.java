package io.tributary.coordinator.runtime;

import io.tributary.records.MemoryRecords;
import java.util.concurrent.CompletableFuture;

/**
 * The coordinator's view of its state topic's partitions (DESIGN D2: coordinators write through a
 * partition-writer interface, never the storage module): append as leader, and read back to load.
 */
public interface CoordinatorLog {

    /**
     * Appends records to a partition this node leads at {@code leaderEpoch}. The future completes
     * once they are committed (durable and replicated, as an {@code acks=all} produce) and fails
     * with a {@link CoordinatorException} when they cannot be.
     */
    CompletableFuture<Void> append(int partition, int leaderEpoch, MemoryRecords records);

    /** Whole batches starting at or before {@code offset}, at most about {@code maxBytes}; empty at the end. */
    MemoryRecords read(int partition, long offset, int maxBytes);

    /** The partition's log start offset, where loading begins. */
    long logStartOffset(int partition);
}
