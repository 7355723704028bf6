package io.tributary.broker.clients;

import io.tributary.storage.TopicPartition;
import io.tributary.storage.checkpoint.OffsetCheckpointFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** What tests read straight from a broker's log directory: the cleaner's progress and the active segment. */
final class LogDirFiles {

    private LogDirFiles() {
    }

    /** The first dirty offset the log cleaner checkpointed for a partition, if it has cleaned it. */
    static OptionalLong cleanerCheckpoint(Path logDir, String topic, int partition) throws IOException {
        Long offset = new OffsetCheckpointFile(logDir.resolve(OffsetCheckpointFile.CLEANER_OFFSET_CHECKPOINT)).read()
                .get(new TopicPartition(topic, partition));
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /** The base offset of a partition's newest segment file, from the names in its directory; -1 if it has none. */
    static long activeSegmentBaseOffset(Path logDir, String topic, int partition) throws IOException {
        try (Stream<Path> files = Files.list(logDir.resolve(new TopicPartition(topic, partition).toString()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log"))
                    .mapToLong(n -> Long.parseLong(n.substring(0, n.length() - 4))).max().orElse(-1);
        }
    }
}
