package io.tributary.storage.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random sequences of appends (including equal and smaller timestamps), truncations, reopenings
 * and lookups agree with a {@link TreeMap} model of the time index.
 */
class TimeIndexPropertyTest {

    private static final long BASE_OFFSET = 1_000;
    private static final long T0 = 1_700_000_000_000L;
    private static final int CAPACITY = 16;

    sealed interface Op permits Append, TruncateTo, Reopen, Lookup {
    }

    /** maybeAppend(lastTimestamp + timestampGap, lastOffset + offsetGap); a negative gap must be refused. */
    record Append(int timestampGap, int offsetGap) implements Op {
    }

    record TruncateTo(int delta) implements Op {
    }

    record Reopen() implements Op {
    }

    record Lookup(long delta) implements Op {
    }

    @Property(tries = 300)
    void lookupsAgreeWithASortedMapModel(@ForAll("operations") List<Op> operations) throws IOException {
        Path dir = Files.createTempDirectory("time-index-property");
        try {
            new Run(dir).apply(operations);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> append = Combinators.combine(Arbitraries.integers().between(-1, 20), Arbitraries.integers().between(0, 3))
                .as(Append::new);
        Arbitrary<Op> truncate = Arbitraries.integers().between(-1, 60).map(TruncateTo::new);
        Arbitrary<Op> reopen = Arbitraries.just(new Reopen());
        Arbitrary<Op> lookup = Arbitraries.longs().between(-5, 400).map(Lookup::new);
        return Arbitraries.frequencyOf(Tuple.of(8, append), Tuple.of(1, truncate), Tuple.of(1, reopen), Tuple.of(3, lookup))
                .list().ofMaxSize(80);
    }

    private static final class Run {
        private final Path file;
        private final TreeMap<Long, Long> model = new TreeMap<>();
        private TimeIndex index;
        private long lastTimestamp = T0 - 1;
        private long lastOffset = BASE_OFFSET;

        Run(Path dir) throws IOException {
            this.file = TimeIndex.fileFor(dir, BASE_OFFSET);
            this.index = new TimeIndex(file, BASE_OFFSET, CAPACITY * TimeIndex.ENTRY_SIZE_BYTES);
        }

        void apply(List<Op> operations) throws IOException {
            try {
                for (Op op : operations) {
                    step(op);
                    checkAgainstModel();
                }
            } finally {
                index.close();
            }
        }

        private void step(Op op) throws IOException {
            if (op instanceof Append append) {
                append(append);
            } else if (op instanceof TruncateTo truncate) {
                long target = BASE_OFFSET + truncate.delta();
                index.truncateTo(target);
                model.values().removeIf(offset -> offset >= target);
                lastOffset = model.isEmpty() ? BASE_OFFSET : model.lastEntry().getValue();
                lastTimestamp = model.isEmpty() ? T0 - 1 : model.lastKey();
            } else if (op instanceof Reopen) {
                index.close();
                index = new TimeIndex(file, BASE_OFFSET, CAPACITY * TimeIndex.ENTRY_SIZE_BYTES);
                index.resize(CAPACITY * TimeIndex.ENTRY_SIZE_BYTES);
            } else if (op instanceof Lookup lookup) {
                assertLookup(T0 + lookup.delta());
            }
        }

        private void append(Append append) {
            long timestamp = lastTimestamp + append.timestampGap();
            long offset = lastOffset + append.offsetGap();
            if (model.size() >= CAPACITY - 1) {
                assertThrows(IllegalStateException.class, () -> index.maybeAppend(timestamp, offset));
            } else if (!model.isEmpty() && timestamp < lastTimestamp) {
                assertThrows(IllegalArgumentException.class, () -> index.maybeAppend(timestamp, offset));
            } else {
                index.maybeAppend(timestamp, offset);
                if (timestamp > lastTimestamp || model.isEmpty()) {
                    model.put(timestamp, offset);
                    lastTimestamp = timestamp;
                    lastOffset = offset;
                }
            }
        }

        private void checkAgainstModel() {
            assertEquals(model.size(), index.entries());
            for (long timestamp : model.keySet()) {
                assertLookup(timestamp);
                assertLookup(timestamp - 1);
            }
            index.sanityCheck();
        }

        private void assertLookup(long target) {
            Map.Entry<Long, Long> floor = model.floorEntry(target);
            TimestampOffset expected = floor == null ? new TimestampOffset(-1, BASE_OFFSET) : new TimestampOffset(floor.getKey(), floor.getValue());
            assertEquals(expected, index.lookup(target), () -> "lookup(" + target + ") with entries " + model);
        }
    }
}
