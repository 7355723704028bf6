package io.tributary.coordinator.group.classic;

import io.tributary.coordinator.runtime.CoordinatorRecord;
import io.tributary.coordinator.runtime.CoordinatorResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What one classic-group operation writes, collected as its steps run: records, and actions to
 * take once they (and the shard's earlier writes) are committed — answering parked requests only
 * with state that is durable. An action receives null on success, the failure otherwise.
 */
final class PendingWrite {

    private final List<CoordinatorRecord> records = new ArrayList<>();
    private final List<Consumer<Throwable>> afterCommit = new ArrayList<>();

    void add(CoordinatorRecord record) {
        records.add(record);
    }

    void afterCommit(Consumer<Throwable> action) {
        afterCommit.add(action);
    }

    <T> CoordinatorResult<T> result(T response) {
        if (afterCommit.isEmpty()) {
            return CoordinatorResult.of(records, response);
        }
        CompletableFuture<Void> appendFuture = new CompletableFuture<>();
        List<Consumer<Throwable>> actions = List.copyOf(afterCommit);
        appendFuture.whenComplete((v, failure) -> actions.forEach(action -> action.accept(failure)));
        return new CoordinatorResult<>(records, response, appendFuture);
    }
}
