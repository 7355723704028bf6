package io.tributary.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The summary of all rounds: per figure, the median over rounds for each contestant and, for each
 * Tributary mode, the median of the per-round ratios Tributary/Kafka (paired, so that a slow round
 * on a busy machine weighs on both sides alike). Written as Markdown and CSV; every raw figure
 * goes to rounds.csv.
 */
public final class Report {
    private final List<RoundResult> results;
    private final List<String> header;

    /** @param header lines printed above the table (machine, commit, date, rounds, scale, ...) */
    public Report(List<RoundResult> results, List<String> header) {
        this.results = List.copyOf(results);
        this.header = List.copyOf(header);
    }

    public OptionalDouble median(Contestant contestant, Figure figure) {
        return median(results.stream()
                .filter(r -> r.contestant() == contestant && r.figures().containsKey(figure))
                .mapToDouble(r -> r.figures().get(figure)).toArray());
    }

    /** Median over rounds of {@code tributary / kafka} for the rounds where both have the figure. */
    public OptionalDouble pairedRatio(Contestant tributary, Figure figure) {
        List<Double> ratios = new ArrayList<>();
        for (RoundResult t : results) {
            if (t.contestant() != tributary || !t.figures().containsKey(figure)) {
                continue;
            }
            for (RoundResult k : results) {
                if (k.round() == t.round() && k.contestant() == Contestant.KAFKA && k.figures().containsKey(figure)
                        && k.figures().get(figure) != 0) {
                    ratios.add(t.figures().get(figure) / k.figures().get(figure));
                }
            }
        }
        return median(ratios.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("# Tributary side by side with Apache Kafka 4.3.1\n\n");
        for (String line : header) {
            md.append("- ").append(line).append('\n');
        }
        md.append("\n| figure | unit | better | Kafka | Tributary (fsync) | ratio | Tributary (page cache) | ratio |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|\n");
        for (Figure f : Figure.values()) {
            md.append("| ").append(f.label()).append(" | ").append(f.unit()).append(" | ").append(f.better())
                    .append(" | ").append(number(median(Contestant.KAFKA, f)))
                    .append(" | ").append(number(median(Contestant.TRIBUTARY, f)))
                    .append(" | ").append(ratio(pairedRatio(Contestant.TRIBUTARY, f)))
                    .append(" | ").append(number(median(Contestant.TRIBUTARY_PAGECACHE, f)))
                    .append(" | ").append(ratio(pairedRatio(Contestant.TRIBUTARY_PAGECACHE, f)))
                    .append(" |\n");
        }
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            md.append("\nProblems (their figures are blank and left out of the medians):\n\n");
            problems.forEach(p -> md.append("- ").append(p).append('\n'));
        }
        return md.toString();
    }

    public String summaryCsv() {
        StringBuilder csv = new StringBuilder(
                "figure,unit,better,kafka,tributary,tributary_ratio,tributary_pagecache,tributary_pagecache_ratio\n");
        for (Figure f : Figure.values()) {
            csv.append(quote(f.label())).append(',').append(f.unit()).append(',').append(f.better())
                    .append(',').append(raw(median(Contestant.KAFKA, f)))
                    .append(',').append(raw(median(Contestant.TRIBUTARY, f)))
                    .append(',').append(raw(pairedRatio(Contestant.TRIBUTARY, f)))
                    .append(',').append(raw(median(Contestant.TRIBUTARY_PAGECACHE, f)))
                    .append(',').append(raw(pairedRatio(Contestant.TRIBUTARY_PAGECACHE, f)))
                    .append('\n');
        }
        return csv.toString();
    }

    /** Every figure of every round: one line per round, contestant and figure; missing figures blank. */
    public String roundsCsv() {
        StringBuilder csv = new StringBuilder("round,position,contestant,figure,unit,value\n");
        for (RoundResult r : results) {
            for (Figure f : Figure.values()) {
                Double v = r.figures().get(f);
                csv.append(r.round()).append(',').append(r.position()).append(',').append(r.contestant().id())
                        .append(',').append(quote(f.label())).append(',').append(f.unit()).append(',')
                        .append(v == null ? "" : String.format(Locale.ROOT, "%.6g", v)).append('\n');
            }
        }
        return csv.toString();
    }

    public void write(Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Files.writeString(outDir.resolve("results.md"), markdown());
        Files.writeString(outDir.resolve("results.csv"), summaryCsv());
        Files.writeString(outDir.resolve("rounds.csv"), roundsCsv());
    }

    private List<String> problems() {
        List<String> all = new ArrayList<>();
        for (RoundResult r : results) {
            r.problems().forEach(p -> all.add("round " + r.round() + ", " + r.contestant().id() + ": " + p));
        }
        return all;
    }

    static OptionalDouble median(double[] values) {
        if (values.length == 0) {
            return OptionalDouble.empty();
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return OptionalDouble.of(sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
    }

    /** Three significant figures, enough to read and honest about the noise. */
    static String number(OptionalDouble value) {
        if (value.isEmpty()) {
            return "";
        }
        double v = value.getAsDouble();
        double abs = Math.abs(v);
        String pattern = abs >= 100 ? "%,.0f" : abs >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, v);
    }

    private static String ratio(OptionalDouble value) {
        return value.isEmpty() ? "" : String.format(Locale.ROOT, "%.2f", value.getAsDouble());
    }

    private static String raw(OptionalDouble value) {
        return value.isEmpty() ? "" : String.format(Locale.ROOT, "%.6g", value.getAsDouble());
    }

    private static String quote(String text) {
        return text.contains(",") ? '"' + text + '"' : text;
    }
}
