package io.tributary.benchmarks.compare;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the summaries printed by Kafka's ProducerPerformance, ConsumerPerformance and EndToEndLatency. */
public final class ToolOutput {
    private ToolOutput() {
    }

    /** ProducerPerformance's final line; latencies in ms, MB = 2^20 bytes as the tool prints it. */
    public record ProducerSummary(long records, double recordsPerSec, double mbPerSec,
                                  double p50Ms, double p99Ms, double p999Ms) {
    }

    /** ConsumerPerformance's overall columns ({@code data.consumed.in.nMsg}, {@code nMsg.sec}, {@code MB.sec}). */
    public record ConsumerSummary(long records, double recordsPerSec, double mbPerSec) {
    }

    /**
     * EndToEndLatency's mean (to 0.1 µs) and percentiles (whole milliseconds, truncated: 0 means
     * under 1 ms), as the tool prints them.
     */
    public record LatencySummary(double meanMs, double p50Ms, double p99Ms, double p999Ms) {
    }

    // "400000 records sent, 19994.0 records/sec (19.53 MB/sec), 3.10 ms avg latency, 120.00 ms max latency,
    //  2 ms 50th, 5 ms 95th, 30 ms 99th, 95 ms 99.9th."  (progress lines lack the percentiles); with
    // --warmup-records a second such line follows, "300000 steady state records sent, ...".
    private static final Pattern PRODUCER = Pattern.compile(
            "(\\d+) (steady state )?records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), [\\d.]+ ms avg latency, "
                    + "[\\d.]+ ms max latency, (\\d+) ms 50th, \\d+ ms 95th, (\\d+) ms 99th, (\\d+) ms 99\\.9th");

    // "Avg latency: 12.8499 ms" then "Percentiles: 50th = 6, 99th = 124, 99.9th = 565"
    private static final Pattern END_TO_END = Pattern.compile(
            "Avg latency: ([\\d.]+) ms\\R+Percentiles: 50th = (\\d+), 99th = (\\d+), 99\\.9th = (\\d+)");

    /** The summary of the complete test, warm-up records included. */
    public static Optional<ProducerSummary> producer(String output) {
        return producer(output, false);
    }

    /** The summary of the records after {@code --warmup-records}, if the tool was given that option. */
    public static Optional<ProducerSummary> producerSteadyState(String output) {
        return producer(output, true);
    }

    private static Optional<ProducerSummary> producer(String output, boolean steadyState) {
        ProducerSummary last = null;
        Matcher m = PRODUCER.matcher(output);
        while (m.find()) {
            if ((m.group(2) != null) == steadyState) {
                last = new ProducerSummary(Long.parseLong(m.group(1)), Double.parseDouble(m.group(3)),
                        Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)),
                        Double.parseDouble(m.group(6)), Double.parseDouble(m.group(7)));
            }
        }
        return Optional.ofNullable(last);
    }

    /**
     * The line after ConsumerPerformance's header ({@code start.time, end.time, data.consumed.in.MB,
     * MB.sec, data.consumed.in.nMsg, nMsg.sec, ...}), columns found by name.
     */
    public static Optional<ConsumerSummary> consumer(String output) {
        String[] lines = output.split("\\R");
        for (int i = 0; i + 1 < lines.length; i++) {
            if (!lines[i].startsWith("start.time")) {
                continue;
            }
            List<String> header = columns(lines[i]);
            List<String> values = columns(lines[i + 1]);
            int mbSec = header.indexOf("MB.sec");
            int nMsg = header.indexOf("data.consumed.in.nMsg");
            int nMsgSec = header.indexOf("nMsg.sec");
            if (mbSec < 0 || nMsg < 0 || nMsgSec < 0 || values.size() != header.size()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new ConsumerSummary(Long.parseLong(values.get(nMsg)),
                        Double.parseDouble(values.get(nMsgSec)), Double.parseDouble(values.get(mbSec))));
            } catch (NumberFormatException notASummary) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    public static Optional<LatencySummary> endToEnd(String output) {
        Matcher m = END_TO_END.matcher(output);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new LatencySummary(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4))));
    }

    private static List<String> columns(String line) {
        return Arrays.stream(line.split(",")).map(String::trim).toList();
    }
}
