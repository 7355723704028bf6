package io.tributary.storage.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A partition's leader epoch history, Kafka's {@code leader-epoch-checkpoint} file in the
 * partition directory, read by a follower's truncation (OffsetForLeaderEpoch) after a restart.
 *
 * <h2>On-disk format</h2>
 * Kafka's checkpoint format (see {@link CheckpointFile}), version 0, one {@code "epoch startOffset"}
 * line per entry, oldest first:
 * <pre>
 *  0
 *  2
 *  0 0
 *  3 1200
 * </pre>
 * Writes are atomic and durable and a missing file reads as empty, as {@link CheckpointFile}
 * describes; any thread may call {@link #write} and {@link #read}. Ordering of the entries is the
 * caller's (the epoch cache's) invariant; this class keeps the order it is given.
 */
public final class LeaderEpochCheckpointFile {

    public static final String FILE_NAME = "leader-epoch-checkpoint";
    public static final int CURRENT_VERSION = 0;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final CheckpointFile<EpochEntry> checkpoint;

    public LeaderEpochCheckpointFile(Path file) {
        this.checkpoint = new CheckpointFile<>(file, CURRENT_VERSION, new Format());
    }

    /** The checkpoint file of the partition whose directory is {@code partitionDir}. */
    public static Path fileIn(Path partitionDir) {
        return partitionDir.resolve(FILE_NAME);
    }

    public Path file() {
        return checkpoint.file();
    }

    /** Replaces the file's content with {@code epochs}, in the given order. */
    public void write(Collection<EpochEntry> epochs) throws IOException {
        checkpoint.write(epochs);
    }

    /**
     * The entries in file order, in a new mutable list; empty if the file does not exist.
     *
     * @throws CorruptCheckpointException naming the file and line, if the content is malformed
     */
    public List<EpochEntry> read() throws IOException {
        return checkpoint.read();
    }

    /** {@code "epoch startOffset"}; like Kafka, any run of whitespace separates the fields on read. */
    private static final class Format implements CheckpointEntryFormat<EpochEntry> {

        @Override
        public String format(EpochEntry entry) {
            return entry.epoch() + " " + entry.startOffset();
        }

        @Override
        public EpochEntry parse(String line) {
            String[] fields = WHITESPACE.split(line);
            if (fields.length != 2) {
                throw new IllegalArgumentException("expected 2 fields (epoch startOffset), found " + fields.length);
            }
            return new EpochEntry(Integer.parseInt(fields[0]), Long.parseLong(fields[1]));
        }
    }
}
