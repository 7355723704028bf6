package io.tributary.storage;

import java.nio.file.Path;

/**
 * An I/O failure in a log directory. The log that hit it stops accepting writes; the broker takes
 * the directory offline (Kafka's KAFKA_STORAGE_ERROR). Carries the directory so that happens
 * through one path (STYLE habit 9).
 */
public final class LogDirectoryException extends StorageException {

    private final Path directory;

    public LogDirectoryException(Path directory, String message, Throwable cause) {
        super(directory + ": " + message, cause);
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }
}
