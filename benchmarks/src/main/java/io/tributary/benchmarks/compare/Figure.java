package io.tributary.benchmarks.compare;

/**
 * One row of the comparison table: what was measured, its unit, and which way is better.
 * The order of the constants is the order of the rows.
 */
public enum Figure {
    PRODUCE_100B_ACKS1_RECORDS("produce 100 B, acks=1", "records/s", true),
    PRODUCE_100B_ACKS1_MB("produce 100 B, acks=1", "MB/s", true),
    PRODUCE_100B_ACKS1_CPU("produce 100 B, acks=1: broker CPU", "CPU s/GB", false),
    PRODUCE_1K_ACKSALL_RECORDS("produce 1 KiB, acks=all", "records/s", true),
    PRODUCE_1K_ACKSALL_MB("produce 1 KiB, acks=all", "MB/s", true),
    PRODUCE_1K_ACKSALL_CPU("produce 1 KiB, acks=all: broker CPU", "CPU s/GB", false),
    CONSUME_RECORDS("consume 1 KiB records", "records/s", true),
    CONSUME_MB("consume 1 KiB records", "MB/s", true),
    CONSUME_CPU("consume 1 KiB records: broker CPU", "CPU s/GB", false),
    FIXED_RATE_ACHIEVED("20,000 msg/s 1 KiB acks=all: achieved", "records/s", true),
    FIXED_RATE_P50("20,000 msg/s 1 KiB acks=all: produce latency p50", "ms", false),
    FIXED_RATE_P99("20,000 msg/s 1 KiB acks=all: produce latency p99", "ms", false),
    FIXED_RATE_P999("20,000 msg/s 1 KiB acks=all: produce latency p99.9", "ms", false),
    /** The same run without its first quarter, which holds the producer's and broker's warm-up. */
    FIXED_RATE_STEADY_P50("20,000 msg/s 1 KiB acks=all: steady-state p50", "ms", false),
    FIXED_RATE_STEADY_P99("20,000 msg/s 1 KiB acks=all: steady-state p99", "ms", false),
    FIXED_RATE_STEADY_P999("20,000 msg/s 1 KiB acks=all: steady-state p99.9", "ms", false),
    /** The only end-to-end figure finer than a whole millisecond: the tool truncates its percentiles. */
    END_TO_END_MEAN("end-to-end 1 KiB acks=all: latency mean", "ms", false),
    END_TO_END_P50("end-to-end 1 KiB acks=all: latency p50", "ms", false),
    END_TO_END_P99("end-to-end 1 KiB acks=all: latency p99", "ms", false),
    END_TO_END_P999("end-to-end 1 KiB acks=all: latency p99.9", "ms", false),
    IDLE_RSS("resident memory, idle after start-up", "MiB", false),
    PEAK_RSS("resident memory, peak", "MiB", false),
    START_TO_FIRST_PRODUCE("start to first successful produce", "ms", false);

    private final String label;
    private final String unit;
    private final boolean higherIsBetter;

    Figure(String label, String unit, boolean higherIsBetter) {
        this.label = label;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    public String better() {
        return higherIsBetter ? "higher" : "lower";
    }
}
