package io.tributary.benchmarks.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code benchmarks/compare}: Tributary and Apache Kafka 4.3.1 side by side, in paired rounds of
 * Kafka's own performance tools, summarised as a table of medians and Tributary/Kafka ratios.
 * See "Side by side with Apache Kafka" in benchmarks/README.md.
 */
public final class Compare {
    private Compare() {
    }

    public static void main(String[] args) throws Exception {
        CompareOptions options;
        try {
            options = CompareOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("compare: " + e.getMessage());
            }
            System.err.print(CompareOptions.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        CompareContext context = CompareContext.fromSystemProperties();
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::destroyAll, "compare-cleanup"));
        Path out = options.outDir();
        Files.createDirectories(out);
        String started = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        long startNs = System.nanoTime();

        List<RoundResult> results = new ArrayList<>();
        for (int round = 1; round <= options.rounds(); round++) {
            List<Contestant> order = options.orderInRound(round - 1);
            for (int position = 1; position <= order.size(); position++) {
                Contestant contestant = order.get(position - 1);
                System.err.printf("compare: round %d/%d, %s (%s)%n", round, options.rounds(), contestant.id(),
                        elapsed(startNs));
                Path dir = out.resolve("round-" + round).resolve(contestant.id());
                ContestantRound.Outcome outcome = new ContestantRound(options, context, dir).run(contestant);
                outcome.problems().forEach(p -> System.err.println("compare:   problem: " + p));
                results.add(new RoundResult(round, position, contestant, outcome.figures(), outcome.problems()));
                new Report(results, List.of()).write(out.resolve("partial"));
            }
        }

        Report report = new Report(results, header(options, context, started, elapsed(startNs)));
        report.write(out);
        System.out.println(report.markdown());
        System.out.println("Written to " + out.toAbsolutePath() + " (results.md, results.csv, rounds.csv, "
                + "round-*/<contestant>/ with each tool's output and the broker log).");
    }

    private static List<String> header(CompareOptions options, CompareContext context, String started, String took) {
        List<String> lines = new ArrayList<>();
        lines.add("machine: " + MachineInfo.describe());
        lines.add("commit: " + context.commit() + "; started " + started + "; took " + took);
        lines.add("rounds: " + options.rounds() + " (contestant order rotated each round), scale: " + options.scale()
                + " (record counts multiplied by it)");
        lines.add("both brokers: single node on loopback, JVM flags " + String.join(" ", BrokerProcess.JVM_FLAGS));
        for (Contestant c : Contestant.values()) {
            if (options.contestants().contains(c)) {
                lines.add("`" + c.id() + "`: " + c.description());
            }
        }
        lines.add("Kafka column: median over rounds; Tributary columns: median over rounds, and ratio = median of "
                + "the per-round ratios Tributary/Kafka (above 1 is better where higher is better, and worse where "
                + "lower is better)");
        lines.add("MB = 2^20 bytes as Kafka's tools print it; CPU s/GB = broker CPU seconds (user + system, with its "
                + "children) per 10^9 bytes of record values");
        return lines;
    }

    private static String elapsed(long startNs) {
        Duration d = Duration.ofNanos(System.nanoTime() - startNs);
        return String.format("%d min %02d s", d.toMinutes(), d.toSecondsPart());
    }
}
