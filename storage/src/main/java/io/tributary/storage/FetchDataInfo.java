package io.tributary.storage;

import io.tributary.records.MemoryRecords;
import io.tributary.records.Records;

/**
 * What a read returned: where it started and the records, as a file slice to send with zero copy.
 * The slice starts at the batch containing the requested offset, so its first batch may hold
 * records below it (clients skip them, as with Kafka), and its last batch may be cut short by the
 * byte limit (clients drop a partial trailing batch).
 */
public record FetchDataInfo(LogOffsetMetadata fetchOffsetMetadata, Records records) {

    public static FetchDataInfo empty(long offset) {
        return new FetchDataInfo(new LogOffsetMetadata(offset), MemoryRecords.EMPTY);
    }
}
