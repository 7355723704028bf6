package io.tributary.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A JMH secondary result that turns ops/s into records throughput: each operation adds the records
 * bytes it carried, and JMH divides by time like it does operations. The row is printed as
 * {@code <benchmark>:recordMiB} in JMH's throughput unit, so its "ops/s" read as <b>MiB/s of
 * records</b> (the 61-byte batch headers included, the request or response framing around them not).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class RecordsThroughput {

    static final double BYTES_PER_MIB = 1024.0 * 1024.0;

    /** Records MiB processed in the current iteration. Public: JMH reads public fields as counters. */
    public double recordMiB;

    /** Counts one operation that carried {@code mib} MiB of records. */
    void add(double mib) {
        recordMiB += mib;
    }

    @Setup(Level.Iteration)
    public void reset() {
        recordMiB = 0;
    }
}
