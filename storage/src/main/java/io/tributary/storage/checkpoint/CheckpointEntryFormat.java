package io.tributary.storage.checkpoint;

/**
 * Turns one kind of checkpoint entry into one line of text and back, for {@link CheckpointFile}.
 * Implementations are stateless and thread safe.
 *
 * @param <T> the entry type
 */
public interface CheckpointEntryFormat<T> {

    /**
     * The entry as one line, without a line terminator.
     *
     * @throws IllegalArgumentException if the entry cannot be written in this format
     */
    String format(T entry);

    /**
     * Parses one line written by {@link #format}.
     *
     * @throws IllegalArgumentException (including {@link NumberFormatException}) if {@code line} is
     *                                  malformed; {@link CheckpointFile} reports it with the file
     *                                  and line number
     */
    T parse(String line);
}
