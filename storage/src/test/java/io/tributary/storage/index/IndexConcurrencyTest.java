package io.tributary.storage.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers look up while the single writer appends, truncates, trims and regrows the index. Every
 * entry is written with {@code position = positionOf(offset)}, so a torn read (an offset from one
 * append and a position from another) or a read of an unmapped buffer would be caught here.
 */
class IndexConcurrencyTest {

    private static final int READERS = 3;
    private static final int WRITER_STEPS = 30_000;
    private static final int MAX_SIZE_BYTES = 8 * 2048;

    @TempDir
    Path dir;

    @Test
    void concurrentLookupsOnlySeeWholeEntriesWhileTheWriterAppendsTruncatesAndResizes() throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        try (OffsetIndex index = new OffsetIndex(OffsetIndex.fileFor(dir, 0), 0, MAX_SIZE_BYTES)) {
            AtomicBoolean writerDone = new AtomicBoolean();
            CountDownLatch readersStarted = new CountDownLatch(READERS);
            List<Future<Integer>> lookups = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                long seed = r;
                lookups.add(readers.submit(() -> lookUpUntil(index, writerDone, readersStarted, seed)));
            }
            readersStarted.await();
            write(index, new Random(7));
            writerDone.set(true);
            for (Future<Integer> reader : lookups) {
                assertTrue(reader.get() > 0, "each reader looked up at least once");
            }
        } finally {
            readers.shutdownNow();
            assertTrue(readers.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    private static void write(OffsetIndex index, Random random) throws IOException {
        long next = 1;
        for (int step = 0; step < WRITER_STEPS; step++) {
            int choice = random.nextInt(100);
            if (index.isFull() || choice < 2) {
                long to = random.nextInt((int) next + 1);
                index.truncateTo(to);
                next = index.entries() == 0 ? 1 + random.nextInt(3) : index.lastOffset() + 1 + random.nextInt(3);
            } else if (choice < 4) {
                index.trimToValidSize();
                index.resize(MAX_SIZE_BYTES);
            } else {
                index.append(next, positionOf(next));
                next += 1 + random.nextInt(3);
            }
        }
    }

    private static int lookUpUntil(OffsetIndex index, AtomicBoolean writerDone, CountDownLatch started, long seed) {
        Random random = new Random(seed);
        started.countDown();
        int count = 0;
        while (!writerDone.get() || count == 0) {
            long target = random.nextInt(100_000);
            OffsetPosition found = index.lookup(target);
            if (found.offset() != 0 || found.position() != 0) {
                assertTrue(found.offset() <= target, () -> "lookup(" + target + ") returned " + found);
                assertEquals(positionOf(found.offset()), found.position(), () -> "torn entry " + found);
            }
            count++;
        }
        return count;
    }

    private static int positionOf(long offset) {
        return (int) (offset * 31 % Integer.MAX_VALUE);
    }
}
