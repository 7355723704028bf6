package io.tributary.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.storage.LeaderEpochCache.EpochEndOffset;
import io.tributary.storage.checkpoint.EpochEntry;
import io.tributary.storage.checkpoint.LeaderEpochCheckpointFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leader epoch cache on its own: Kafka's end-offset rules, truncation, and its checkpoint file. */
class LeaderEpochCacheTest {

    private static final long LOG_END_OFFSET = 50;

    @TempDir
    Path dir;

    /** Epochs 1 from 0, 3 from 10, 4 from 30. */
    private LeaderEpochCache cacheWithEpochs1And3And4() {
        LeaderEpochCache cache = new LeaderEpochCache(dir);
        cache.assign(1, 0);
        cache.assign(3, 10);
        cache.assign(4, 30);
        return cache;
    }

    @Test
    void theLatestEpochEndsAtTheLogEndOffset() {
        assertEquals(new EpochEndOffset(4, LOG_END_OFFSET), cacheWithEpochs1And3And4().endOffsetFor(4, LOG_END_OFFSET));
    }

    @Test
    void anEarlierEpochEndsWhereTheNextOneStarts() {
        assertEquals(new EpochEndOffset(3, 30), cacheWithEpochs1And3And4().endOffsetFor(3, LOG_END_OFFSET));
    }

    @Test
    void anEpochThatNeverWroteAnswersTheLargestEpochBelowItAndThatEpochsEnd() {
        assertEquals(new EpochEndOffset(1, 10), cacheWithEpochs1And3And4().endOffsetFor(2, LOG_END_OFFSET));
    }

    @Test
    void anEpochBelowEveryKnownEpochAnswersItselfWithTheFirstStartOffset() {
        LeaderEpochCache cache = new LeaderEpochCache(dir);
        cache.assign(3, 10);
        cache.assign(4, 30);
        assertEquals(new EpochEndOffset(1, 10), cache.endOffsetFor(1, LOG_END_OFFSET));
    }

    @Test
    void anEpochAboveEveryKnownEpochIsUndefined() {
        EpochEndOffset found = cacheWithEpochs1And3And4().endOffsetFor(5, LOG_END_OFFSET);
        assertEquals(new EpochEndOffset(-1, -1), found);
        assertFalse(found.isDefined());
    }

    @Test
    void anEmptyCacheAndTheUndefinedEpochAnswerUndefined() {
        assertEquals(new EpochEndOffset(-1, -1), new LeaderEpochCache(dir).endOffsetFor(0, LOG_END_OFFSET));
        assertEquals(new EpochEndOffset(-1, -1), cacheWithEpochs1And3And4().endOffsetFor(-1, LOG_END_OFFSET));
    }

    @Test
    void assigningTheLatestEpochAgainAtAHigherOffsetChangesNothing() {
        LeaderEpochCache cache = cacheWithEpochs1And3And4();
        cache.assign(4, 45);
        assertEquals(List.of(new EpochEntry(1, 0), new EpochEntry(3, 10), new EpochEntry(4, 30)), cache.entries());
    }

    @Test
    void anAssignmentRemovesTheEntriesItContradicts() {
        LeaderEpochCache cache = cacheWithEpochs1And3And4();
        cache.assign(5, 20);
        assertEquals(List.of(new EpochEntry(1, 0), new EpochEntry(3, 10), new EpochEntry(5, 20)), cache.entries());
    }

    @Test
    void negativeEpochsAreIgnored() {
        LeaderEpochCache cache = new LeaderEpochCache(dir);
        cache.assign(-1, 0);
        assertTrue(cache.entries().isEmpty());
    }

    @Test
    void truncateFromEndRemovesEpochsStartingAtOrAfterTheNewEnd() {
        LeaderEpochCache cache = cacheWithEpochs1And3And4();
        cache.truncateFromEnd(30);
        assertEquals(List.of(new EpochEntry(1, 0), new EpochEntry(3, 10)), cache.entries());
        assertEquals(OptionalInt.of(3), cache.latestEpoch());
    }

    @Test
    void truncateFromStartKeepsTheEpochSpanningTheNewStartMovedToIt() {
        LeaderEpochCache cache = cacheWithEpochs1And3And4();
        cache.truncateFromStart(15);
        assertEquals(List.of(new EpochEntry(3, 15), new EpochEntry(4, 30)), cache.entries());
    }

    @Test
    void truncateFromStartAtAnEpochsStartDropsOnlyTheEarlierOnes() {
        LeaderEpochCache cache = cacheWithEpochs1And3And4();
        cache.truncateFromStart(30);
        assertEquals(List.of(new EpochEntry(4, 30)), cache.entries());
    }

    @Test
    void epochForOffsetIsTheEpochThatWroteIt() {
        LeaderEpochCache cache = cacheWithEpochs1And3And4();
        assertEquals(OptionalInt.of(1), cache.epochForOffset(9));
        assertEquals(OptionalInt.of(3), cache.epochForOffset(10));
        assertEquals(OptionalInt.of(4), cache.epochForOffset(49));
    }

    @Test
    void everyChangeIsInTheCheckpointFileInKafkasFormat() throws Exception {
        LeaderEpochCache cache = cacheWithEpochs1And3And4();
        cache.truncateFromStart(15);

        assertEquals("0\n2\n3 15\n4 30\n", Files.readString(dir.resolve(LeaderEpochCheckpointFile.FILE_NAME)));
        LeaderEpochCache reloaded = new LeaderEpochCache(dir);
        assertTrue(reloaded.load());
        assertEquals(cache.entries(), reloaded.entries());
    }

    @Test
    void loadWithoutAFileReportsThatTheCacheMustBeRebuilt() throws Exception {
        assertFalse(new LeaderEpochCache(dir).load());
    }
}
