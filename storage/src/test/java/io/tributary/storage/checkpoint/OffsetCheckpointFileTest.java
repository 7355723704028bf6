package io.tributary.storage.checkpoint;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tributary.storage.TopicPartition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OffsetCheckpointFileTest {

    @TempDir
    Path dir;

    private Path file;
    private OffsetCheckpointFile checkpoint;

    @BeforeEach
    void createCheckpoint() {
        file = dir.resolve(OffsetCheckpointFile.RECOVERY_POINT_OFFSET_CHECKPOINT);
        checkpoint = new OffsetCheckpointFile(file);
    }

    @Test
    void offsetsAreReadBackAsWritten() throws IOException {
        Map<TopicPartition, Long> offsets = Map.of(
                new TopicPartition("orders", 0), 1200L,
                new TopicPartition("orders", 1), 977L,
                new TopicPartition("my-topic.v2", 10), 0L);
        checkpoint.write(offsets);
        assertEquals(offsets, checkpoint.read());
    }

    @Test
    void fileIsKafkasTopicPartitionOffsetLinesSortedByPartition() throws IOException {
        checkpoint.write(Map.of(
                new TopicPartition("orders", 1), 977L,
                new TopicPartition("orders", 0), 1200L,
                new TopicPartition("my-topic.v2", 10), 5L));
        assertEquals("0\n3\nmy-topic.v2 10 5\norders 0 1200\norders 1 977\n", Files.readString(file, UTF_8));
    }

    /** Verbatim what Kafka 4.3.1's OffsetCheckpointFile wrote for these offsets (map order). */
    @Test
    void aFileKafkaWroteIsRead() throws IOException {
        Files.writeString(file, "0\n3\norders 0 1200\norders 1 977\nmy-topic.v2 10 5\n", UTF_8);
        assertEquals(Map.of(
                new TopicPartition("orders", 0), 1200L,
                new TopicPartition("orders", 1), 977L,
                new TopicPartition("my-topic.v2", 10), 5L), checkpoint.read());
    }

    @Test
    void fieldsMayBeSeparatedByAnyWhitespaceAsInKafka() throws IOException {
        Files.writeString(file, "0\n1\norders \t 3   44\n", UTF_8);
        assertEquals(Map.of(new TopicPartition("orders", 3), 44L), checkpoint.read());
    }

    @Test
    void aMissingFileReadsAsNoOffsets() throws IOException {
        assertEquals(Map.of(), checkpoint.read());
    }

    @Test
    void theMapReadIsMutable() throws IOException {
        checkpoint.write(Map.of(new TopicPartition("t", 0), 1L));
        Map<TopicPartition, Long> offsets = checkpoint.read();
        offsets.put(new TopicPartition("t", 1), 2L);
        assertEquals(2, offsets.size());
    }

    @Test
    void aPartitionListedTwiceTakesItsLastOffsetAsInKafka() throws IOException {
        Files.writeString(file, "0\n2\nt 0 5\nt 0 9\n", UTF_8);
        assertEquals(Map.of(new TopicPartition("t", 0), 9L), checkpoint.read());
    }

    @Test
    void aLineWithoutThreeFieldsIsCorruptAtThatLine() throws IOException {
        Files.writeString(file, "0\n2\nt 0 5\nt 9\n", UTF_8);
        assertEquals(4, assertThrows(CorruptCheckpointException.class, checkpoint::read).lineNumber());
    }

    @Test
    void aNegativePartitionIsCorrupt() throws IOException {
        Files.writeString(file, "0\n1\nt -1 5\n", UTF_8);
        assertEquals(3, assertThrows(CorruptCheckpointException.class, checkpoint::read).lineNumber());
    }

    @Test
    void aNonNumericOffsetIsCorrupt() throws IOException {
        Files.writeString(file, "0\n1\nt 0 five\n", UTF_8);
        assertEquals(3, assertThrows(CorruptCheckpointException.class, checkpoint::read).lineNumber());
    }

    @Test
    void aTopicWithWhitespaceCannotBeWrittenAndTheOldContentIsKept() throws IOException {
        checkpoint.write(Map.of(new TopicPartition("t", 0), 1L));
        Map<TopicPartition, Long> bad = new HashMap<>();
        bad.put(new TopicPartition("a b", 0), 1L);
        assertThrows(IllegalArgumentException.class, () -> checkpoint.write(bad));
        assertEquals(Map.of(new TopicPartition("t", 0), 1L), checkpoint.read());
    }

    @Test
    void aNullOffsetIsRefused() {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        offsets.put(new TopicPartition("t", 0), null);
        assertThrows(NullPointerException.class, () -> checkpoint.write(offsets));
    }
}
