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
import net.jqwik.api.constraints.LongRange;

/**
 * Random sequences of appends, truncations, reopenings and lookups agree with a {@link TreeMap}
 * model of the offset index: lookup is the model's floor entry (or the base offset at 0).
 */
class OffsetIndexPropertyTest {

    private static final int CAPACITY = 24;

    sealed interface Op permits Append, TruncateTo, Reopen, Lookup {
    }

    record Append(int offsetGap, int positionGap) implements Op {
    }

    /** Truncate to {@code baseOffset + delta}. */
    record TruncateTo(int delta) implements Op {
    }

    /** Close and reopen; {@code resize} as the active segment's owner does, or keep the trimmed file. */
    record Reopen(boolean resize) implements Op {
    }

    /** Look up {@code baseOffset + delta}. */
    record Lookup(long delta) implements Op {
    }

    @Property(tries = 300)
    void lookupsAgreeWithASortedMapModel(@ForAll @LongRange(min = 0, max = 1L << 40) long baseOffset,
            @ForAll("operations") List<Op> operations) throws IOException {
        Path dir = Files.createTempDirectory("offset-index-property");
        try {
            new Run(dir, baseOffset).apply(operations);
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
        Arbitrary<Op> append = Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.integers().between(0, 500))
                .as(Append::new);
        Arbitrary<Op> truncate = Arbitraries.integers().between(-2, 120).map(TruncateTo::new);
        Arbitrary<Op> reopen = Arbitraries.of(true, false).map(Reopen::new);
        Arbitrary<Op> lookup = Arbitraries.longs().between(-3, 130).map(Lookup::new);
        return Arbitraries.frequencyOf(Tuple.of(8, append), Tuple.of(1, truncate), Tuple.of(1, reopen), Tuple.of(3, lookup))
                .list().ofMaxSize(80);
    }

    /** One run: the index under test, its model, and the capacity the model expects. */
    private static final class Run {
        private final Path file;
        private final long baseOffset;
        private final TreeMap<Long, Integer> model = new TreeMap<>();
        private OffsetIndex index;
        private int capacity = CAPACITY;

        Run(Path dir, long baseOffset) throws IOException {
            this.file = OffsetIndex.fileFor(dir, baseOffset);
            this.baseOffset = baseOffset;
            this.index = new OffsetIndex(file, baseOffset, CAPACITY * OffsetIndex.ENTRY_SIZE_BYTES);
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
                long target = baseOffset + truncate.delta();
                index.truncateTo(target);
                model.tailMap(target, true).clear();
            } else if (op instanceof Reopen reopen) {
                index.close();
                index = new OffsetIndex(file, baseOffset, CAPACITY * OffsetIndex.ENTRY_SIZE_BYTES);
                capacity = model.size();
                if (reopen.resize()) {
                    index.resize(CAPACITY * OffsetIndex.ENTRY_SIZE_BYTES);
                    capacity = CAPACITY;
                }
            } else if (op instanceof Lookup lookup) {
                assertLookup(baseOffset + lookup.delta());
            }
        }

        private void append(Append append) {
            long offset = model.isEmpty() ? baseOffset + append.offsetGap() - 1 : model.lastKey() + append.offsetGap();
            int position = model.isEmpty() ? append.positionGap() : model.lastEntry().getValue() + append.positionGap();
            if (model.size() >= capacity) {
                assertThrows(IllegalStateException.class, () -> index.append(offset, position));
            } else {
                index.append(offset, position);
                model.put(offset, position);
            }
        }

        private void checkAgainstModel() {
            assertEquals(model.size(), index.entries());
            assertEquals(model.isEmpty() ? baseOffset : model.lastKey(), index.lastOffset());
            for (long key : model.keySet()) {
                assertLookup(key);
                assertLookup(key - 1);
                assertLookup(key + 1);
            }
            index.sanityCheck();
        }

        private void assertLookup(long target) {
            Map.Entry<Long, Integer> floor = model.floorEntry(target);
            OffsetPosition expected = floor == null ? new OffsetPosition(baseOffset, 0) : new OffsetPosition(floor.getKey(), floor.getValue());
            assertEquals(expected, index.lookup(target), () -> "lookup(" + target + ") with entries " + model);
        }
    }
}
