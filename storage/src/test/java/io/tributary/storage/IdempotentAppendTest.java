package io.tributary.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.ManualTime;
import io.tributary.records.MemoryRecords;
import io.tributary.records.RecordBatchBuilder;
import io.tributary.storage.producer.InvalidProducerEpochException;
import io.tributary.storage.producer.OutOfOrderSequenceException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idempotent producers against the partition log: retries, sequence gaps, fencing, restarts. */
class IdempotentAppendTest {

    private static final TopicPartition TP = new TopicPartition("payments", 0);
    private static final long PID = 4000;

    @TempDir
    Path dir;
    private final ManualTime time = new ManualTime();
    private LogManager manager;

    private PartitionLog open(LogConfig config) throws Exception {
        manager = new LogManager(List.of(dir), config, time, 1, 60_000, 60_000);
        manager.startup();
        return manager.getOrCreateLog(TP);
    }

    @AfterEach
    void close() throws Exception {
        if (manager != null) {
            manager.close();
        }
    }

    /** A batch stamped with the current time: producer state expires by batch timestamps, as in Kafka. */
    private MemoryRecords batch(short epoch, int baseSequence, int records) {
        RecordBatchBuilder builder = new RecordBatchBuilder().producer(PID, epoch, baseSequence);
        for (int i = 0; i < records; i++) {
            builder.append(time.milliseconds(), null, ("seq-" + (baseSequence + i)).getBytes(StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    @Test
    void aRetriedBatchIsAnsweredWithItsOriginalOffsetsAndNotWrittenAgain() throws Exception {
        PartitionLog log = open(LogConfig.defaults());
        log.appendAsLeader(Batches.of(1, "other"), 0);
        LogAppendInfo original = log.appendAsLeader(batch((short) 0, 0, 3), 0);
        int size = log.activeSegment().sizeInBytes();
        LogAppendInfo retry = log.appendAsLeader(batch((short) 0, 0, 3), 0);
        assertTrue(retry.duplicate());
        assertEquals(original.firstOffset(), retry.firstOffset());
        assertEquals(original.lastOffset(), retry.lastOffset());
        assertEquals(size, log.activeSegment().sizeInBytes());
        assertEquals(4, log.logEndOffset());
    }

    @Test
    void anyOfTheLastFiveBatchesIsRecognisedAsADuplicate() throws Exception {
        PartitionLog log = open(LogConfig.defaults());
        long[] firstOffsets = new long[6];
        for (int i = 0; i < 6; i++) {
            firstOffsets[i] = log.appendAsLeader(batch((short) 0, i * 2, 2), 0).firstOffset();
        }
        for (int i = 1; i < 6; i++) {
            assertEquals(firstOffsets[i], log.appendAsLeader(batch((short) 0, i * 2, 2), 0).firstOffset());
        }
        assertThrows(OutOfOrderSequenceException.class, () -> log.appendAsLeader(batch((short) 0, 0, 2), 0));
    }

    @Test
    void aSequenceGapIsOutOfOrderAndNothingIsWritten() throws Exception {
        PartitionLog log = open(LogConfig.defaults());
        log.appendAsLeader(batch((short) 0, 0, 2), 0);
        assertThrows(OutOfOrderSequenceException.class, () -> log.appendAsLeader(batch((short) 0, 5, 1), 0));
        assertEquals(2, log.logEndOffset());
    }

    @Test
    void anOlderEpochIsFenced() throws Exception {
        PartitionLog log = open(LogConfig.defaults());
        log.appendAsLeader(batch((short) 3, 0, 1), 0);
        assertThrows(InvalidProducerEpochException.class, () -> log.appendAsLeader(batch((short) 2, 1, 1), 0));
        assertEquals(1, log.appendAsLeader(batch((short) 4, 0, 1), 0).firstOffset(), "a new epoch starts at sequence 0");
    }

    @Test
    void aProducerIdleLongerThanTheExpirationIsForgotten() throws Exception {
        PartitionLog log = open(LogConfig.defaults());
        log.appendAsLeader(batch((short) 0, 0, 1), 0);
        time.advance(86_400_001, TimeUnit.MILLISECONDS);
        log.removeExpiredProducers();
        assertFalse(log.appendAsLeader(batch((short) 0, 0, 1), 0).duplicate(), "an expired producer's retry is new data");
    }

    @Test
    void duplicatesAreStillRecognisedAfterACleanRestart() throws Exception {
        PartitionLog log = open(LogConfig.defaults().withSegmentBytes(400));
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(batch((short) 0, i, 1), 0);
        }
        manager.close();
        try (Stream<Path> files = Files.list(dir.resolve(TP.toString()))) {
            assertTrue(files.anyMatch(f -> f.toString().endsWith(".snapshot")), "snapshots are written at roll and close");
        }
        PartitionLog reopened = open(LogConfig.defaults().withSegmentBytes(400));
        LogAppendInfo retry = reopened.appendAsLeader(batch((short) 0, 9, 1), 0);
        assertTrue(retry.duplicate());
        assertEquals(9, retry.firstOffset());
        assertEquals(10, reopened.appendAsLeader(batch((short) 0, 10, 1), 0).firstOffset());
    }

    @Test
    void producerStateIsRebuiltFromTheLogAfterAnUncleanStop() throws Exception {
        PartitionLog log = open(LogConfig.defaults().withSegmentBytes(400));
        long last = 0;
        for (int i = 0; i < 10; i++) {
            last = log.appendAsLeader(batch((short) 0, i, 1), 0).lastOffset();
        }
        log.awaitDurable(last).get(10, TimeUnit.SECONDS);
        Path crashed = dir.resolveSibling(dir.getFileName() + "-crashed");
        copyWithoutLock(dir, crashed);
        manager.close();
        manager = new LogManager(List.of(crashed), LogConfig.defaults().withSegmentBytes(400), time, 1, 60_000, 60_000);
        manager.startup();
        PartitionLog recovered = manager.getLog(TP);
        assertTrue(recovered.appendAsLeader(batch((short) 0, 9, 1), 0).duplicate());
        assertThrows(OutOfOrderSequenceException.class, () -> recovered.appendAsLeader(batch((short) 0, 12, 1), 0));
        assertFalse(recovered.appendAsLeader(batch((short) 0, 10, 1), 0).duplicate());
    }

    private static void copyWithoutLock(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!source.getFileName().toString().equals(LogManager.LOCK_FILE)) {
                    Files.copy(source, target);
                }
            }
        }
    }
}
