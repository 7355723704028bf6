package io.tributary.storage;

import io.tributary.storage.checkpoint.EpochEntry;
import io.tributary.storage.checkpoint.LeaderEpochCheckpointFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * A partition's leader epoch history: for each leader epoch that wrote to the log, the first
 * offset it wrote, kept in the partition directory's {@code leader-epoch-checkpoint} file
 * ({@link LeaderEpochCheckpointFile}, Kafka's format). OffsetForLeaderEpoch answers from it, and
 * ListOffsets uses it to name the epoch of an offset.
 *
 * <p>Invariant: epochs and start offsets both strictly increase from entry to entry. An entry is
 * added when a batch of a new epoch is appended (or a leader of a new epoch takes over at the log
 * end offset); entries at or past a truncation point are removed; entries wholly below the log
 * start offset are removed and the one spanning it is moved to start there.
 *
 * <p>Crash behaviour: every change is written to the file (atomically, fsynced) before the method
 * returns, and the log assigns an epoch before appending its first batch, so the file never lacks
 * an epoch whose data is durable. It may hold entries past the durable log end after a crash; the
 * loader removes those with {@link #truncateFromEnd}.
 *
 * <p>Thread safety: every method is synchronized; mutations come from the owning log's writer
 * (under its lock), lookups from any thread.
 */
public final class LeaderEpochCache {

    /** Kafka's UNDEFINED_EPOCH and UNDEFINED_EPOCH_OFFSET: no epoch or offset is known. */
    public static final int UNDEFINED_EPOCH = -1;
    public static final long UNDEFINED_EPOCH_OFFSET = -1L;

    private final Path partitionDir;
    private final LeaderEpochCheckpointFile checkpoint;
    private final TreeMap<Integer, EpochEntry> epochs = new TreeMap<>();

    /** The epoch found for a requested epoch and its end offset, or both undefined (-1). */
    public record EpochEndOffset(int leaderEpoch, long endOffset) {
        static final EpochEndOffset UNDEFINED = new EpochEndOffset(UNDEFINED_EPOCH, UNDEFINED_EPOCH_OFFSET);

        public boolean isDefined() {
            return endOffset != UNDEFINED_EPOCH_OFFSET;
        }
    }

    /** An empty cache backed by the checkpoint file in {@code partitionDir}; call {@link #load} or assign. */
    public LeaderEpochCache(Path partitionDir) {
        this.partitionDir = partitionDir;
        this.checkpoint = new LeaderEpochCheckpointFile(LeaderEpochCheckpointFile.fileIn(partitionDir));
    }

    /**
     * Replaces the entries with the file's; false if there is no file (the caller rebuilds from the log).
     *
     * @throws IOException including {@link io.tributary.storage.checkpoint.CorruptCheckpointException}
     */
    synchronized boolean load() throws IOException {
        epochs.clear();
        if (!Files.exists(checkpoint.file())) {
            return false;
        }
        for (EpochEntry entry : checkpoint.read()) {
            putMonotonic(entry);
        }
        return true;
    }

    /**
     * Records that {@code epoch} starts at {@code startOffset}, unless that is already known. Entries
     * it contradicts (an epoch at or above it, or a start offset at or above it) are removed first.
     * Negative epochs (batches written without one) are ignored.
     */
    public synchronized void assign(int epoch, long startOffset) {
        if (assignWithoutFlush(epoch, startOffset)) {
            flush();
        }
    }

    /** {@link #assign} without writing the file (a rebuild writes once at the end); true if it changed anything. */
    synchronized boolean assignWithoutFlush(int epoch, long startOffset) {
        if (epoch < 0) {
            return false;
        }
        Map.Entry<Integer, EpochEntry> latest = epochs.lastEntry();
        if (latest != null && latest.getKey() == epoch && latest.getValue().startOffset() <= startOffset) {
            return false;
        }
        putMonotonic(new EpochEntry(epoch, startOffset));
        return true;
    }

    private void putMonotonic(EpochEntry entry) {
        epochs.values().removeIf(e -> e.epoch() >= entry.epoch() || e.startOffset() >= entry.startOffset());
        epochs.put(entry.epoch(), entry);
    }

    /** The latest epoch, if any. */
    public synchronized OptionalInt latestEpoch() {
        return epochs.isEmpty() ? OptionalInt.empty() : OptionalInt.of(epochs.lastKey());
    }

    /** The epoch that wrote {@code offset}: the last entry starting at or below it, if any. */
    public synchronized OptionalInt epochForOffset(long offset) {
        EpochEntry found = null;
        for (EpochEntry entry : epochs.values()) {
            if (entry.startOffset() > offset) {
                break;
            }
            found = entry;
        }
        return found == null ? OptionalInt.empty() : OptionalInt.of(found.epoch());
    }

    /**
     * Kafka's rule for OffsetForLeaderEpoch: the largest known epoch at or below
     * {@code requestedEpoch} and its end offset, which is the start offset of the next known epoch,
     * or {@code logEndOffset} if it is the latest. A requested epoch below every known one answers
     * itself with the first epoch's start offset; one above every known epoch, or
     * {@link #UNDEFINED_EPOCH}, answers undefined.
     */
    public synchronized EpochEndOffset endOffsetFor(int requestedEpoch, long logEndOffset) {
        if (requestedEpoch == UNDEFINED_EPOCH || epochs.isEmpty()) {
            return EpochEndOffset.UNDEFINED;
        }
        if (epochs.lastKey() == requestedEpoch) {
            return new EpochEndOffset(requestedEpoch, logEndOffset);
        }
        Map.Entry<Integer, EpochEntry> higher = epochs.higherEntry(requestedEpoch);
        if (higher == null) {
            return EpochEndOffset.UNDEFINED;
        }
        Map.Entry<Integer, EpochEntry> floor = epochs.floorEntry(requestedEpoch);
        int epoch = floor == null ? requestedEpoch : floor.getKey();
        return new EpochEndOffset(epoch, higher.getValue().startOffset());
    }

    /** Removes the entries starting at or after {@code endOffset} (log truncation, recovery). */
    public synchronized void truncateFromEnd(long endOffset) {
        if (epochs.values().removeIf(e -> e.startOffset() >= endOffset)) {
            flush();
        }
    }

    /**
     * Removes the entries that end at or below {@code startOffset} and moves the start of the one
     * spanning it to {@code startOffset} (the log start offset advanced).
     */
    public synchronized void truncateFromStart(long startOffset) {
        Map.Entry<Integer, EpochEntry> first = epochs.firstEntry();
        if (first == null || first.getValue().startOffset() >= startOffset) {
            return;
        }
        EpochEntry spanning = null;
        while (!epochs.isEmpty() && epochs.firstEntry().getValue().startOffset() <= startOffset) {
            spanning = epochs.pollFirstEntry().getValue();
        }
        epochs.put(spanning.epoch(), new EpochEntry(spanning.epoch(), startOffset));
        flush();
    }

    /** The entries, oldest first. */
    public synchronized List<EpochEntry> entries() {
        return List.copyOf(epochs.values());
    }

    /** Drops every entry (a rebuild starts from nothing); does not write the file. */
    synchronized void clear() {
        epochs.clear();
    }

    /** Writes the entries to the checkpoint file. */
    synchronized void flush() {
        try {
            checkpoint.write(epochs.values());
        } catch (IOException e) {
            throw new LogDirectoryException(partitionDir.getParent(),
                    checkpoint.file() + ": cannot write the leader epoch checkpoint: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized String toString() {
        return "LeaderEpochCache(" + epochs.values() + ")";
    }
}
