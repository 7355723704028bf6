package io.tributary.storage;

import io.tributary.common.Time;
import io.tributary.storage.producer.ProducerStateConfig;
import io.tributary.storage.producer.ProducerStateManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a partition directory and makes its log consistent (DESIGN D4): the explicit recovery
 * step. After a clean shutdown it trusts the files and only reads the tail of the last segment to
 * find the log end offset. After an unclean one it re-reads every batch of every segment from the
 * one holding the recovery point, truncating at the first torn or CRC-failing byte and rebuilding
 * indexes; segments after a truncated one are deleted, since nothing after a hole can be trusted.
 * Segments below the recovery point are re-read only if an index is missing or inconsistent.
 *
 * <p>Files left by the log cleaner: {@code .cleaned} files are an unfinished cleaning and are
 * deleted (the segments they were to replace are intact). A {@code .log.swap} file is a cleaned
 * segment whose swap was committed ({@link PartitionLog#replaceSegments}): the swap is completed,
 * as in Kafka, by deleting the segments whose base offsets lie in the swapped segment's offset
 * range and giving the {@code .log.swap} file its final name; the segment's indexes are deleted
 * and rebuilt, as Kafka rebuilds a swap segment's indexes. Index {@code .swap} files without a
 * {@code .log.swap} were caught mid-rename before the commit and are deleted.
 *
 * <p>Runs before the log is visible to anyone else; single-threaded.
 */
final class LogLoader {

    private static final Logger log = LoggerFactory.getLogger(LogLoader.class);
    private static final List<String> LEFTOVER_SUFFIXES = List.of(".deleted", ".cleaned", ".tmp");

    private LogLoader() {
    }

    record Loaded(PartitionLog partitionLog, RecoveryResult result) {
    }

    static Loaded load(TopicPartition tp, Path dir, LogConfig config, ProducerStateConfig producerStateConfig, Time time,
                       LogFlusher flusher, long recoveryPoint, long checkpointedLogStartOffset, boolean hadCleanShutdown)
            throws IOException {
        long started = time.milliseconds();
        Files.createDirectories(dir);
        completeInterruptedSwaps(tp, dir);
        removeLeftovers(dir);
        ConcurrentSkipListMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();
        List<Long> indexesMissing = new ArrayList<>();
        for (long baseOffset : segmentBaseOffsets(dir)) {
            if (!Files.exists(LogSegment.file(dir, baseOffset, LogSegment.INDEX_SUFFIX))
                    || !Files.exists(LogSegment.file(dir, baseOffset, LogSegment.TIME_INDEX_SUFFIX))) {
                indexesMissing.add(baseOffset);
            }
            segments.put(baseOffset, LogSegment.open(dir, baseOffset, config, time));
        }
        int loaded = segments.size();
        boolean created = segments.isEmpty(); // a new log: nothing to recover, check or fsync but its directory
        if (created) {
            long start = Math.max(0, checkpointedLogStartOffset);
            segments.put(start, LogSegment.open(dir, start, config, time));
            Directories.fsync(dir);
            Directories.fsync(dir.toAbsolutePath().getParent());
        }
        Counters counters = new Counters();
        long recoverFrom = hadCleanShutdown ? Long.MAX_VALUE : recoveryPoint;
        Long firstToRecover = segments.floorKey(Math.max(recoverFrom, segments.firstKey()));
        for (LogSegment segment : created ? List.<LogSegment>of() : new ArrayList<>(segments.values())) {
            boolean pastRecoveryPoint = !hadCleanShutdown && firstToRecover != null && segment.baseOffset() >= firstToRecover;
            if (!segments.containsKey(segment.baseOffset())) {
                continue;
            }
            // Segments past the recovery point are re-read anyway; the others need their indexes checked,
            // and a zero tail left by a crash before a roll trimmed its prewritten space cut off.
            if (pastRecoveryPoint || indexesMissing.contains(segment.baseOffset()) || !indexesSane(segment)
                    || !segment.trimZeroTail()) {
                recoverSegment(tp, segment, segments, counters);
            }
        }
        if (!hadCleanShutdown) {
            dropSegmentsAfterAHole(tp, segments, counters);
        }
        startAfterALostTail(tp, dir, config, time, segments, checkpointedLogStartOffset, counters);
        for (LogSegment segment : segments.headMap(segments.lastKey()).values()) {
            segment.onBecomeInactive();
        }
        LogSegment active = segments.lastEntry().getValue();
        active.onBecomeActive(config.segmentIndexBytes());
        long logEndOffset = active.readNextOffset();
        long logStartOffset = Math.max(checkpointedLogStartOffset, segments.firstKey());
        long durable = hadCleanShutdown ? logEndOffset : Math.min(Math.max(recoveryPoint, 0), logEndOffset);
        if (counters.recovered > 0) {
            durable = logEndOffset; // every recovered byte was read back from the file, so fsync it before trusting it
            for (LogSegment segment : segments.values()) {
                segment.flush();
            }
        }
        ProducerStateManager producerState = new ProducerStateManager(dir, producerStateConfig);
        PartitionLog partitionLog = new PartitionLog(tp, dir, config, time, flusher, segments, producerState,
                logStartOffset, logEndOffset, durable);
        partitionLog.rebuildProducerState();
        partitionLog.loadLeaderEpochCache();
        RecoveryResult result = new RecoveryResult(loaded, counters.recovered, counters.truncatedBytes, counters.deleted,
                logEndOffset, time.milliseconds() - started);
        if (counters.truncatedBytes > 0 || counters.deleted > 0) {
            log.warn("{}: recovery truncated {} bytes and deleted {} segments; log end offset {}", tp,
                    counters.truncatedBytes, counters.deleted, logEndOffset);
        }
        return new Loaded(partitionLog, result);
    }

    private static final class Counters {
        int recovered;
        long truncatedBytes;
        int deleted;
    }

    private static void recoverSegment(TopicPartition tp, LogSegment segment, ConcurrentSkipListMap<Long, LogSegment> segments,
                                       Counters counters) throws IOException {
        int truncated = segment.recover(Integer.MAX_VALUE, batch -> { });
        counters.recovered++;
        if (truncated == 0) {
            return;
        }
        counters.truncatedBytes += truncated;
        log.warn("{}: segment {} had {} bytes after its last valid batch (torn or corrupt data, or zeros prewritten while it was active); truncated", tp,
                LogSegment.filenamePrefix(segment.baseOffset()), truncated);
        for (LogSegment later : segments.tailMap(segment.baseOffset(), false).values().toArray(LogSegment[]::new)) {
            counters.truncatedBytes += later.sizeInBytes();
            counters.deleted++;
            segments.remove(later.baseOffset());
            later.delete();
        }
    }

    /**
     * A segment that ends below the next segment's base offset leaves a hole (its tail was lost
     * after the next file was created): nothing after the hole can be trusted, so the log ends there.
     */
    private static void dropSegmentsAfterAHole(TopicPartition tp, ConcurrentSkipListMap<Long, LogSegment> segments,
                                               Counters counters) throws IOException {
        for (LogSegment segment : new ArrayList<>(segments.values())) {
            Long nextBase = segments.higherKey(segment.baseOffset());
            if (nextBase == null || !segments.containsKey(segment.baseOffset())) {
                continue;
            }
            long end = segment.readNextOffset();
            if (end < nextBase) {
                log.warn("{}: segment {} ends at offset {} but the next starts at {}; dropping everything after it", tp,
                        LogSegment.filenamePrefix(segment.baseOffset()), end, nextBase);
                for (LogSegment later : segments.tailMap(segment.baseOffset(), false).values().toArray(LogSegment[]::new)) {
                    counters.truncatedBytes += later.sizeInBytes();
                    counters.deleted++;
                    segments.remove(later.baseOffset());
                    later.delete();
                }
                return;
            }
        }
    }

    /**
     * A log start offset checkpointed past what survived a crash (records deleted up to an offset
     * whose data was not yet fsynced) leaves nothing readable: like Kafka, every segment goes and the
     * log restarts empty at the checkpointed start, so no offset below it is ever handed out again.
     */
    private static void startAfterALostTail(TopicPartition tp, Path dir, LogConfig config, Time time,
                                            ConcurrentSkipListMap<Long, LogSegment> segments, long checkpointedLogStartOffset,
                                            Counters counters) throws IOException {
        long logEndOffset = segments.lastEntry().getValue().readNextOffset();
        if (checkpointedLogStartOffset <= logEndOffset) {
            return;
        }
        log.warn("{}: log end offset {} is below the checkpointed log start offset {}; deleting every segment", tp,
                logEndOffset, checkpointedLogStartOffset);
        for (LogSegment segment : segments.values().toArray(LogSegment[]::new)) {
            counters.truncatedBytes += segment.sizeInBytes();
            counters.deleted++;
            segments.remove(segment.baseOffset());
            segment.delete();
        }
        segments.put(checkpointedLogStartOffset, LogSegment.open(dir, checkpointedLogStartOffset, config, time));
        Directories.fsync(dir);
    }

    private static boolean indexesSane(LogSegment segment) {
        try {
            segment.offsetIndex().sanityCheck();
            segment.timeIndex().sanityCheck();
            return true;
        } catch (StorageException e) {
            log.warn("{}; rebuilding", e.getMessage());
            return false;
        }
    }

    /** Base offsets of the {@code .log} files in {@code dir}, ascending. Index files without a log are removed. */
    static List<Long> segmentBaseOffsets(Path dir) throws IOException {
        List<Long> offsets = new ArrayList<>();
        List<Path> orphans = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(LogSegment.LOG_SUFFIX)) {
                    offsets.add(parseOffset(name, LogSegment.LOG_SUFFIX));
                } else if (name.endsWith(LogSegment.INDEX_SUFFIX) || name.endsWith(LogSegment.TIME_INDEX_SUFFIX)) {
                    String base = name.substring(0, name.indexOf('.'));
                    if (!Files.exists(dir.resolve(base + LogSegment.LOG_SUFFIX))) {
                        orphans.add(file);
                    }
                }
            }
        }
        for (Path orphan : orphans) {
            Files.deleteIfExists(orphan);
        }
        offsets.sort(Long::compare);
        return offsets;
    }

    private static long parseOffset(String name, String suffix) throws IOException {
        String digits = name.substring(0, name.length() - suffix.length());
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IOException("unexpected file name " + name + ": not <20-digit offset>" + suffix, e);
        }
    }

    private static void completeInterruptedSwaps(TopicPartition tp, Path dir) throws IOException {
        String logSwap = LogSegment.LOG_SUFFIX + PartitionLog.SWAP_FILE_SUFFIX;
        List<Long> swaps = new ArrayList<>();
        List<Path> strayIndexSwaps = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(logSwap)) {
                    swaps.add(parseOffset(name, logSwap));
                } else if (name.endsWith(PartitionLog.SWAP_FILE_SUFFIX)
                        && !Files.exists(dir.resolve(name.substring(0, name.indexOf('.')) + logSwap))) {
                    strayIndexSwaps.add(file);
                }
            }
        }
        for (Path stray : strayIndexSwaps) {
            Files.deleteIfExists(stray);
        }
        swaps.sort(Long::compare);
        for (long base : swaps) {
            completeSwap(tp, dir, base);
        }
        if (!swaps.isEmpty() || !strayIndexSwaps.isEmpty()) {
            Directories.fsync(dir);
        }
    }

    /**
     * Replaces the segments in the range of the swap segment at {@code base} by it. Only the
     * {@code .log.swap} file is kept: every index file of {@code base}, final or {@code .swap}, is
     * deleted, and the loader rebuilds both indexes because they are missing (below the recovery
     * point too). A kill between the final renames leaves indexes whose origin cannot be told
     * (the new ones already renamed, or the old ones not yet replaced), so none is trusted. Creates
     * no file, so a kill anywhere in here leaves a state this method completes on the next load.
     */
    private static void completeSwap(TopicPartition tp, Path dir, long base) throws IOException {
        Path logSwap = LogSegment.file(dir, base, LogSegment.LOG_SUFFIX + PartitionLog.SWAP_FILE_SUFFIX);
        long next = LogSegment.recoveredNextOffset(logSwap, base);
        for (String suffix : List.of(LogSegment.INDEX_SUFFIX, LogSegment.TIME_INDEX_SUFFIX)) {
            Files.deleteIfExists(LogSegment.file(dir, base, suffix));
            Files.deleteIfExists(LogSegment.file(dir, base, suffix + PartitionLog.SWAP_FILE_SUFFIX));
        }
        long rangeEnd = Math.max(next, base + 1);
        for (long old : segmentBaseOffsets(dir)) {
            if (old >= base && old < rangeEnd) {
                for (String suffix : List.of(LogSegment.INDEX_SUFFIX, LogSegment.TIME_INDEX_SUFFIX, LogSegment.LOG_SUFFIX)) {
                    Files.deleteIfExists(LogSegment.file(dir, old, suffix));
                }
            }
        }
        Files.move(logSwap, LogSegment.file(dir, base, LogSegment.LOG_SUFFIX), StandardCopyOption.REPLACE_EXISTING);
        log.info("{}: completed the interrupted swap of cleaned segment {} (offsets {} to {}); its indexes are rebuilt", tp,
                LogSegment.filenamePrefix(base), base, next - 1);
    }

    private static void removeLeftovers(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (LEFTOVER_SUFFIXES.stream().anyMatch(name::endsWith)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
