package io.tributary.benchmarks;

import io.tributary.records.MemoryRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a benchmark's records are spread over partitions, parsed from a JMH parameter such as
 * {@code "1x1MiB"} or {@code "16x64KiB"}: partition count, then the records size of each
 * partition with an optional {@code B}, {@code KiB} or {@code MiB} unit.
 *
 * @param partitions     number of partitions, each carrying its own records
 * @param partitionBytes records bytes per partition
 */
record PayloadLayout(int partitions, int partitionBytes) {

    private static final Pattern FORMAT = Pattern.compile("(\\d+)x(\\d+)(B|KiB|MiB)?");

    static PayloadLayout parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("layout '" + text + "' is not <partitions>x<size>[B|KiB|MiB], e.g. 16x64KiB");
        }
        int unit = switch (m.group(3) == null ? "B" : m.group(3)) {
            case "KiB" -> 1024;
            case "MiB" -> 1024 * 1024;
            default -> 1;
        };
        return new PayloadLayout(Integer.parseInt(m.group(1)), Math.multiplyExact(Integer.parseInt(m.group(2)), unit));
    }

    /** Records bytes over all partitions. */
    long totalBytes() {
        return (long) partitions * partitionBytes;
    }

    /** One distinct records payload per partition. */
    List<MemoryRecords> createRecords() {
        List<MemoryRecords> records = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            records.add(SyntheticRecordBatches.create(partitionBytes, p));
        }
        return records;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%dx%dB", partitions, partitionBytes);
    }
}
