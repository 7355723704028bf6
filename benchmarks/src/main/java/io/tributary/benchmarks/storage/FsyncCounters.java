package io.tributary.benchmarks.storage;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Group-commit counts of {@link LogAppendBenchmark}, as JMH "events": plain counts, not divided by
 * time, summed over threads and over the measurement iterations (JMH prints them with the unit
 * {@code #} and no error). <b>Appends per fsync</b> is {@code appends / fsyncs}: how many
 * appends one {@code fsync} made durable on average.
 *
 * <p>{@code fsyncs} is the change in {@link io.tributary.storage.PartitionLog#fsyncCount()}: the
 * flusher's group commits. In {@code pagecache} mode only segment rolls ask for those, so it stays
 * near zero; an fsync a roll does itself on the appending thread is not counted.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class FsyncCounters {

    /** Appends in the current iteration. */
    public long appends;
    /** Fsyncs of the log in the current iteration. */
    public long fsyncs;

    @Setup(Level.Iteration)
    public void reset() {
        appends = 0;
        fsyncs = 0;
    }
}
