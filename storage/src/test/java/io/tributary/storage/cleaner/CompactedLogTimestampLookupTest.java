package io.tributary.storage.cleaner;

import static io.tributary.storage.cleaner.CompactedLogFixture.compacted;
import static io.tributary.storage.cleaner.CompactedLogFixture.records;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.storage.index.TimestampOffset;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ListOffsets by timestamp over a compacted log, whose offsets have gaps where superseded records
 * were: the answer is the first retained record at or after the timestamp, as Kafka gives it.
 */
class CompactedLogTimestampLookupTest {

    @TempDir
    Path dir;

    @Test
    void aTimestampOfARemovedRecordFindsTheNextRetainedOne() throws Exception {
        try (CompactedLogFixture f = new CompactedLogFixture(dir, compacted(100))) {
            long start = f.time.milliseconds();
            for (String[] update : List.of(new String[] {"a", "a0"}, new String[] {"b", "b0"}, new String[] {"a", "a1"},
                    new String[] {"c", "c0"})) {
                f.time.advance(1, TimeUnit.SECONDS);
                f.append(update);
            }
            f.rollAndCommit();

            assertTrue(f.cleanOnce(), "the log was cleaned");
            assertEquals(List.of("1:b=b0", "2:a=a1", "3:c=c0"), records(f.log));

            TimestampOffset first = f.log.fetchOffsetByTimestamp(start + 1000);
            assertEquals(new TimestampOffset(start + 2000, 1), first, "a0 at offset 0 is gone: b0 at offset 1 is next");
            assertEquals(new TimestampOffset(start + 3000, 2), f.log.fetchOffsetByTimestamp(start + 2500));
            assertEquals(new TimestampOffset(start + 4000, 3), f.log.fetchOffsetByTimestamp(start + 4000));
            assertNull(f.log.fetchOffsetByTimestamp(start + 4001), "no record is that new");
            assertEquals(0, f.log.logStartOffset(), "compaction does not move the log start offset");
        }
    }
}
