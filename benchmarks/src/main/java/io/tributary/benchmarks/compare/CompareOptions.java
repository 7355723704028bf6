package io.tributary.benchmarks.compare;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;

/**
 * The command line of {@code benchmarks/compare}.
 *
 * @param rounds      paired rounds; each runs every contestant once, in a rotated order
 * @param scale       multiplies every record count (0.05 for a quick smoke run)
 * @param contestants who takes part, in the order of round 1
 * @param outDir      where results, tool output and broker logs go
 */
public record CompareOptions(int rounds, double scale, List<Contestant> contestants, Path outDir) {

    public static final String USAGE = """
            usage: benchmarks/compare [--rounds N] [--scale F] [--only ID,ID...] [--out DIR]
              --rounds N   paired rounds, contestant order rotated each round (default 3)
              --scale F    multiply every record count by F, e.g. 0.05 for a smoke run (default 1)
              --only IDS   comma-separated subset of: kafka, tributary, tributary-pagecache (default all)
              --out DIR    output folder (default benchmarks/target/compare/<date-time>)
            """;

    /** Parses the arguments; throws IllegalArgumentException with a message naming the bad one. */
    public static CompareOptions parse(String[] args) {
        int rounds = 3;
        double scale = 1.0;
        List<Contestant> contestants = List.of(Contestant.values());
        Path out = Path.of("benchmarks", "target", "compare",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new IllegalArgumentException("");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + arg);
            }
            String value = args[++i];
            switch (arg) {
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--scale" -> scale = Double.parseDouble(value);
                case "--only" -> contestants = parseContestants(value);
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, was " + rounds);
        }
        if (!(scale > 0)) {
            throw new IllegalArgumentException("--scale must be positive, was " + scale);
        }
        return new CompareOptions(rounds, scale, contestants, out);
    }

    private static List<Contestant> parseContestants(String value) {
        EnumSet<Contestant> chosen = EnumSet.noneOf(Contestant.class);
        for (String id : value.split(",")) {
            chosen.add(Contestant.byId(id.trim()));
        }
        return new ArrayList<>(chosen);
    }

    /** {@code count} scaled, at least 1000 so every tool still has something to measure. */
    public int scaled(int count) {
        return (int) Math.max(1000, Math.round(count * scale));
    }

    /** The order of contestants in round {@code round} (0-based): rotated so that no one always goes first. */
    public List<Contestant> orderInRound(int round) {
        List<Contestant> order = new ArrayList<>(contestants);
        Collections.rotate(order, -(round % Math.max(1, order.size())));
        return order;
    }
}
