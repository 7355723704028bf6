package io.tributary.storage.producer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer state of one partition (Kafka's {@code ProducerStateManager}): for each idempotent or
 * transactional producer id that wrote to it, a {@link ProducerStateEntry}. It is what lets the leader
 * answer a retried batch with its original offsets instead of writing it twice, and refuse batches that
 * are out of sequence or come from a fenced (older) producer epoch.
 *
 * <p>The state always describes the log below {@link #mapEndOffset()}. It lives in memory and is made
 * durable by snapshots ({@link ProducerStateSnapshotFile}, Kafka's format) that the log takes when it
 * rolls a segment and on clean shutdown; on load the latest valid snapshot is read and the log replays
 * its batches from the snapshot's offset. How the partition log drives this class is described in
 * {@code package-info.java}.
 *
 * <p>Expiration: a producer whose last batch's max timestamp is {@code producer.id.expiration.ms} or
 * more in the past, and which has no transaction open, is dropped by {@link #removeExpiredProducers}
 * and when loading a snapshot. Its next batch is then accepted with any sequence (see
 * {@link ProducerAppendInfo}), as in Kafka.
 *
 * <p>Crash behaviour: in-memory state is lost; snapshots are written atomically (temp file, fsync,
 * rename, directory fsync); a corrupt snapshot is deleted on load and an older one, or an empty state,
 * is used instead. Either way the log's replay brings the state to the log end offset.
 *
 * <p>Thread safety: not thread-safe. It belongs to the partition's single writer thread (the one
 * that appends, truncates, rolls and loads the log); every method must be called from it, except
 * {@link #producerIdCount()}, which any thread may read.
 */
public final class ProducerStateManager {

    private static final Logger LOG = LoggerFactory.getLogger(ProducerStateManager.class);

    private final String partition;
    private final ProducerStateConfig config;
    private final ProducerStateSnapshots snapshots;
    private final Map<Long, ProducerStateEntry> producers = new HashMap<>();
    private volatile int producerIdCount;
    private long mapEndOffset;
    private long lastSnapOffset;

    /**
     * Starts with no producers and {@link #mapEndOffset()} 0, knowing the snapshot files already in
     * {@code partitionDir}; the log then loads them with {@link #truncateAndReload}.
     */
    public ProducerStateManager(Path partitionDir, ProducerStateConfig config) throws IOException {
        this.partition = String.valueOf(partitionDir.getFileName());
        this.config = config;
        this.snapshots = ProducerStateSnapshots.scan(partitionDir);
    }

    public ProducerStateConfig config() {
        return config;
    }

    /** The state of {@code producerId}, if the partition has any. */
    public Optional<ProducerStateEntry> lastEntry(long producerId) {
        return Optional.ofNullable(producers.get(producerId));
    }

    /** Every producer with state, by id; an unmodifiable view. */
    public Map<Long, ProducerStateEntry> activeProducers() {
        return Collections.unmodifiableMap(producers);
    }

    /** The number of producers with state; readable from any thread (for metrics). */
    public int producerIdCount() {
        return producerIdCount;
    }

    public boolean isEmpty() {
        return producers.isEmpty();
    }

    /** The offset below which the state reflects the log (exclusive end). */
    public long mapEndOffset() {
        return mapEndOffset;
    }

    /** Records that the state now reflects the log below {@code offset}; the log calls it after each append. */
    public void updateMapEndOffset(long offset) {
        mapEndOffset = offset;
    }

    /**
     * The retained batch that a client batch with these header fields is a retry of: same producer id,
     * same epoch and the same sequence range as one of the producer's last five batches.
     */
    public Optional<BatchMetadata> findDuplicate(long producerId, short producerEpoch, int baseSequence,
                                                 int lastOffsetDelta) {
        ProducerStateEntry entry = producers.get(producerId);
        if (entry == null || baseSequence == SequenceNumbers.NO_SEQUENCE) {
            return Optional.empty();
        }
        return entry.findDuplicate(producerEpoch, baseSequence,
                SequenceNumbers.lastSequence(baseSequence, lastOffsetDelta));
    }

    /** Starts checking the batches of one producer within one append; see {@link ProducerAppendInfo}. */
    public ProducerAppendInfo prepareUpdate(long producerId, AppendOrigin origin) {
        if (producerId < 0) {
            throw new IllegalArgumentException("partition " + partition + ": producer id " + producerId
                    + " has no producer state");
        }
        return new ProducerAppendInfo(partition, producerId, producers.get(producerId), origin);
    }

    /**
     * Applies the batches staged in {@code appendInfo}, once the log has written them.
     *
     * @throws IllegalStateException the producer's state changed since {@link #prepareUpdate} (another
     *                               append info for it was applied, or it expired or was reloaded)
     */
    public void update(ProducerAppendInfo appendInfo) {
        long producerId = appendInfo.producerId();
        ProducerStateEntry live = producers.get(producerId);
        if (!appendInfo.isBasedOn(live)) {
            throw new IllegalStateException("partition " + partition + ": producer " + producerId
                    + " changed since its append info was prepared; prepare one per producer per append");
        }
        if (!appendInfo.hasBatches()) {
            return;
        }
        if (live == null) {
            producers.put(producerId, appendInfo.updatedEntry());
            producerIdCount = producers.size();
        } else {
            live.update(appendInfo.updatedEntry());
        }
    }

    /**
     * Drops every producer without an open transaction whose last batch's max timestamp is at least
     * {@code producer.id.expiration.ms} before {@code nowMs}.
     *
     * @return how many producers were dropped
     */
    public int removeExpiredProducers(long nowMs) {
        int removed = 0;
        for (Iterator<ProducerStateEntry> it = producers.values().iterator(); it.hasNext(); ) {
            if (isExpired(it.next(), nowMs)) {
                it.remove();
                removed++;
            }
        }
        producerIdCount = producers.size();
        return removed;
    }

    /**
     * Writes a snapshot of the state at {@link #mapEndOffset()}, unless nothing was applied since the
     * last snapshot. Fsyncs on the calling thread.
     *
     * @return the file written, if one was
     */
    public Optional<Path> takeSnapshot() throws IOException {
        if (mapEndOffset <= lastSnapOffset) {
            return Optional.empty();
        }
        ProducerStateSnapshotFile snapshot = ProducerStateSnapshotFile.at(snapshots.dir(), mapEndOffset);
        snapshot.write(new TreeMap<>(producers).values());
        snapshots.add(snapshot);
        lastSnapOffset = mapEndOffset;
        LOG.debug("Wrote producer snapshot {} with {} producers", snapshot.path(), producers.size());
        return Optional.of(snapshot.path());
    }

    /** The offset of the newest snapshot file. */
    public OptionalLong latestSnapshotOffset() {
        return snapshots.latest().map(s -> OptionalLong.of(s.offset())).orElse(OptionalLong.empty());
    }

    /** The offset of the oldest snapshot file. */
    public OptionalLong oldestSnapshotOffset() {
        return snapshots.oldest().map(s -> OptionalLong.of(s.offset())).orElse(OptionalLong.empty());
    }

    /** The offsets of all snapshot files, ascending. */
    public List<Long> snapshotOffsets() {
        return snapshots.all().stream().map(ProducerStateSnapshotFile::offset).toList();
    }

    /** Deletes the snapshot files at offsets below {@code offset}; in-memory state is unchanged. */
    public void deleteSnapshotsBefore(long offset) throws IOException {
        snapshots.deleteBelow(offset);
    }

    /**
     * The log start offset moved up (retention, DeleteRecords). Producer state is kept (producers
     * expire by time only, as since Kafka 2.1, KAFKA-7190); the map end offset is moved up to the log
     * start offset if it was below.
     */
    public void onLogStartOffsetIncremented(long logStartOffset) {
        if (mapEndOffset < logStartOffset) {
            mapEndOffset = logStartOffset;
        }
        lastSnapOffset = latestSnapshotOffset().orElse(logStartOffset);
    }

    /**
     * Brings the state to the latest snapshot in the log's offset range, at load and after truncation.
     * Snapshots above {@code logEndOffset} or below {@code logStartOffset} are deleted. If the state
     * already reflects the log up to {@code logEndOffset}, it is kept; otherwise it is cleared and the
     * latest snapshot is read (corrupt ones are deleted and the next older one tried), dropping the
     * producers already expired at {@code nowMs}. Without a usable snapshot the state starts empty at
     * {@code logStartOffset}.
     *
     * <p>Deviation from Kafka, which also deletes a snapshot at exactly {@code logStartOffset}: such a
     * snapshot still holds the producers of the deleted segments, whose state Kafka otherwise keeps
     * until they expire, so we keep and load it.
     *
     * @return {@link #mapEndOffset()}: the offset from which the log must replay its batches, with
     *         origin {@link AppendOrigin#LOG_RECOVERY}, up to {@code logEndOffset}
     */
    public long truncateAndReload(long logStartOffset, long logEndOffset, long nowMs) throws IOException {
        if (logStartOffset > logEndOffset) {
            throw new IllegalArgumentException("partition " + partition + ": log start offset " + logStartOffset
                    + " is above log end offset " + logEndOffset);
        }
        snapshots.deleteAbove(logEndOffset);
        snapshots.deleteBelow(logStartOffset);
        if (logEndOffset != mapEndOffset) {
            producers.clear();
            producerIdCount = 0;
            loadLatestSnapshot(logStartOffset, nowMs);
        } else {
            onLogStartOffsetIncremented(logStartOffset);
        }
        return mapEndOffset;
    }

    /** Forgets all state and deletes every snapshot: the state of an empty log starting at {@code offset}. */
    public void truncateFullyAndStartAt(long offset) throws IOException {
        producers.clear();
        producerIdCount = 0;
        snapshots.deleteAll();
        lastSnapOffset = 0L;
        mapEndOffset = offset;
    }

    private void loadLatestSnapshot(long logStartOffset, long nowMs) throws IOException {
        while (true) {
            Optional<ProducerStateSnapshotFile> latest = snapshots.latest();
            if (latest.isEmpty()) {
                mapEndOffset = logStartOffset;
                lastSnapOffset = logStartOffset;
                return;
            }
            ProducerStateSnapshotFile snapshot = latest.get();
            try {
                List<ProducerStateEntry> entries = snapshot.read();
                for (ProducerStateEntry entry : entries) {
                    if (!isExpired(entry, nowMs)) {
                        producers.put(entry.producerId(), entry);
                    }
                }
                producerIdCount = producers.size();
                mapEndOffset = snapshot.offset();
                lastSnapOffset = snapshot.offset();
                LOG.info("Loaded {} producers from snapshot {}", producers.size(), snapshot.path());
                return;
            } catch (CorruptSnapshotException e) {
                LOG.warn("Deleting corrupt producer snapshot: {}", e.getMessage());
                snapshots.delete(snapshot.offset());
            }
        }
    }

    private boolean isExpired(ProducerStateEntry entry, long nowMs) {
        return entry.currentTxnFirstOffset().isEmpty()
                && nowMs - entry.lastTimestamp() >= config.producerIdExpirationMs();
    }
}
