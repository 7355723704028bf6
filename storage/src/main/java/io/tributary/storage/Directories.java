package io.tributary.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Durability of directory entries: file creation, rename and deletion survive a power loss only after this. */
public final class Directories {

    private static final Logger LOG = LoggerFactory.getLogger(Directories.class);

    private Directories() {
    }

    /**
     * Forces {@code dir}'s entries to disk. Opening a directory is refused on some platforms
     * (Windows), where there is nothing more to do; a failed force is a real I/O error.
     */
    public static void fsync(Path dir) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("Cannot open directory {} to fsync it on this platform: {}", dir, e.toString());
            return;
        }
        try (channel) {
            channel.force(true);
        }
    }
}
