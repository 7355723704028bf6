package io.tributary.storage.producer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer state snapshot files of one partition directory, by offset. Knows which exist and
 * deletes them; the file format is {@link ProducerStateSnapshotFile}'s.
 *
 * <p>Crash behaviour: {@link #scan} deletes {@code .snapshot.tmp} files left by a crash during a write.
 * A deletion that is interrupted leaves a valid snapshot behind, which a later scan finds again.
 *
 * <p>Thread safety: none; owned by the partition's writer thread, with {@link ProducerStateManager}.
 */
final class ProducerStateSnapshots {

    private static final Logger LOG = LoggerFactory.getLogger(ProducerStateSnapshots.class);

    private final Path dir;
    private final TreeMap<Long, ProducerStateSnapshotFile> byOffset = new TreeMap<>();

    private ProducerStateSnapshots(Path dir) {
        this.dir = dir;
    }

    /** The snapshots now in {@code dir} (none if it does not exist); removes leftover temporary files. */
    static ProducerStateSnapshots scan(Path dir) throws IOException {
        ProducerStateSnapshots snapshots = new ProducerStateSnapshots(dir);
        if (!Files.isDirectory(dir)) {
            return snapshots;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            if (file.getFileName().toString().endsWith(ProducerStateSnapshotFile.TEMP_SUFFIX)) {
                LOG.info("Deleting incomplete producer snapshot {}", file);
                Files.deleteIfExists(file);
            } else {
                ProducerStateSnapshotFile.parse(file).ifPresent(s -> snapshots.byOffset.put(s.offset(), s));
            }
        }
        return snapshots;
    }

    Path dir() {
        return dir;
    }

    void add(ProducerStateSnapshotFile snapshot) {
        byOffset.put(snapshot.offset(), snapshot);
    }

    Optional<ProducerStateSnapshotFile> latest() {
        return Optional.ofNullable(byOffset.lastEntry()).map(e -> e.getValue());
    }

    Optional<ProducerStateSnapshotFile> oldest() {
        return Optional.ofNullable(byOffset.firstEntry()).map(e -> e.getValue());
    }

    List<ProducerStateSnapshotFile> all() {
        return new ArrayList<>(byOffset.values());
    }

    /** Forgets and deletes the snapshot at {@code offset}, if there is one. */
    void delete(long offset) throws IOException {
        ProducerStateSnapshotFile snapshot = byOffset.remove(offset);
        if (snapshot != null && snapshot.deleteIfExists()) {
            LOG.info("Deleted producer snapshot {}", snapshot.path());
        }
    }

    /** Deletes every snapshot at an offset below {@code offset}. */
    void deleteBelow(long offset) throws IOException {
        for (Long snapshotOffset : new ArrayList<>(byOffset.headMap(offset, false).keySet())) {
            delete(snapshotOffset);
        }
    }

    /** Deletes every snapshot at an offset above {@code offset}. */
    void deleteAbove(long offset) throws IOException {
        for (Long snapshotOffset : new ArrayList<>(byOffset.tailMap(offset, false).keySet())) {
            delete(snapshotOffset);
        }
    }

    void deleteAll() throws IOException {
        for (Long snapshotOffset : new ArrayList<>(byOffset.keySet())) {
            delete(snapshotOffset);
        }
    }
}
