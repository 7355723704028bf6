package io.tributary.storage.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.storage.producer.SimulatedLog.AppendResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a partition judges batches from idempotent producers: Kafka 4.x's rules. */
class ProducerSequenceValidationTest {

    private static final long PID = 1000L;
    private static final int EPOCH = 3;

    @TempDir
    Path dir;

    private SimulatedLog log;

    @BeforeEach
    void openLog() throws IOException {
        log = SimulatedLog.open(dir);
    }

    private List<BatchMetadata> appendBatches(int count, int recordsPerBatch) {
        List<BatchMetadata> appended = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            appended.add(log.appendFromClient(PID, EPOCH, i * recordsPerBatch, recordsPerBatch).batch());
        }
        return appended;
    }

    private ProducerStateEntry entry() {
        return log.state().lastEntry(PID).orElseThrow();
    }

    @Test
    void retryOfEachOfTheLastFiveBatchesIsADuplicateWithItsOriginalOffsetsAndTimestamp() {
        log.appendNonIdempotent(7);
        List<BatchMetadata> original = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            original.add(log.appendFromClient(PID, EPOCH, i * 10, 10).batch());
            log.time().advance(1, TimeUnit.SECONDS);
        }
        long endBeforeRetries = log.logEndOffset();

        for (int i = 0; i < 5; i++) {
            AppendResult retry = log.appendFromClient(PID, EPOCH, i * 10, 10);
            assertTrue(retry.duplicate(), "retry of batch " + i);
            assertEquals(original.get(i).firstOffset(), retry.batch().firstOffset());
            assertEquals(original.get(i).lastOffset(), retry.batch().lastOffset());
            assertEquals(original.get(i).maxTimestamp(), retry.batch().maxTimestamp());
        }
        assertEquals(7, original.get(0).firstOffset());
        assertEquals(endBeforeRetries, log.logEndOffset());
    }

    @Test
    void retryOfABatchOlderThanTheLastFiveIsOutOfOrder() {
        appendBatches(6, 10);

        assertThrows(OutOfOrderSequenceException.class, () -> log.appendFromClient(PID, EPOCH, 0, 10));
        assertTrue(log.appendFromClient(PID, EPOCH, 10, 10).duplicate());
    }

    @Test
    void onlyTheLastFiveBatchesAreRetained() {
        List<BatchMetadata> appended = appendBatches(7, 2);

        assertEquals(appended.subList(2, 7), entry().batchMetadata());
    }

    @Test
    void sequenceGapIsOutOfOrder() {
        appendBatches(2, 10);

        assertThrows(OutOfOrderSequenceException.class, () -> log.appendFromClient(PID, EPOCH, 21, 5));
    }

    @Test
    void retryWithADifferentRangeIsOutOfOrderNotADuplicate() {
        appendBatches(2, 10);

        assertThrows(OutOfOrderSequenceException.class, () -> log.appendFromClient(PID, EPOCH, 10, 5));
    }

    @Test
    void retryEndingAtTheSameSequenceButStartingElsewhereIsNotADuplicate() {
        appendBatches(2, 10);

        assertThrows(OutOfOrderSequenceException.class, () -> log.appendFromClient(PID, EPOCH, 15, 5));
    }

    @Test
    void batchFollowingTheLastSequenceIsAppended() {
        appendBatches(2, 10);

        AppendResult next = log.appendFromClient(PID, EPOCH, 20, 3);

        assertFalse(next.duplicate());
        assertEquals(22, entry().lastSeq());
        assertEquals(next.batch().lastOffset(), entry().lastDataOffset());
    }

    @Test
    void rejectedBatchLeavesTheStateAndTheLogUnchanged() {
        appendBatches(2, 10);
        String before = entry().toString();
        long end = log.logEndOffset();

        assertThrows(OutOfOrderSequenceException.class, () -> log.appendFromClient(PID, EPOCH, 25, 5));

        assertEquals(before, entry().toString());
        assertEquals(end, log.logEndOffset());
    }

    @Test
    void newEpochMustStartAtSequenceZero() {
        appendBatches(2, 10);

        assertThrows(OutOfOrderSequenceException.class, () -> log.appendFromClient(PID, EPOCH + 1, 20, 5));
    }

    @Test
    void newEpochStartingAtZeroResetsTheSequenceAndForgetsTheOldBatches() {
        appendBatches(2, 10);

        assertFalse(log.appendFromClient(PID, EPOCH + 1, 0, 5).duplicate());

        assertEquals(EPOCH + 1, entry().producerEpoch());
        assertEquals(1, entry().batchMetadata().size());
        assertEquals(4, entry().lastSeq());
        assertFalse(log.appendFromClient(PID, EPOCH + 1, 5, 5).duplicate());
    }

    @Test
    void lowerEpochIsFenced() {
        appendBatches(1, 10);
        log.appendFromClient(PID, EPOCH + 1, 0, 5);

        assertThrows(InvalidProducerEpochException.class, () -> log.appendFromClient(PID, EPOCH, 10, 5));
        assertThrows(InvalidProducerEpochException.class, () -> log.appendFromClient(PID, EPOCH, 0, 10));
    }

    @Test
    void lowerEpochFromReplicationIsRecordedAnyway() {
        log.appendFromClient(PID, EPOCH, 0, 5);

        log.appendReplicated(PID, EPOCH - 1, 40, 5);

        assertEquals(EPOCH - 1, entry().producerEpoch());
        assertEquals(44, entry().lastSeq());
    }

    @Test
    void replicationRecordsSequenceGapsWithoutChecking() {
        log.appendFromClient(PID, EPOCH, 0, 5);

        log.appendReplicated(PID, EPOCH, 100, 5);

        assertEquals(104, entry().lastSeq());
    }

    @Test
    void coordinatorAppendsAreCheckedForEpochButNotSequence() {
        log.appendFromClient(PID, EPOCH, 0, 5);
        ProducerAppendInfo gap = log.state().prepareUpdate(PID, AppendOrigin.COORDINATOR);
        gap.appendDataBatch((short) EPOCH, 77, 5, 0, 1L, false);

        ProducerAppendInfo fenced = log.state().prepareUpdate(PID, AppendOrigin.COORDINATOR);
        assertThrows(InvalidProducerEpochException.class,
                () -> fenced.appendDataBatch((short) (EPOCH - 1), 5, 5, 0, 1L, false));
    }

    @Test
    void sequenceWrapsFromMaxValueToZero() {
        log.appendFromClient(PID, EPOCH, Integer.MAX_VALUE - 9, 10);
        assertEquals(Integer.MAX_VALUE, entry().lastSeq());

        assertFalse(log.appendFromClient(PID, EPOCH, 0, 10).duplicate());
        assertEquals(9, entry().lastSeq());
    }

    @Test
    void batchSpanningTheWrapIsAppendedAndItsRetryIsADuplicate() {
        log.appendFromClient(PID, EPOCH, Integer.MAX_VALUE - 5, 5);

        AppendResult spanning = log.appendFromClient(PID, EPOCH, Integer.MAX_VALUE, 4);
        assertEquals(2, entry().lastSeq());
        assertEquals(Integer.MAX_VALUE, spanning.batch().firstSeq());

        AppendResult retry = log.appendFromClient(PID, EPOCH, Integer.MAX_VALUE, 4);
        assertTrue(retry.duplicate());
        assertEquals(spanning.batch().firstOffset(), retry.batch().firstOffset());
        assertThrows(OutOfOrderSequenceException.class, () -> log.appendFromClient(PID, EPOCH, 4, 1));
        assertFalse(log.appendFromClient(PID, EPOCH, 3, 1).duplicate());
    }

    @Test
    void unknownProducerIsAcceptedAtAnySequenceAsSinceKip360() {
        AppendResult first = log.appendFromClient(PID, EPOCH, 4242, 3);

        assertFalse(first.duplicate());
        assertEquals(4244, entry().lastSeq());
    }

    @Test
    void batchesOfOneProducerInOneAppendAreCheckedAgainstEachOther() {
        log.appendFromClient(PID, EPOCH, 0, 5);
        ProducerAppendInfo info = log.state().prepareUpdate(PID, AppendOrigin.CLIENT);
        info.appendDataBatch((short) EPOCH, 5, 5, 4, 1L, false);
        info.appendDataBatch((short) EPOCH, 10, 10, 4, 1L, false);

        assertThrows(OutOfOrderSequenceException.class,
                () -> info.appendDataBatch((short) EPOCH, 10, 15, 4, 1L, false));
        log.state().update(info);
        assertEquals(14, entry().lastSeq());
        assertEquals(3, entry().batchMetadata().size());
    }

    @Test
    void applyingAnAppendInfoPreparedBeforeAnotherUpdateOfTheSameProducerFails() {
        log.appendFromClient(PID, EPOCH, 0, 5);
        ProducerAppendInfo first = log.state().prepareUpdate(PID, AppendOrigin.CLIENT);
        ProducerAppendInfo second = log.state().prepareUpdate(PID, AppendOrigin.CLIENT);
        first.appendDataBatch((short) EPOCH, 5, 5, 0, 1L, false);
        second.appendDataBatch((short) EPOCH, 5, 6, 0, 1L, false);
        log.state().update(first);

        assertThrows(IllegalStateException.class, () -> log.state().update(second));
    }

    @Test
    void transactionalBatchRecordsTheFirstOffsetOfTheTransaction() {
        log.appendNonIdempotent(3);

        log.appendFromClient(PID, EPOCH, 0, 2, true);
        log.appendFromClient(PID, EPOCH, 2, 2, true);

        assertEquals(OptionalLong.of(3), entry().currentTxnFirstOffset());
    }

    @Test
    void nonTransactionalBatchDuringAnOpenTransactionIsAnInvalidTxnState() {
        log.appendFromClient(PID, EPOCH, 0, 2, true);

        assertThrows(InvalidTxnStateException.class, () -> log.appendFromClient(PID, EPOCH, 2, 2, false));
    }

    @Test
    void batchWithoutSequenceIsNeverADuplicate() {
        assertTrue(log.state().findDuplicate(PID, (short) EPOCH, SequenceNumbers.NO_SEQUENCE, 0).isEmpty());
    }

    @Test
    void producerIdMinusOneHasNoState() {
        assertThrows(IllegalArgumentException.class, () -> log.state().prepareUpdate(-1L, AppendOrigin.CLIENT));
    }
}
