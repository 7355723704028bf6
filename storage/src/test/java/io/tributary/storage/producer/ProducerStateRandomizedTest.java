package io.tributary.storage.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.ManualTime;
import io.tributary.storage.producer.SimulatedLog.AppendResult;
import io.tributary.storage.producer.SimulatedLog.WrittenBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idempotent producers as Kafka's client drives them — up to five batches in flight, responses lost
 * with the connection, every unacknowledged batch resent in order, epochs bumped, zombies left
 * behind — against a partition that rolls snapshots and restarts (sometimes with a corrupt snapshot).
 * Seeded; a failure names its seed.
 */
class ProducerStateRandomizedTest {

    private static final int STEPS = 3_000;
    private static final int PRODUCERS = 4;
    private static final int MAX_IN_FLIGHT = 5;

    /** A batch as the producer built it. */
    private record Batch(long producerId, short epoch, int baseSeq, int count) {
    }

    /** One producer's client-side state for one partition. */
    private static final class Producer {
        final long id;
        short epoch;
        int nextSeq;
        final List<Batch> unacked = new ArrayList<>();
        int sent;

        Producer(long id, int firstSeq) {
            this.id = id;
            this.nextSeq = firstSeq;
        }
    }

    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void retriedBatchesAreWrittenExactlyOnceInSequenceOrder(long seed, @TempDir Path dir) throws IOException {
        new Simulation(seed, dir).run();
    }

    private static final class Simulation {
        private final long seed;
        private final Random random;
        private final Path dir;
        private final SimulatedLog log;
        private final List<Producer> producers = new ArrayList<>();
        private final Map<Batch, BatchMetadata> appended = new HashMap<>();

        Simulation(long seed, Path dir) throws IOException {
            this.seed = seed;
            this.random = new Random(seed);
            this.dir = dir;
            this.log = new SimulatedLog(dir, ProducerStateConfig.defaults(), new ManualTime());
            for (int i = 0; i < PRODUCERS; i++) {
                int firstSeq = random.nextBoolean() ? 0 : Integer.MAX_VALUE - random.nextInt(40);
                producers.add(new Producer(1000 + i, firstSeq));
            }
        }

        void run() throws IOException {
            for (int step = 0; step < STEPS; step++) {
                Producer producer = producers.get(random.nextInt(producers.size()));
                int action = random.nextInt(100);
                if (action < 30) {
                    newBatch(producer);
                } else if (action < 65) {
                    send(producer);
                } else if (action < 85) {
                    ack(producer);
                } else if (action < 91) {
                    producer.sent = 0;
                } else if (action < 94) {
                    bumpEpoch(producer);
                } else if (action < 96) {
                    zombie(producer);
                } else if (action < 98) {
                    log.roll();
                } else {
                    restart();
                }
                log.time().advance(random.nextInt(50), TimeUnit.MILLISECONDS);
            }
            assertLogHoldsEachSequenceOnceInOrder();
        }

        private void newBatch(Producer producer) {
            if (producer.unacked.size() == MAX_IN_FLIGHT) {
                return;
            }
            int count = 1 + random.nextInt(10);
            producer.unacked.add(new Batch(producer.id, producer.epoch, producer.nextSeq, count));
            producer.nextSeq = SequenceNumbers.increment(producer.nextSeq, count);
        }

        private void send(Producer producer) {
            if (producer.sent == producer.unacked.size()) {
                return;
            }
            Batch batch = producer.unacked.get(producer.sent++);
            AppendResult result = log.appendFromClient(batch.producerId(), batch.epoch(), batch.baseSeq(),
                    batch.count());
            BatchMetadata original = appended.get(batch);
            if (original == null) {
                assertFalse(result.duplicate(), () -> "seed " + seed + ": first send of " + batch + " is a duplicate");
                appended.put(batch, result.batch());
            } else {
                assertTrue(result.duplicate(), () -> "seed " + seed + ": retry of " + batch + " written twice");
                assertEquals(original, result.batch(), () -> "seed " + seed + ": retry of " + batch);
            }
            ProducerStateEntry entry = log.state().lastEntry(producer.id).orElseThrow();
            assertEquals(producer.epoch, entry.producerEpoch(), () -> "seed " + seed);
        }

        private void ack(Producer producer) {
            if (producer.sent == 0) {
                return;
            }
            producer.unacked.remove(0);
            producer.sent--;
        }

        private void bumpEpoch(Producer producer) {
            if (!producer.unacked.isEmpty()) {
                return;
            }
            producer.epoch++;
            producer.nextSeq = 0;
        }

        /** An instance left behind at the previous epoch tries to write after the new one did. */
        private void zombie(Producer producer) {
            boolean newEpochSeen = log.state().lastEntry(producer.id)
                    .map(e -> e.producerEpoch() == producer.epoch).orElse(false);
            if (producer.epoch == 0 || !newEpochSeen) {
                return;
            }
            long end = log.logEndOffset();
            assertThrows(InvalidProducerEpochException.class,
                    () -> log.appendFromClient(producer.id, producer.epoch - 1, random.nextInt(100), 1),
                    () -> "seed " + seed);
            assertEquals(end, log.logEndOffset());
        }

        /**
         * Delivers and acknowledges everything in flight (a restart loses the retained batches that the
         * snapshot does not hold, as in Kafka), then restarts, sometimes with the latest snapshot damaged.
         */
        private void restart() throws IOException {
            for (Producer producer : producers) {
                producer.sent = 0;
                while (!producer.unacked.isEmpty()) {
                    send(producer);
                    ack(producer);
                }
            }
            Map<Long, ProducerStateEntry> before = new HashMap<>(log.state().activeProducers());
            before.values().forEach(this::assertRetainsASuffixOfItsHistory);
            if (random.nextInt(4) == 0) {
                corruptLatestSnapshot();
            }
            log.restart();
            for (ProducerStateEntry live : before.values()) {
                ProducerStateEntry recovered = log.state().lastEntry(live.producerId()).orElseThrow();
                assertEquals(live.producerEpoch(), recovered.producerEpoch(), () -> "seed " + seed);
                assertEquals(live.lastSeq(), recovered.lastSeq(), () -> "seed " + seed);
                assertEquals(live.lastDataOffset(), recovered.lastDataOffset(), () -> "seed " + seed);
                assertEquals(live.lastTimestamp(), recovered.lastTimestamp(), () -> "seed " + seed);
                assertRetainsASuffixOfItsHistory(recovered);
            }
            assertEquals(before.keySet(), log.state().activeProducers().keySet(), () -> "seed " + seed);
        }

        /** The entry's batches are the last one to five batches the producer wrote at its current epoch. */
        private void assertRetainsASuffixOfItsHistory(ProducerStateEntry entry) {
            List<BatchMetadata> history = new ArrayList<>();
            for (WrittenBatch batch : log.written()) {
                if (batch.producerId() == entry.producerId() && batch.epoch() == entry.producerEpoch()) {
                    int lastSeq = SequenceNumbers.lastSequence(batch.baseSequence(), batch.lastOffsetDelta());
                    history.add(new BatchMetadata(lastSeq, batch.lastOffset(), batch.lastOffsetDelta(),
                            batch.maxTimestamp()));
                }
            }
            List<BatchMetadata> retained = entry.batchMetadata();
            assertTrue(!retained.isEmpty() && retained.size() <= history.size(),
                    () -> "seed " + seed + ": retained " + retained + " of " + history);
            assertEquals(history.subList(history.size() - retained.size(), history.size()), retained,
                    () -> "seed " + seed + ": producer " + entry.producerId());
        }

        private void corruptLatestSnapshot() throws IOException {
            if (log.state().latestSnapshotOffset().isEmpty()) {
                return;
            }
            Path file = ProducerStateSnapshotFile.at(dir, log.state().latestSnapshotOffset().getAsLong()).path();
            byte[] bytes = Files.readAllBytes(file);
            bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
            Files.write(file, bytes);
        }

        private void assertLogHoldsEachSequenceOnceInOrder() {
            Map<Long, WrittenBatch> previous = new HashMap<>();
            for (WrittenBatch batch : log.written()) {
                WrittenBatch before = previous.put(batch.producerId(), batch);
                if (before == null) {
                    continue;
                }
                if (batch.epoch() == before.epoch()) {
                    int lastSeq = SequenceNumbers.lastSequence(before.baseSequence(), before.lastOffsetDelta());
                    assertTrue(SequenceNumbers.isNext(lastSeq, batch.baseSequence()),
                            () -> "seed " + seed + ": " + batch + " does not follow " + before);
                } else {
                    assertTrue(batch.epoch() > before.epoch(), () -> "seed " + seed + ": epoch went back at " + batch);
                    assertEquals(0, batch.baseSequence(), () -> "seed " + seed + ": new epoch at " + batch);
                }
            }
            assertEquals(appended.size(), log.written().size(), () -> "seed " + seed);
        }
    }
}
