package io.tributary.storage.index;

import io.tributary.storage.StorageException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An offset or time index file fails its sanity check: a length that is not a whole number of
 * entries, or a last entry that cannot be right. Indexes carry no checksum and are derived data,
 * so the remedy is to delete the file and rebuild it from the segment's {@code .log}, as Kafka's
 * log loader does; the broker reports {@code KAFKA_STORAGE_ERROR} only if that fails too.
 *
 * <p>The message starts with the file's path, followed by what is wrong and the values found.
 */
public final class CorruptIndexException extends StorageException {

    private final transient Path file;

    public CorruptIndexException(Path file, String detail) {
        super(Objects.requireNonNull(file, "file").toAbsolutePath() + ": " + detail);
        this.file = file;
    }

    /** The index file that failed the check. */
    public Path file() {
        return file;
    }
}
