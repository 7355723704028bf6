package io.tributary.coordinator.runtime;

import java.util.List;

/**
 * What a coordinator operation produced: the records to write (already valid against the shard's
 * state; the runtime replays them into the shard and appends them to the log) and the response,
 * delivered once the records are committed.
 */
public record CoordinatorResult<T>(List<CoordinatorRecord> records, T response) {

    public CoordinatorResult {
        records = List.copyOf(records);
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
