package io.tributary.storage;

import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * Who is waiting for which offset to become durable, for one partition log (DESIGN D5): an
 * {@code acks=all} produce waits until every byte up to its last offset is fsynced. The flusher
 * fsyncs once for everything appended meanwhile and then releases every waiter that fsync covered
 * (group commit).
 *
 * <p>Thread-safe: appenders register waiters, the flusher advances the durable offset, truncation
 * fails waiters; all under this object's monitor, and futures are completed inside it, so a waiter
 * is always either queued or complete (a truncation racing a flush can never find one in between).
 * Completion callbacks must therefore be short and must not wait on this tracker.
 */
final class DurabilityTracker {

    private record Waiter(long offset, CompletableFuture<Void> future) {
    }

    private final PriorityQueue<Waiter> waiters = new PriorityQueue<>((a, b) -> Long.compare(a.offset, b.offset));
    /** Every offset below this is durable. */
    private long durableEndOffset;
    private Throwable failure;

    DurabilityTracker(long durableEndOffset) {
        this.durableEndOffset = durableEndOffset;
    }

    /** A future completed once {@code offset} is durable, at once if it already is. */
    synchronized CompletableFuture<Void> await(long offset) {
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        if (offset < durableEndOffset) {
            return CompletableFuture.completedFuture(null);
        }
        Waiter waiter = new Waiter(offset, new CompletableFuture<>());
        waiters.add(waiter);
        return waiter.future;
    }

    synchronized long durableEndOffset() {
        return durableEndOffset;
    }

    synchronized boolean hasWaiters() {
        return !waiters.isEmpty();
    }

    /** Records that every offset below {@code endOffset} is durable and releases the waiters it covers. */
    synchronized void advance(long endOffset) {
        if (endOffset > durableEndOffset) {
            durableEndOffset = endOffset;
        }
        while (!waiters.isEmpty() && waiters.peek().offset < durableEndOffset) {
            waiters.poll().future.complete(null);
        }
    }

    /**
     * After a truncation: offsets at and above {@code endOffset} are gone, so the durable end moves
     * back and waiters for them fail (their appends no longer exist).
     */
    synchronized void truncateTo(long endOffset, Throwable reason) {
        durableEndOffset = Math.min(durableEndOffset, endOffset);
        waiters.removeIf(w -> {
            if (w.offset >= endOffset) {
                w.future.completeExceptionally(reason);
                return true;
            }
            return false;
        });
    }

    /** Fails every waiter, now and later: the log can no longer make anything durable. */
    synchronized void fail(Throwable reason) {
        failure = reason;
        waiters.forEach(w -> w.future.completeExceptionally(reason));
        waiters.clear();
    }
}
