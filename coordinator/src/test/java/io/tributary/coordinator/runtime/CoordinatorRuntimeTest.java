package io.tributary.coordinator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.Time;
import io.tributary.coordinator.group.GroupCoordinatorRecordSerde;
import io.tributary.coordinator.record.OffsetCommitKey;
import io.tributary.coordinator.record.OffsetCommitValue;
import io.tributary.protocol.Errors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The coordinator runtime with a shard that keeps one counter per key, over an in-memory log. */
class CoordinatorRuntimeTest {

    private static final int PARTITION = 3;

    /** State: key -> value, changed only by replay. */
    static final class CounterShard implements CoordinatorShard {
        final Map<String, Long> values = new HashMap<>();
        final ShardContext context;
        boolean loaded;

        CounterShard(ShardContext context) {
            this.context = context;
        }

        @Override
        public void replay(long offset, CoordinatorRecord record) {
            String key = ((OffsetCommitKey) record.key()).group();
            if (record.isTombstone()) {
                values.remove(key);
            } else {
                values.put(key, ((OffsetCommitValue) record.value()).offset());
            }
        }

        @Override
        public void onLoaded() {
            loaded = true;
        }

        CoordinatorResult<Long> set(String key, long value) {
            return CoordinatorResult.of(List.of(record(key, value)), value);
        }
    }

    static CoordinatorRecord record(String key, long value) {
        return CoordinatorRecord.record(new OffsetCommitKey().setGroup(key).setTopic("t").setPartition(0),
                new OffsetCommitValue().setOffset(value).setMetadata("").setCommitTimestamp(0), (short) 3);
    }

    private final InMemoryCoordinatorLog log = new InMemoryCoordinatorLog();
    private final CoordinatorRuntime<CounterShard> runtime = new CoordinatorRuntime<>("test", 2, log,
            new GroupCoordinatorRecordSerde(), CounterShard::new, Time.SYSTEM);

    @AfterEach
    void close() {
        runtime.close();
    }

    private <T> T read(Function<CounterShard, T> op) throws Exception {
        return runtime.scheduleReadOperation("read", PARTITION, op).get(10, TimeUnit.SECONDS);
    }

    private static Errors errorOf(CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        return CoordinatorException.errorOf(e.getCause());
    }

    @Test
    void operationOnAPartitionNotLedHereFailsWithNotCoordinator() {
        assertEquals(Errors.NOT_COORDINATOR, errorOf(runtime.scheduleWriteOperation("w", PARTITION, s -> s.set("a", 1))));
    }

    @Test
    void writeIsAnsweredOnlyOnceItsRecordsAreCommitted() throws Exception {
        runtime.onElection(PARTITION, 0);
        log.holdAppends = true;

        CompletableFuture<Long> write = runtime.scheduleWriteOperation("w", PARTITION, s -> s.set("a", 7));
        InMemoryCoordinatorLog.PendingAppend append = log.pending.poll(10, TimeUnit.SECONDS);

        assertFalse(write.isDone());
        append.future().complete(null);
        assertEquals(7L, write.get(10, TimeUnit.SECONDS));
    }

    @Test
    void laterOperationsSeeRecordsReplayedBeforeTheirCommitButReadsWaitForIt() throws Exception {
        runtime.onElection(PARTITION, 0);
        log.holdAppends = true;
        runtime.scheduleWriteOperation("w", PARTITION, s -> s.set("a", 7));

        CompletableFuture<Long> read = runtime.scheduleReadOperation("r", PARTITION, s -> s.values.get("a"));
        InMemoryCoordinatorLog.PendingAppend append = log.pending.poll(10, TimeUnit.SECONDS);

        assertFalse(read.isDone());
        append.future().complete(null);
        assertEquals(7L, read.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aFailedAppendFailsTheOperationAndReloadsTheShardWithoutItsRecords() throws Exception {
        runtime.onElection(PARTITION, 0);
        runtime.scheduleWriteOperation("w", PARTITION, s -> s.set("kept", 1)).get(10, TimeUnit.SECONDS);
        log.holdAppends = true;

        CompletableFuture<Long> lost = runtime.scheduleWriteOperation("w", PARTITION, s -> s.set("lost", 2));
        log.failOldest(new IllegalStateException("disk gone"));
        log.holdAppends = false;

        assertEquals(Errors.NOT_COORDINATOR, errorOf(lost));
        assertEquals(Map.of("kept", 1L), awaitLoaded(s -> Map.copyOf(s.values)));
    }

    @Test
    void electionLoadsTheShardByReplayingTheLog() throws Exception {
        runtime.onElection(PARTITION, 0);
        runtime.scheduleWriteOperation("w", PARTITION, s -> s.set("a", 1)).get(10, TimeUnit.SECONDS);
        runtime.scheduleWriteOperation("w", PARTITION, s -> s.set("b", 2)).get(10, TimeUnit.SECONDS);
        runtime.scheduleWriteOperation("w", PARTITION, s -> CoordinatorResult.of(
                List.of(CoordinatorRecord.tombstone(new OffsetCommitKey().setGroup("a").setTopic("t").setPartition(0))), 0L))
                .get(10, TimeUnit.SECONDS);

        runtime.onResignation(PARTITION);
        runtime.onElection(PARTITION, 1);

        assertEquals(Map.of("b", 2L), read(s -> Map.copyOf(s.values)));
        Boolean loaded = read(s -> s.loaded);
        assertTrue(loaded);
    }

    @Test
    void resignationFailsLaterOperationsWithNotCoordinator() throws Exception {
        runtime.onElection(PARTITION, 0);
        runtime.onResignation(PARTITION);

        assertEquals(Errors.NOT_COORDINATOR, errorOf(runtime.scheduleReadOperation("r", PARTITION, s -> s.values.size())));
    }

    @Test
    void anOperationThatThrowsACoordinatorExceptionFailsWithItsError() {
        runtime.onElection(PARTITION, 0);

        CompletableFuture<Long> failed = runtime.scheduleWriteOperation("w", PARTITION, s -> {
            throw new CoordinatorException(Errors.ILLEGAL_GENERATION, "stale");
        });

        assertEquals(Errors.ILLEGAL_GENERATION, errorOf(failed));
    }

    @Test
    void timerRunsItsOperationAsAWriteOnTheShardThread() throws Exception {
        runtime.onElection(PARTITION, 0);
        CountDownLatch fired = new CountDownLatch(1);

        runtime.scheduleWriteOperation("arm", PARTITION, s -> {
            s.context.timer().schedule("t", 10, () -> {
                fired.countDown();
                return CoordinatorResult.records(List.of(record("timer", 9)));
            });
            return CoordinatorResult.response(0L);
        }).get(10, TimeUnit.SECONDS);

        assertTrue(fired.await(10, TimeUnit.SECONDS));
        Long value = read(s -> s.values.get("timer"));
        assertEquals(9L, value);
    }

    @Test
    void cancelledTimerNeverRuns() throws Exception {
        runtime.onElection(PARTITION, 0);

        runtime.scheduleWriteOperation("arm", PARTITION, s -> {
            s.context.timer().schedule("t", 50, () -> CoordinatorResult.records(List.of(record("timer", 9))));
            s.context.timer().cancel("t");
            s.context.timer().schedule("other", 100, () -> CoordinatorResult.records(List.of(record("other", 1))));
            return CoordinatorResult.response(0L);
        }).get(10, TimeUnit.SECONDS);

        assertEquals(1L, awaitValue("other"));
        Boolean present = read(s -> s.values.containsKey("timer"));
        assertFalse(present);
    }

    @Test
    void appendFutureCompletesOnTheShardThreadOnlyAfterTheCommit() throws Exception {
        runtime.onElection(PARTITION, 0);
        log.holdAppends = true;
        CompletableFuture<Void> committed = new CompletableFuture<>();
        CompletableFuture<String> completedOn = committed.thenApply(v -> Thread.currentThread().getName());

        runtime.scheduleWriteOperation("w", PARTITION, s -> new CoordinatorResult<>(List.of(record("a", 1)), 1L, committed));
        InMemoryCoordinatorLog.PendingAppend append = log.pending.poll(10, TimeUnit.SECONDS);

        assertFalse(committed.isDone());
        append.future().complete(null);
        assertTrue(completedOn.get(10, TimeUnit.SECONDS).startsWith("test-"), completedOn.get());
    }

    @Test
    void appendFutureFailsWithNotCoordinatorWhenTheWriteFails() throws Exception {
        runtime.onElection(PARTITION, 0);
        log.holdAppends = true;
        CompletableFuture<Void> committed = new CompletableFuture<>();

        runtime.scheduleWriteOperation("w", PARTITION, s -> new CoordinatorResult<>(List.of(record("a", 1)), 1L, committed));
        log.failOldest(new IllegalStateException("disk gone"));

        assertEquals(Errors.NOT_COORDINATOR, errorOf(committed));
    }

    private long awaitValue(String key) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Long value = read(s -> s.values.get(key));
            if (value != null) {
                return value;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError(key + " never set");
    }

    private <T> T awaitLoaded(Function<CounterShard, T> op) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return read(op);
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }
}
