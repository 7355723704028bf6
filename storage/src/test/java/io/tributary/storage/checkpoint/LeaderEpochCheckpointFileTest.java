package io.tributary.storage.checkpoint;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderEpochCheckpointFileTest {

    @TempDir
    Path partitionDir;

    private LeaderEpochCheckpointFile checkpoint;

    @BeforeEach
    void createCheckpoint() {
        checkpoint = new LeaderEpochCheckpointFile(LeaderEpochCheckpointFile.fileIn(partitionDir));
    }

    @Test
    void theFileIsNamedLeaderEpochCheckpointInThePartitionDirectory() {
        assertEquals(partitionDir.resolve("leader-epoch-checkpoint"), checkpoint.file());
    }

    @Test
    void entriesAreReadBackInTheOrderWritten() throws IOException {
        List<EpochEntry> epochs = List.of(new EpochEntry(0, 0), new EpochEntry(3, 1200), new EpochEntry(4, 1500));
        checkpoint.write(epochs);
        assertEquals(epochs, checkpoint.read());
    }

    /** Byte-identical to what Kafka 4.3.1's LeaderEpochCheckpointFile writes for the same entries. */
    @Test
    void fileIsKafkasEpochStartOffsetLines() throws IOException {
        checkpoint.write(List.of(new EpochEntry(0, 0), new EpochEntry(3, 1200)));
        assertEquals("0\n2\n0 0\n3 1200\n", Files.readString(checkpoint.file(), UTF_8));
    }

    @Test
    void aMissingFileReadsAsNoEpochs() throws IOException {
        assertEquals(List.of(), checkpoint.read());
    }

    @Test
    void aLineWithoutTwoFieldsIsCorruptAtThatLine() throws IOException {
        Files.writeString(checkpoint.file(), "0\n2\n0 0\n3\n", UTF_8);
        CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class, checkpoint::read);
        assertEquals(4, e.lineNumber());
    }

    @Test
    void aNegativeEpochIsCorrupt() throws IOException {
        Files.writeString(checkpoint.file(), "0\n1\n-1 0\n", UTF_8);
        assertEquals(3, assertThrows(CorruptCheckpointException.class, checkpoint::read).lineNumber());
    }

    @Test
    void anEpochEntryRejectsNegativeValues() {
        assertThrows(IllegalArgumentException.class, () -> new EpochEntry(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new EpochEntry(0, -1));
    }
}
