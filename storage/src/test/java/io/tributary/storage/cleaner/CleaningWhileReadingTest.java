package io.tributary.storage.cleaner;

import static io.tributary.storage.cleaner.CompactedLogFixture.compacted;
import static io.tributary.storage.cleaner.CompactedLogFixture.latest;
import static io.tributary.storage.cleaner.CompactedLogFixture.records;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads take no lock, so a reader may run through a log while the cleaner swaps segments under it:
 * every full read must still see offsets in order and the latest value of every key (the old
 * segments stay readable until {@code file.delete.delay.ms}; the cleaned one enters the segment map
 * before the ones it replaces leave).
 */
class CleaningWhileReadingTest {

    @TempDir
    Path dir;

    @Test
    void aReaderNeverSeesAHalfSwappedLog() throws Exception {
        try (CompactedLogFixture f = new CompactedLogFixture(dir, compacted(1500))) {
            f.appendUpdates(3000, 40);
            f.rollAndCommit();
            Map<String, String> expected = latest(f.log);
            AtomicBoolean cleaning = new AtomicBoolean(true);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicInteger readsDuringCleaning = new AtomicInteger();
            Thread reader = new Thread(() -> {
                try {
                    while (cleaning.get()) {
                        List<String> seen = records(f.log);
                        long previous = -1;
                        for (String record : seen) {
                            long offset = Long.parseLong(record.substring(0, record.indexOf(':')));
                            assertTrue(offset > previous, "offset " + offset + " after " + previous);
                            previous = offset;
                        }
                        assertEquals(expected, latest(f.log));
                        readsDuringCleaning.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "reader");
            reader.start();
            while (readsDuringCleaning.get() == 0 && reader.isAlive()) {
                Thread.onSpinWait(); // the reader is under way before the first swap
            }
            assertTrue(f.cleanOnce());
            cleaning.set(false);
            reader.join();

            assertNull(failure.get(), () -> "reader failed: " + failure.get());
            assertEquals(40, records(f.log).size());
            assertTrue(f.log.segments().size() > 3, "several groups, so several swaps: " + f.log.segments().size());
        }
    }
}
