package io.tributary.storage.checkpoint;

/**
 * One entry of a partition's leader epoch history: leader epoch {@code epoch} wrote its first
 * record at offset {@code startOffset}. Immutable.
 *
 * @param epoch       a leader epoch, {@code >= 0}
 * @param startOffset the first offset written in that epoch, {@code >= 0}
 */
public record EpochEntry(int epoch, long startOffset) {

    public EpochEntry {
        if (epoch < 0) {
            throw new IllegalArgumentException("negative leader epoch " + epoch + " (start offset " + startOffset + ")");
        }
        if (startOffset < 0) {
            throw new IllegalArgumentException("negative start offset " + startOffset + " for leader epoch " + epoch);
        }
    }
}
