package io.tributary.broker.api;

import io.tributary.controller.MetadataLog;
import io.tributary.metadata.ApiMessageAndVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A metadata log in memory: every append is committed at once. For tests that need a controller but no disk. */
final class InMemoryMetadataLog implements MetadataLog {

    private final List<Committed> batches = new ArrayList<>();
    private long nextOffset;

    @Override
    public synchronized void replay(Consumer<Committed> consumer) {
        batches.forEach(consumer);
    }

    @Override
    public synchronized long append(List<ApiMessageAndVersion> records) {
        nextOffset += records.size();
        batches.add(new Committed(List.copyOf(records), nextOffset - 1));
        return nextOffset - 1;
    }
}
