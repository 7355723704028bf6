package io.tributary.benchmarks.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The parsers read the summaries of Kafka 4.3.1's tools, as captured from real runs of benchmarks/compare. */
class ToolOutputTest {

    @Test
    void producerSummaryIsTheLastLineWithPercentilesNotAProgressLine() {
        String output = """
                Option --producer-props has been deprecated and will be removed in a future version. Use --command-property instead.
                10096 records sent, 2019.2 records/sec (0.19 MB/sec), 486.1 ms avg latency, 3746.0 ms max latency.
                250000 records sent, 28895.053167 records/sec (2.76 MB/sec), 3301.11 ms avg latency, 3825.00 ms max latency, 3529 ms 50th, 3773 ms 95th, 3811 ms 99th, 3822 ms 99.9th.
                """;

        ToolOutput.ProducerSummary summary = ToolOutput.producer(output).orElseThrow();

        assertEquals(250_000, summary.records());
        assertEquals(28895.053167, summary.recordsPerSec(), 1e-9);
        assertEquals(2.76, summary.mbPerSec(), 1e-9);
        assertEquals(3529, summary.p50Ms());
        assertEquals(3811, summary.p99Ms());
        assertEquals(3822, summary.p999Ms());
    }

    @Test
    void withWarmUpRecordsTheSteadyStateLineIsReadApartFromTheCompleteTest() {
        String output = """
                Warmup first 20000 records. Steady state results will print after the complete test summary.
                60000 records sent, 11804.052725 records/sec (11.53 MB/sec), 1661.00 ms avg latency, 2474.00 ms max latency, 1677 ms 50th, 2432 ms 95th, 2469 ms 99th, 2473 ms 99.9th.
                40000 steady state records sent, 10989.010989 records/sec (10.73 MB/sec), 1824.27 ms avg latency, 2474.00 ms max latency, 1877 ms 50th, 2460 ms 95th, 2470 ms 99th, 2473 ms 99.9th.
                """;

        ToolOutput.ProducerSummary complete = ToolOutput.producer(output).orElseThrow();
        ToolOutput.ProducerSummary steady = ToolOutput.producerSteadyState(output).orElseThrow();

        assertEquals(60_000, complete.records());
        assertEquals(1677, complete.p50Ms());
        assertEquals(40_000, steady.records());
        assertEquals(10989.010989, steady.recordsPerSec(), 1e-9);
        assertEquals(1877, steady.p50Ms());
        assertEquals(2470, steady.p99Ms());
        assertEquals(2473, steady.p999Ms());
    }

    @Test
    void withoutWarmUpRecordsThereIsNoSteadyState() {
        String output = "400000 records sent, 19984.012790 records/sec (19.52 MB/sec), 41.15 ms avg latency, "
                + "655.00 ms max latency, 1 ms 50th, 400 ms 95th, 635 ms 99th, 649 ms 99.9th.\n";

        assertEquals(635, ToolOutput.producer(output).orElseThrow().p99Ms());
        assertTrue(ToolOutput.producerSteadyState(output).isEmpty());
    }

    @Test
    void producerOutputWithoutSummaryParsesToNothing() {
        String output = "10096 records sent, 2019.2 records/sec (0.19 MB/sec), 486.1 ms avg latency, 3746.0 ms max latency.\n"
                + "org.apache.kafka.common.errors.TimeoutException: Topic t not present in metadata after 60000 ms.\n";

        assertTrue(ToolOutput.producer(output).isEmpty());
    }

    @Test
    void consumerSummaryTakesTheOverallColumnsByName() {
        String output = """
                start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
                2026-11-21 23:00:35:193, 2026-11-21 23:00:36:873, 48.8281, 29.0644, 50000, 29761.9048, 975, 705, 69.2598, 70921.9858
                """;

        ToolOutput.ConsumerSummary summary = ToolOutput.consumer(output).orElseThrow();

        assertEquals(50_000, summary.records());
        assertEquals(29761.9048, summary.recordsPerSec(), 1e-9);
        assertEquals(29.0644, summary.mbPerSec(), 1e-9);
    }

    @Test
    void consumerHeaderWithoutValuesParsesToNothing() {
        String output = "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec\n"
                + "WARNING: Exiting before consuming the expected number of records: timeout (10000 ms) exceeded.\n";

        assertTrue(ToolOutput.consumer(output).isEmpty());
    }

    @Test
    void endToEndMeanAndPercentilesAreRead() {
        String output = """
                Topic "e1" does not exist. Will create topic with 1 partition(s) and replication factor = 1
                0	695.427589
                1000	14.459337
                Avg latency: 12.8499 ms
                Percentiles: 50th = 6, 99th = 124, 99.9th = 565
                """;

        ToolOutput.LatencySummary summary = ToolOutput.endToEnd(output).orElseThrow();

        assertEquals(12.8499, summary.meanMs(), 1e-9);
        assertEquals(6, summary.p50Ms());
        assertEquals(124, summary.p99Ms());
        assertEquals(565, summary.p999Ms());
    }
}
