package io.tributary.benchmarks.storage;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The {@code recordMiB} secondary result of the storage benchmarks: MiB of record batches appended
 * or fetched per second. JMH divides the counter by time as it does operations, so the row
 * {@code <benchmark>:recordMiB} is printed with the unit "ops/s": read it as <b>MiB/s</b> of batch
 * bytes (headers included) as they are in the log. The same row as the codec benchmarks'
 * {@code io.tributary.benchmarks.RecordsThroughput}, whose counter is package-private.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class LogThroughput {

    static final double BYTES_PER_MIB = 1024.0 * 1024.0;

    /** MiB of batches in the current iteration. Public: JMH reads public fields as counters. */
    public double recordMiB;

    void addBytes(long bytes) {
        recordMiB += bytes / BYTES_PER_MIB;
    }

    @Setup(Level.Iteration)
    public void reset() {
        recordMiB = 0;
    }
}
