package io.tributary.controller;

import io.tributary.metadata.ApiMessageAndVersion;
import java.util.List;
import java.util.function.Consumer;

/**
 * The metadata log as the controller sees it (DESIGN D7): an ordered, durable sequence of record
 * batches. A single node keeps it in a local partition log; the cluster issue puts it on Raft
 * behind this same interface.
 */
public interface MetadataLog {

    /** Passes every committed batch, oldest first, to {@code batches}; called once at start-up. */
    void replay(Consumer<Committed> batches);

    /**
     * Appends {@code records} as one atomic batch and returns once it is durable (committed).
     *
     * @return the offset of the batch's last record
     */
    long append(List<ApiMessageAndVersion> records);

    /** A committed batch and the offset of its last record. */
    record Committed(List<ApiMessageAndVersion> records, long lastOffset) {
    }
}
