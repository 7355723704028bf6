package io.tributary.coordinator.runtime;

import io.tributary.records.MemoryRecords;
import io.tributary.records.RecordBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The runtime's neighbour in unit tests: partitions as lists of batches in memory. Appends either
 * commit at once or wait until the test commits or fails them.
 */
final class InMemoryCoordinatorLog implements CoordinatorLog {

    private final Map<Integer, List<RecordBatch>> partitions = new ConcurrentHashMap<>();
    final LinkedBlockingQueue<PendingAppend> pending = new LinkedBlockingQueue<>();
    volatile boolean holdAppends;

    record PendingAppend(int partition, RecordBatch batch, CompletableFuture<Void> future) {
    }

    @Override
    public synchronized CompletableFuture<Void> append(int partition, int leaderEpoch, MemoryRecords records) {
        List<RecordBatch> log = partitions.computeIfAbsent(partition, p -> new ArrayList<>());
        long next = log.isEmpty() ? 0 : log.get(log.size() - 1).nextOffset();
        ByteBuffer copy = ByteBuffer.allocate(records.sizeInBytes());
        records.copyTo(copy);
        copy.flip();
        RecordBatch batch = RecordBatch.wrap(copy);
        batch.setBaseOffset(next);
        log.add(batch);
        CompletableFuture<Void> future = new CompletableFuture<>();
        if (holdAppends) {
            pending.add(new PendingAppend(partition, batch, future));
        } else {
            future.complete(null);
        }
        return future;
    }

    /** Fails the oldest held append and removes its batch from the log, as a lost write. */
    void failOldest(RuntimeException failure) throws InterruptedException {
        PendingAppend append = pending.take();
        synchronized (this) {
            partitions.get(append.partition()).remove(append.batch());
        }
        append.future().completeExceptionally(failure);
    }

    void commitOldest() throws InterruptedException {
        pending.take().future().complete(null);
    }

    @Override
    public synchronized MemoryRecords read(int partition, long offset, int maxBytes) {
        List<RecordBatch> log = partitions.getOrDefault(partition, List.of());
        List<RecordBatch> selected = log.stream().filter(b -> b.lastOffset() >= offset).toList();
        int size = selected.stream().mapToInt(RecordBatch::sizeInBytes).sum();
        ByteBuffer buffer = ByteBuffer.allocate(size);
        selected.forEach(b -> buffer.put(b.buffer().duplicate()));
        buffer.flip();
        return MemoryRecords.readableRecords(buffer);
    }

    @Override
    public long logStartOffset(int partition) {
        return 0;
    }
}
