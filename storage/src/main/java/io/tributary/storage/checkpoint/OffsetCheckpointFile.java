package io.tributary.storage.checkpoint;

import io.tributary.storage.TopicPartition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An offset per partition, in Kafka's format for the per-log-directory files
 * {@code recovery-point-offset-checkpoint}, {@code log-start-offset-checkpoint},
 * {@code replication-offset-checkpoint} and {@code cleaner-offset-checkpoint}.
 *
 * <h2>On-disk format</h2>
 * Kafka's checkpoint format (see {@link CheckpointFile}), version 0, one
 * {@code "topic partition offset"} line per partition:
 * <pre>
 *  0
 *  2
 *  orders 0 1200
 *  orders 1 977
 * </pre>
 * Entries are written sorted by topic and partition (Kafka writes map order; readers do not care).
 * Writes are atomic and durable and a missing file reads as empty, as {@link CheckpointFile}
 * describes; any thread may call {@link #write} and {@link #read}.
 */
public final class OffsetCheckpointFile {

    public static final int CURRENT_VERSION = 0;
    public static final String RECOVERY_POINT_OFFSET_CHECKPOINT = "recovery-point-offset-checkpoint";
    public static final String LOG_START_OFFSET_CHECKPOINT = "log-start-offset-checkpoint";
    public static final String REPLICATION_OFFSET_CHECKPOINT = "replication-offset-checkpoint";
    public static final String CLEANER_OFFSET_CHECKPOINT = "cleaner-offset-checkpoint";

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final CheckpointFile<PartitionOffset> checkpoint;

    public OffsetCheckpointFile(Path file) {
        this.checkpoint = new CheckpointFile<>(file, CURRENT_VERSION, new Format());
    }

    public Path file() {
        return checkpoint.file();
    }

    /**
     * Replaces the file's content with {@code offsets}.
     *
     * @throws IllegalArgumentException if a topic name contains whitespace (Kafka forbids it, and
     *                                  the line could not be read back)
     */
    public void write(Map<TopicPartition, Long> offsets) throws IOException {
        List<PartitionOffset> entries = new ArrayList<>(offsets.size());
        offsets.forEach((partition, offset) -> entries.add(
                new PartitionOffset(partition, Objects.requireNonNull(offset, () -> "offset of " + partition))));
        entries.sort((a, b) -> a.partition().compareTo(b.partition()));
        checkpoint.write(entries);
    }

    /**
     * The offsets in a new mutable map; empty if the file does not exist. A partition listed twice
     * takes its last offset, as in Kafka.
     *
     * @throws CorruptCheckpointException naming the file and line, if the content is malformed
     */
    public Map<TopicPartition, Long> read() throws IOException {
        List<PartitionOffset> entries = checkpoint.read();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (PartitionOffset entry : entries) {
            offsets.put(entry.partition(), entry.offset());
        }
        return offsets;
    }

    private record PartitionOffset(TopicPartition partition, long offset) {
    }

    /** {@code "topic partition offset"}; like Kafka, any run of whitespace separates fields on read. */
    private static final class Format implements CheckpointEntryFormat<PartitionOffset> {

        @Override
        public String format(PartitionOffset entry) {
            String topic = entry.partition().topic();
            if (topic.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("topic name '" + topic + "' contains whitespace");
            }
            return topic + " " + entry.partition().partition() + " " + entry.offset();
        }

        @Override
        public PartitionOffset parse(String line) {
            String[] fields = WHITESPACE.split(line);
            if (fields.length != 3) {
                throw new IllegalArgumentException("expected 3 fields (topic partition offset), found " + fields.length);
            }
            TopicPartition partition = new TopicPartition(fields[0], Integer.parseInt(fields[1]));
            return new PartitionOffset(partition, Long.parseLong(fields[2]));
        }
    }
}
