package io.tributary.storage;

/**
 * What loading a partition log did.
 *
 * @param segmentsLoaded     segments found on disk
 * @param segmentsRecovered  segments re-read batch by batch (past the recovery point, or with bad indexes)
 * @param bytesTruncated     bytes cut from torn or corrupt tails
 * @param segmentsDeleted    segments removed because they followed a corrupt one
 * @param logEndOffset       the log end offset after loading
 * @param durationMs         how long loading took
 */
public record RecoveryResult(
        int segmentsLoaded,
        int segmentsRecovered,
        long bytesTruncated,
        int segmentsDeleted,
        long logEndOffset,
        long durationMs) {
}
