package io.tributary.storage.cleaner;

import io.tributary.storage.TopicPartition;
import io.tributary.storage.checkpoint.OffsetCheckpointFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code cleaner-offset-checkpoint} file of each log directory (Kafka's name and format): per
 * compacted partition, the offset where its dirty section starts. Everything below it has been
 * cleaned with every key seen up to it. Read once per directory, then kept in memory and written
 * through on every change (atomically, see {@link OffsetCheckpointFile}).
 *
 * <p>Thread-safe: all methods synchronise on this object.
 */
public final class CleanerCheckpoints {

    private final Map<Path, Map<TopicPartition, Long>> byDir = new HashMap<>();

    /** The checkpointed first dirty offset of {@code tp} in log directory {@code logDir}, or -1. */
    public synchronized long get(Path logDir, TopicPartition tp) throws IOException {
        return load(logDir).getOrDefault(tp, -1L);
    }

    /** Records {@code offset} as the first dirty offset of {@code tp} and writes the directory's file. */
    public synchronized void update(Path logDir, TopicPartition tp, long offset) throws IOException {
        Map<TopicPartition, Long> offsets = load(logDir);
        offsets.put(tp, offset);
        file(logDir).write(offsets);
    }

    /** Forgets {@code tp} (its log was deleted) and writes the directory's file. */
    public synchronized void remove(Path logDir, TopicPartition tp) throws IOException {
        Map<TopicPartition, Long> offsets = load(logDir);
        if (offsets.remove(tp) != null) {
            file(logDir).write(offsets);
        }
    }

    private Map<TopicPartition, Long> load(Path logDir) throws IOException {
        Map<TopicPartition, Long> offsets = byDir.get(logDir);
        if (offsets == null) {
            offsets = file(logDir).read();
            byDir.put(logDir, offsets);
        }
        return offsets;
    }

    private static OffsetCheckpointFile file(Path logDir) {
        return new OffsetCheckpointFile(logDir.resolve(OffsetCheckpointFile.CLEANER_OFFSET_CHECKPOINT));
    }
}
