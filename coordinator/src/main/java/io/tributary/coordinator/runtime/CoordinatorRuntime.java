package io.tributary.coordinator.runtime;

import io.tributary.common.Time;
import io.tributary.protocol.Errors;
import io.tributary.records.MemoryRecords;
import io.tributary.records.Record;
import io.tributary.records.RecordBatch;
import io.tributary.records.RecordBatchBuilder;
import io.tributary.records.RecordIterator;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a coordinator's shards, one per partition of its state topic that this node leads
 * (DESIGN D9): "handle -> (response, records) -> replay".
 *
 * <p>Threading: each shard is owned by one thread of a fixed pool ({@code partition % threads});
 * its operations, timers, loading and replay all run there in submission order, so shard state
 * needs no locks. A write operation's records are replayed into the shard at once (later
 * operations see them) and appended to the log; its response is delivered when the append is
 * committed. A read operation's response waits for the shard's pending writes, so a client never
 * reads state that could still be lost.
 *
 * <p>Failure: an append that fails fails its operation with NOT_COORDINATOR and reloads the shard
 * from the log, discarding whatever the lost records had changed. Operations on a partition not
 * led here fail with NOT_COORDINATOR; while a shard loads, with COORDINATOR_LOAD_IN_PROGRESS.
 */
public final class CoordinatorRuntime<S extends CoordinatorShard> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CoordinatorRuntime.class);
    private static final int LOAD_READ_BYTES = 1 << 20;

    /** Creates the shard of a partition. */
    @FunctionalInterface
    public interface ShardFactory<S extends CoordinatorShard> {
        S create(ShardContext context);
    }

    private enum State { LOADING, ACTIVE, CLOSED }

    private final String name;
    private final CoordinatorLog coordinatorLog;
    private final CoordinatorRecordSerde serde;
    private final ShardFactory<S> factory;
    private final Time time;
    private final ScheduledExecutorService[] threads;
    private final Map<Integer, Shard> shards = new ConcurrentHashMap<>();

    public CoordinatorRuntime(String name, int threadCount, CoordinatorLog coordinatorLog, CoordinatorRecordSerde serde,
                              ShardFactory<S> factory, Time time) {
        this.name = name;
        this.coordinatorLog = coordinatorLog;
        this.serde = serde;
        this.factory = factory;
        this.time = time;
        this.threads = new ScheduledExecutorService[threadCount];
        for (int i = 0; i < threadCount; i++) {
            String threadName = name + "-" + i;
            ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
            });
            // Timers (session expiry, offset expiry) must not hold up a shutdown.
            thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            thread.setRemoveOnCancelPolicy(true);
            threads[i] = thread;
        }
    }

    /** This node became leader of {@code partition} at {@code leaderEpoch}: load its shard. */
    public void onElection(int partition, int leaderEpoch) {
        execute(partition, () -> {
            Shard existing = shards.get(partition);
            if (existing != null && existing.leaderEpoch >= leaderEpoch) {
                return;
            }
            if (existing != null) {
                unload(existing);
            }
            load(new Shard(partition, leaderEpoch));
        });
    }

    /** This node no longer leads {@code partition}: drop its shard. */
    public void onResignation(int partition) {
        execute(partition, () -> {
            Shard shard = shards.get(partition);
            if (shard != null) {
                unload(shard);
            }
        });
    }

    /** The partitions whose shards are loaded. */
    public Set<Integer> activePartitions() {
        Set<Integer> active = new java.util.TreeSet<>();
        shards.forEach((p, s) -> {
            if (s.state == State.ACTIVE) {
                active.add(p);
            }
        });
        return active;
    }

    /** Runs an operation that may write records; its response is delivered once they are committed. */
    public <T> CompletableFuture<T> scheduleWriteOperation(String operation, int partition, Function<S, CoordinatorResult<T>> op) {
        CompletableFuture<T> response = new CompletableFuture<>();
        execute(partition, response, () -> {
            Shard shard = activeShard(partition);
            runWrite(shard, operation, op, response);
        });
        return response;
    }

    /** Runs an operation that only reads; its response waits for the shard's pending writes. */
    public <T> CompletableFuture<T> scheduleReadOperation(String operation, int partition, Function<S, T> op) {
        CompletableFuture<T> response = new CompletableFuture<>();
        execute(partition, response, () -> {
            Shard shard = activeShard(partition);
            T result = op.apply(shard.coordinator);
            shard.lastWrite.whenComplete((v, failure) -> {
                if (failure != null) {
                    response.completeExceptionally(new CoordinatorException(Errors.NOT_COORDINATOR, "a pending write failed", failure));
                } else {
                    response.complete(result);
                }
            });
        });
        return response;
    }

    /** A read operation on every loaded shard (ListGroups); one future per shard. */
    public <T> List<CompletableFuture<T>> scheduleReadAllOperation(String operation, Function<S, T> op) {
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (int partition : activePartitions()) {
            futures.add(scheduleReadOperation(operation, partition, op));
        }
        return futures;
    }

    /** A write operation on every loaded shard (offset expiry); one future per shard. */
    public <T> List<CompletableFuture<T>> scheduleWriteAllOperation(String operation, Function<S, CoordinatorResult<T>> op) {
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (int partition : activePartitions()) {
            futures.add(scheduleWriteOperation(operation, partition, op));
        }
        return futures;
    }

    private Shard activeShard(int partition) {
        Shard shard = shards.get(partition);
        if (shard == null || shard.state == State.CLOSED) {
            throw new CoordinatorException(Errors.NOT_COORDINATOR, "this node does not lead partition " + partition + " of " + name);
        }
        if (shard.state == State.LOADING) {
            throw new CoordinatorException(Errors.COORDINATOR_LOAD_IN_PROGRESS, "partition " + partition + " of " + name + " is loading");
        }
        return shard;
    }

    private <T> void runWrite(Shard shard, String operation, Function<S, CoordinatorResult<T>> op, CompletableFuture<T> response) {
        CoordinatorResult<T> result = op.apply(shard.coordinator);
        if (result.records().isEmpty()) {
            shard.lastWrite.whenComplete((v, failure) -> {
                if (failure != null) {
                    response.completeExceptionally(new CoordinatorException(Errors.NOT_COORDINATOR, "a pending write failed", failure));
                } else {
                    response.complete(result.response());
                }
                completeAppendFuture(shard, result, failure);
            });
            return;
        }
        for (CoordinatorRecord record : result.records()) {
            shard.coordinator.replay(-1, record);
        }
        CompletableFuture<Void> write;
        try {
            write = coordinatorLog.append(shard.partition, shard.leaderEpoch, toBatch(result.records()));
        } catch (RuntimeException e) {
            write = CompletableFuture.failedFuture(e);
        }
        shard.lastWrite = write;
        write.whenComplete((v, failure) -> {
            if (failure == null) {
                response.complete(result.response());
                completeAppendFuture(shard, result, null);
                return;
            }
            log.error("{}: writing the records of {} to partition {} failed; reloading the partition", name, operation, shard.partition, failure);
            response.completeExceptionally(new CoordinatorException(Errors.NOT_COORDINATOR, operation + " could not be written", failure));
            completeAppendFuture(shard, result, failure);
            execute(shard.partition, () -> {
                if (shards.get(shard.partition) == shard) {
                    unload(shard);
                    load(new Shard(shard.partition, shard.leaderEpoch));
                }
            });
        });
    }

    /** Completes the result's append future on the shard's thread, where its callbacks may touch shard state. */
    private void completeAppendFuture(Shard shard, CoordinatorResult<?> result, Throwable failure) {
        CompletableFuture<Void> appendFuture = result.appendFuture();
        if (appendFuture == null) {
            return;
        }
        execute(shard.partition, () -> {
            if (failure == null) {
                appendFuture.complete(null);
            } else {
                appendFuture.completeExceptionally(new CoordinatorException(Errors.NOT_COORDINATOR, "a write failed", failure));
            }
        });
    }

    private MemoryRecords toBatch(List<CoordinatorRecord> records) {
        long now = time.milliseconds();
        RecordBatchBuilder builder = new RecordBatchBuilder();
        for (CoordinatorRecord record : records) {
            builder.append(now, serde.serializeKey(record), serde.serializeValue(record), List.of());
        }
        return builder.build();
    }

    private void load(Shard shard) {
        shards.put(shard.partition, shard);
        long started = time.milliseconds();
        shard.timer = new ShardTimer(shard);
        shard.coordinator = factory.create(new ShardContext(shard.partition, time, shard.timer));
        long offset = coordinatorLog.logStartOffset(shard.partition);
        long records = 0;
        while (true) {
            MemoryRecords chunk = coordinatorLog.read(shard.partition, offset, LOAD_READ_BYTES);
            long next = offset;
            for (RecordBatch batch : chunk.completeBatches()) {
                if (batch.lastOffset() < offset) {
                    continue;
                }
                next = batch.nextOffset();
                if (batch.isControlBatch()) {
                    continue;
                }
                records += replayBatch(shard, batch, offset);
            }
            if (next == offset) {
                break;
            }
            offset = next;
        }
        shard.state = State.ACTIVE;
        shard.coordinator.onLoaded();
        log.info("{}: loaded partition {} (leader epoch {}) from {} records in {} ms", name, shard.partition, shard.leaderEpoch,
                records, time.milliseconds() - started);
    }

    private long replayBatch(Shard shard, RecordBatch batch, long fromOffset) {
        long replayed = 0;
        try (RecordIterator it = batch.records()) {
            while (it.hasNext()) {
                Record record = it.next();
                if (record.offset() < fromOffset) {
                    continue;
                }
                try {
                    ByteBuffer value = record.hasValue() ? record.value() : null;
                    shard.coordinator.replay(record.offset(), serde.deserialize(record.key(), value));
                    replayed++;
                } catch (CoordinatorRecordSerde.UnknownRecordTypeException e) {
                    log.debug("{}: skipping record of unknown type {} at offset {} of partition {}", name, e.type(), record.offset(), shard.partition);
                } catch (RuntimeException e) {
                    log.error("{}: skipping unreadable record at offset {} of partition {}", name, record.offset(), shard.partition, e);
                }
            }
        }
        return replayed;
    }

    private void unload(Shard shard) {
        shard.state = State.CLOSED;
        shards.remove(shard.partition, shard);
        if (shard.timer != null) {
            shard.timer.cancelAll();
        }
        if (shard.coordinator != null) {
            shard.coordinator.onUnloaded();
        }
    }

    private void execute(int partition, Runnable task) {
        execute(partition, null, task);
    }

    private void execute(int partition, CompletableFuture<?> failOn, Runnable task) {
        try {
            threads[Math.floorMod(partition, threads.length)].execute(() -> {
                try {
                    task.run();
                } catch (CoordinatorException e) {
                    if (failOn != null) {
                        failOn.completeExceptionally(e);
                    }
                } catch (RuntimeException e) {
                    log.error("{}: operation on partition {} failed", name, partition, e);
                    if (failOn != null) {
                        failOn.completeExceptionally(new CoordinatorException(Errors.UNKNOWN_SERVER_ERROR, e.toString(), e));
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            if (failOn != null) {
                failOn.completeExceptionally(new CoordinatorException(Errors.NOT_COORDINATOR, name + " is shut down"));
            }
        }
    }

    /** Unloads every shard and stops the threads. */
    @Override
    public void close() {
        for (int partition : new ArrayList<>(shards.keySet())) {
            onResignation(partition);
        }
        for (ScheduledExecutorService thread : threads) {
            thread.shutdown();
        }
        for (ScheduledExecutorService thread : threads) {
            try {
                if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                    thread.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private final class Shard {
        final int partition;
        final int leaderEpoch;
        volatile State state = State.LOADING;
        S coordinator;
        ShardTimer timer;
        CompletableFuture<Void> lastWrite = CompletableFuture.completedFuture(null);

        Shard(int partition, int leaderEpoch) {
            this.partition = partition;
            this.leaderEpoch = leaderEpoch;
        }
    }

    /** Timers on the shard's own thread; only touched from that thread. */
    private final class ShardTimer implements CoordinatorTimer {
        private final Shard shard;
        private final Map<String, ScheduledFuture<?>> tasks = new HashMap<>();

        ShardTimer(Shard shard) {
            this.shard = shard;
        }

        @Override
        public void schedule(String key, long delayMs, Supplier<CoordinatorResult<Void>> operation) {
            cancel(key);
            ScheduledExecutorService thread = threads[Math.floorMod(shard.partition, threads.length)];
            ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
            self[0] = thread.schedule(() -> {
                if (tasks.get(key) != self[0] || shard.state != State.ACTIVE) {
                    return;
                }
                tasks.remove(key);
                try {
                    runWrite(shard, "timer " + key, s -> operation.get(), new CompletableFuture<>());
                } catch (RuntimeException e) {
                    log.error("{}: timer {} on partition {} failed", name, key, shard.partition, e);
                }
            }, Math.max(0, delayMs), TimeUnit.MILLISECONDS);
            tasks.put(key, self[0]);
        }

        @Override
        public void cancel(String key) {
            ScheduledFuture<?> task = tasks.remove(key);
            if (task != null) {
                task.cancel(false);
            }
        }

        @Override
        public boolean isScheduled(String key) {
            return tasks.containsKey(key);
        }

        void cancelAll() {
            tasks.values().forEach(t -> t.cancel(false));
            tasks.clear();
        }
    }
}
