package io.tributary.storage.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.ManualTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots, load, truncation and expiration of a partition's producer state. */
class ProducerStateManagerTest {

    private static final long EXPIRATION_MS = ProducerStateConfig.PRODUCER_ID_EXPIRATION_MS_DEFAULT;

    @TempDir
    Path dir;

    private final ManualTime time = new ManualTime();

    private SimulatedLog openLog() throws IOException {
        return new SimulatedLog(dir, ProducerStateConfig.defaults(), time);
    }

    private static void flipByte(Path file, int position) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[position] ^= 0x01;
        Files.write(file, bytes);
    }

    @Test
    void snapshotIsWrittenAtTheMapEndOffsetOnRoll() throws IOException {
        SimulatedLog log = openLog();
        log.appendFromClient(1L, 0, 0, 10);

        Optional<Path> snapshot = log.roll();

        assertEquals(Optional.of(dir.resolve("00000000000000000010.snapshot")), snapshot);
        assertEquals(List.of(10L), log.state().snapshotOffsets());
    }

    @Test
    void noSnapshotIsWrittenWhenNothingWasAppendedSinceTheLastOne() throws IOException {
        SimulatedLog log = openLog();
        log.appendFromClient(1L, 0, 0, 10);
        log.roll();

        assertEquals(Optional.empty(), log.roll());
        assertEquals(List.of(10L), log.state().snapshotOffsets());
    }

    @Test
    void restartFromASnapshotRestoresEveryProducer() throws IOException {
        SimulatedLog log = openLog();
        log.appendFromClient(1L, 0, 0, 10);
        log.appendFromClient(2L, 4, 100, 5);
        log.appendFromClient(3L, 1, 0, 2, true);
        log.roll();
        String before = log.state().activeProducers().values().stream()
                .map(ProducerStateEntry::toString).sorted().toList().toString();

        long replayFrom = log.restart();

        assertEquals(17, replayFrom);
        String after = log.state().activeProducers().values().stream()
                .map(ProducerStateEntry::toString).sorted().toList().toString();
        assertEquals(before, after);
        assertEquals(17, log.state().mapEndOffset());
    }

    @Test
    void restartReplaysTheBatchesAfterTheSnapshotSoTheirRetriesAreStillDuplicates() throws IOException {
        SimulatedLog log = openLog();
        log.appendFromClient(1L, 0, 0, 10);
        log.roll();
        BatchMetadata second = log.appendFromClient(1L, 0, 10, 10).batch();
        log.appendFromClient(1L, 0, 20, 10);

        assertEquals(10, log.restart());

        assertEquals(second, log.appendFromClient(1L, 0, 10, 10).batch());
        assertTrue(log.appendFromClient(1L, 0, 10, 10).duplicate());
        assertEquals(29, log.state().lastEntry(1L).orElseThrow().lastSeq());
    }

    @Test
    void corruptLatestSnapshotIsDeletedAndTheOlderOneLoaded() throws IOException {
        SimulatedLog log = openLog();
        log.appendFromClient(1L, 0, 0, 10);
        log.roll();
        log.appendFromClient(1L, 0, 10, 10);
        Path latest = log.roll().orElseThrow();
        flipByte(latest, 20);

        long replayFrom = log.restart();

        assertEquals(10, replayFrom);
        assertFalse(Files.exists(latest));
        assertEquals(List.of(10L), log.state().snapshotOffsets());
        assertEquals(19, log.state().lastEntry(1L).orElseThrow().lastSeq());
    }

    @Test
    void corruptOnlySnapshotFallsBackToReplayingTheWholeLog() throws IOException {
        SimulatedLog log = openLog();
        log.appendFromClient(1L, 0, 0, 10);
        Path only = log.roll().orElseThrow();
        log.appendFromClient(1L, 0, 10, 10);
        flipByte(only, 0);

        assertEquals(0, log.restart());

        assertEquals(List.of(), log.state().snapshotOffsets());
        assertEquals(2, log.state().lastEntry(1L).orElseThrow().batchMetadata().size());
    }

    @Test
    void truncationRemovesTheStateOfLaterBatches() throws IOException {
        SimulatedLog log = openLog();
        log.appendFromClient(1L, 0, 0, 10);
        log.roll();
        log.appendFromClient(1L, 0, 10, 10);
        log.appendFromClient(2L, 0, 0, 10);
        log.appendFromClient(1L, 1, 0, 10);

        log.truncateTo(20);

        ProducerStateEntry first = log.state().lastEntry(1L).orElseThrow();
        assertEquals(0, first.producerEpoch());
        assertEquals(19, first.lastSeq());
        assertEquals(19, first.lastDataOffset());
        assertEquals(Optional.empty(), log.state().lastEntry(2L));
        assertEquals(20, log.state().mapEndOffset());
        assertFalse(log.appendFromClient(1L, 0, 20, 5).duplicate());
    }

    @Test
    void truncationDeletesSnapshotsAboveTheTruncationOffset() throws IOException {
        SimulatedLog log = openLog();
        for (int i = 0; i < 4; i++) {
            log.appendFromClient(1L, 0, i * 10, 10);
            log.roll();
        }

        log.truncateTo(20);

        assertEquals(List.of(10L, 20L), log.state().snapshotOffsets());
        assertEquals(19, log.state().lastEntry(1L).orElseThrow().lastSeq());
    }

    @Test
    void truncateFullyForgetsEveryProducerAndSnapshot() throws IOException {
        SimulatedLog log = openLog();
        log.appendFromClient(1L, 0, 0, 10);
        log.roll();

        log.state().truncateFullyAndStartAt(500);

        assertTrue(log.state().isEmpty());
        assertEquals(500, log.state().mapEndOffset());
        assertEquals(List.of(), log.state().snapshotOffsets());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void deleteSnapshotsBeforeKeepsTheOffsetItselfAndLaterOnes() throws IOException {
        SimulatedLog log = openLog();
        for (int i = 0; i < 4; i++) {
            log.appendFromClient(1L, 0, i * 10, 10);
            log.roll();
        }

        log.state().deleteSnapshotsBefore(30);

        assertEquals(List.of(30L, 40L), log.state().snapshotOffsets());
        assertTrue(Files.exists(dir.resolve("00000000000000000030.snapshot")));
        assertFalse(Files.exists(dir.resolve("00000000000000000020.snapshot")));
    }

    @Test
    void loadDeletesSnapshotsBelowTheLogStartOffsetButKeepsOneAtIt() throws IOException {
        SimulatedLog log = openLog();
        for (int i = 0; i < 3; i++) {
            log.appendFromClient(1L, 0, i * 10, 10);
            log.roll();
        }
        ProducerStateManager reopened = new ProducerStateManager(dir, ProducerStateConfig.defaults());

        assertEquals(20, reopened.truncateAndReload(20, 20, time.milliseconds()));

        assertEquals(List.of(20L), reopened.snapshotOffsets());
        assertEquals(19, reopened.lastEntry(1L).orElseThrow().lastSeq());
    }

    @Test
    void leftoverTemporarySnapshotIsDeletedOnStart() throws IOException {
        Path leftover = Files.write(dir.resolve("00000000000000000010.snapshot.tmp"), new byte[] {1, 2, 3});

        ProducerStateManager state = new ProducerStateManager(dir, ProducerStateConfig.defaults());

        assertFalse(Files.exists(leftover));
        assertEquals(List.of(), state.snapshotOffsets());
    }

    @Test
    void producerExpiresProducerIdExpirationMsAfterItsLastBatch() throws IOException {
        SimulatedLog log = openLog();
        log.appendFromClient(1L, 0, 0, 10);

        time.advance(EXPIRATION_MS - 1, TimeUnit.MILLISECONDS);
        assertEquals(0, log.state().removeExpiredProducers(time.milliseconds()));
        assertTrue(log.state().lastEntry(1L).isPresent());

        time.advance(1, TimeUnit.MILLISECONDS);
        assertEquals(1, log.state().removeExpiredProducers(time.milliseconds()));
        assertEquals(Optional.empty(), log.state().lastEntry(1L));
        assertEquals(0, log.state().producerIdCount());
    }

    @Test
    void expiredProducerIsAcceptedAgainAtItsNextSequence() throws IOException {
        SimulatedLog log = openLog();
        log.appendFromClient(1L, 0, 0, 10);
        time.advance(EXPIRATION_MS, TimeUnit.MILLISECONDS);
        log.state().removeExpiredProducers(time.milliseconds());

        assertFalse(log.appendFromClient(1L, 0, 10, 10).duplicate());
    }

    @Test
    void producerWithAnOpenTransactionDoesNotExpire() throws IOException {
        SimulatedLog log = openLog();
        log.appendFromClient(1L, 0, 0, 10, true);

        time.advance(10 * EXPIRATION_MS, TimeUnit.MILLISECONDS);

        assertEquals(0, log.state().removeExpiredProducers(time.milliseconds()));
    }

    @Test
    void expirationUsesTheConfiguredProducerIdExpirationMs() throws IOException {
        SimulatedLog log = new SimulatedLog(dir, new ProducerStateConfig(1_000), time);
        log.appendFromClient(1L, 0, 0, 10);

        time.advance(1, TimeUnit.SECONDS);

        assertEquals(1, log.state().removeExpiredProducers(time.milliseconds()));
    }

    @Test
    void loadDropsProducersThatExpiredSinceTheSnapshot() throws IOException {
        SimulatedLog log = openLog();
        log.appendFromClient(1L, 0, 0, 10);
        time.advance(EXPIRATION_MS / 2, TimeUnit.MILLISECONDS);
        log.appendFromClient(2L, 0, 0, 10);
        log.roll();
        time.advance(EXPIRATION_MS / 2, TimeUnit.MILLISECONDS);

        log.restart();

        assertEquals(List.of(2L), List.copyOf(log.state().activeProducers().keySet()));
    }

    @Test
    void producerIdExpirationMsMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ProducerStateConfig(0));
        assertTrue(e.getMessage().contains("producer.id.expiration.ms"), e.getMessage());
    }

    @Test
    void logStartOffsetAboveTheMapEndOffsetMovesTheMapEndOffsetButKeepsProducers() throws IOException {
        SimulatedLog log = openLog();
        log.appendFromClient(1L, 0, 0, 10);

        log.state().onLogStartOffsetIncremented(50);

        assertEquals(50, log.state().mapEndOffset());
        assertTrue(log.state().lastEntry(1L).isPresent());
    }
}
