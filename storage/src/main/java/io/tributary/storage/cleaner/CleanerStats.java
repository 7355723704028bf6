package io.tributary.storage.cleaner;

/**
 * What one cleaning of one log did: bytes and records read and written, keys mapped, time spent.
 * Filled in by the cleaner thread that ran it; read after it is done. Not thread-safe.
 */
public final class CleanerStats {

    long bytesRead;
    long bytesWritten;
    long mapBytesRead;
    long recordsRead;
    long recordsRetained;
    long mapRecords;
    long invalidRecords;
    long tombstonesRemoved;
    int segmentsCleaned;
    long startNs;
    long mapDoneNs;
    long endNs;

    public long bytesRead() {
        return bytesRead;
    }

    public long bytesWritten() {
        return bytesWritten;
    }

    /** Bytes of the dirty section read to build the offset map. */
    public long mapBytesRead() {
        return mapBytesRead;
    }

    public long recordsRead() {
        return recordsRead;
    }

    public long recordsRetained() {
        return recordsRetained;
    }

    /** Keyed records put in the offset map. */
    public long mapRecords() {
        return mapRecords;
    }

    /** Records without a key, dropped (a compacted log cannot hold them). */
    public long invalidRecords() {
        return invalidRecords;
    }

    public long tombstonesRemoved() {
        return tombstonesRemoved;
    }

    public int segmentsCleaned() {
        return segmentsCleaned;
    }

    public double elapsedSeconds() {
        return (endNs - startNs) / 1e9;
    }

    @Override
    public String toString() {
        double seconds = Math.max(elapsedSeconds(), 1e-9);
        return String.format("%d segments, %.1f MB read, %.1f MB written (%.1f MB/s), %d of %d records retained,"
                        + " %d keyed records mapped from %.1f MB, %d tombstones and %d keyless records removed, %.3f s (%.3f s mapping)",
                segmentsCleaned, bytesRead / 1e6, bytesWritten / 1e6, bytesRead / 1e6 / seconds, recordsRetained, recordsRead,
                mapRecords, mapBytesRead / 1e6, tombstonesRemoved, invalidRecords, elapsedSeconds(), (mapDoneNs - startNs) / 1e9);
    }
}
