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
    void endToEndPercentilesAreRead() {
        String output = """
                Topic "e1" does not exist. Will create topic with 1 partition(s) and replication factor = 1
                0	695.427589
                1000	14.459337
                Avg latency: 12.8499 ms
                Percentiles: 50th = 6, 99th = 124, 99.9th = 565
                """;

        ToolOutput.LatencySummary summary = ToolOutput.endToEnd(output).orElseThrow();

        assertEquals(6, summary.p50Ms());
        assertEquals(124, summary.p99Ms());
        assertEquals(565, summary.p999Ms());
    }
}
