package io.tributary.coordinator.runtime;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a coordinator operation produced: the records to write (already valid against the shard's
 * state; the runtime replays them into the shard and appends them to the log) and the response,
 * delivered once the records are committed.
 *
 * <p>{@code appendFuture}, when present, is completed by the runtime on the shard's own thread
 * once the records are committed (or, without records, once the shard's pending writes are): an
 * operation uses it to answer requests it parked earlier only after the state they observe is
 * durable. It fails with NOT_COORDINATOR when the write fails; the shard is then reloaded.
 */
public record CoordinatorResult<T>(List<CoordinatorRecord> records, T response, CompletableFuture<Void> appendFuture) {

    public CoordinatorResult {
        records = List.copyOf(records);
    }

    public CoordinatorResult(List<CoordinatorRecord> records, T response) {
        this(records, response, null);
    }

    public static <T> CoordinatorResult<T> of(List<CoordinatorRecord> records, T response) {
        return new CoordinatorResult<>(records, response);
    }

    public static <T> CoordinatorResult<T> response(T response) {
        return new CoordinatorResult<>(List.of(), response);
    }

    public static CoordinatorResult<Void> records(List<CoordinatorRecord> records) {
        return new CoordinatorResult<>(records, null);
    }

    public static CoordinatorResult<Void> empty() {
        return new CoordinatorResult<>(List.of(), null);
    }
}
