package io.tributary.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.common.ManualTime;
import io.tributary.storage.LeaderEpochCache.EpochEndOffset;
import io.tributary.storage.checkpoint.EpochEntry;
import io.tributary.storage.checkpoint.LeaderEpochCheckpointFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leader epoch cache as the partition log keeps it: on append, truncation, restart and rebuild. */
class PartitionLogLeaderEpochTest {

    private static final TopicPartition TP = new TopicPartition("orders", 0);

    @TempDir
    Path dir;
    private final ManualTime time = new ManualTime();
    private LogManager manager;

    private PartitionLog open() throws Exception {
        manager = new LogManager(List.of(dir), LogConfig.defaults(), time, 1, 60_000, 60_000);
        manager.startup();
        return manager.getOrCreateLog(TP);
    }

    @AfterEach
    void close() throws Exception {
        if (manager != null) {
            manager.close();
        }
    }

    /** Offsets 0-1 in epoch 0, 2-3 in epoch 2, 4 in epoch 5. */
    private static void appendThreeEpochs(PartitionLog log) {
        log.appendAsLeader(Batches.of(1000, "a", "b"), 0);
        log.appendAsLeader(Batches.of(1000, "c"), 2);
        log.appendAsLeader(Batches.of(1000, "d"), 2);
        log.appendAsLeader(Batches.of(1000, "e"), 5);
    }

    private static final List<EpochEntry> THREE_EPOCHS = List.of(new EpochEntry(0, 0), new EpochEntry(2, 2), new EpochEntry(5, 4));

    @Test
    void appendsOfANewEpochRecordWhereItStarted() throws Exception {
        PartitionLog log = open();
        appendThreeEpochs(log);

        assertEquals(THREE_EPOCHS, log.leaderEpochCache().entries());
        assertEquals(new EpochEndOffset(2, 4), log.endOffsetForEpoch(3));
        assertEquals(new EpochEndOffset(5, 5), log.endOffsetForEpoch(5));
    }

    @Test
    void aNewLeaderEpochWithoutAppendsEndsAtTheLogEnd() throws Exception {
        PartitionLog log = open();
        appendThreeEpochs(log);
        log.maybeAssignEpochStartOffset(7, log.logEndOffset());

        assertEquals(new EpochEndOffset(5, 5), log.endOffsetForEpoch(6));
        assertEquals(new EpochEndOffset(7, 5), log.endOffsetForEpoch(7));
    }

    @Test
    void truncationRemovesTheEpochsThatStartedPastTheNewEnd() throws Exception {
        PartitionLog log = open();
        appendThreeEpochs(log);

        log.truncateTo(3);

        assertEquals(List.of(new EpochEntry(0, 0), new EpochEntry(2, 2)), log.leaderEpochCache().entries());
        assertEquals(new EpochEndOffset(2, 3), log.endOffsetForEpoch(2));
        assertEquals(new EpochEndOffset(-1, -1), log.endOffsetForEpoch(5));
    }

    @Test
    void theHistorySurvivesARestart() throws Exception {
        appendThreeEpochs(open());
        manager.close();

        assertEquals(THREE_EPOCHS, open().leaderEpochCache().entries());
    }

    @Test
    void aMissingCheckpointIsRebuiltFromTheBatchHeaders() throws Exception {
        appendThreeEpochs(open());
        manager.close();
        Files.delete(LeaderEpochCheckpointFile.fileIn(dir.resolve(TP.toString())));

        PartitionLog reopened = open();

        assertEquals(THREE_EPOCHS, reopened.leaderEpochCache().entries());
        assertEquals(THREE_EPOCHS, new LeaderEpochCheckpointFile(LeaderEpochCheckpointFile.fileIn(reopened.dir())).read());
    }

    @Test
    void aCorruptCheckpointIsRebuiltFromTheBatchHeaders() throws Exception {
        appendThreeEpochs(open());
        manager.close();
        Files.writeString(LeaderEpochCheckpointFile.fileIn(dir.resolve(TP.toString())), "0\n3\n0 0\n");

        assertEquals(THREE_EPOCHS, open().leaderEpochCache().entries());
    }

    @Test
    void entriesPastTheLogEndAreDroppedAtLoad() throws Exception {
        appendThreeEpochs(open());
        manager.close();
        // As after a crash that lost the tail the checkpoint had already recorded.
        Files.writeString(LeaderEpochCheckpointFile.fileIn(dir.resolve(TP.toString())), "0\n4\n0 0\n2 2\n5 4\n9 40\n");

        assertEquals(THREE_EPOCHS, open().leaderEpochCache().entries());
    }
}
