package io.tributary.storage.checkpoint;

import io.tributary.storage.StorageException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A checkpoint file cannot be read: unknown version, a count or entry line that does not parse,
 * or a number of entries different from the count. Checkpoints are written atomically, so this
 * means the file was damaged or written by something else; the broker treats it as an I/O failure
 * of the log directory ({@code KAFKA_STORAGE_ERROR}), as Kafka does.
 *
 * <p>The message reads {@code "<path>: line <n>: <what is wrong>"}.
 */
public final class CorruptCheckpointException extends StorageException {

    private final transient Path file;
    private final int lineNumber;

    public CorruptCheckpointException(Path file, int lineNumber, String detail) {
        this(file, lineNumber, detail, null);
    }

    public CorruptCheckpointException(Path file, int lineNumber, String detail, Throwable cause) {
        super(Objects.requireNonNull(file, "file").toAbsolutePath() + ": line " + lineNumber + ": " + detail, cause);
        this.file = file;
        this.lineNumber = lineNumber;
    }

    /** The checkpoint file that could not be read. */
    public Path file() {
        return file;
    }

    /** The 1-based number of the offending line (one past the last line if the file ended early). */
    public int lineNumber() {
        return lineNumber;
    }
}
