package io.tributary.benchmarks.compare;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where things are, as the {@code benchmarks/compare} script passes them in system properties.
 *
 * @param kafkaLib            folder of Apache Kafka 4.3.1's jars (broker, tools, clients, log4j)
 * @param kafkaLog4j          log4j2 configuration for Kafka's broker and tools (WARN to stderr)
 * @param tributaryJar        the runnable {@code tributary.jar}
 * @param commit              the commit being measured, as {@code git rev-parse --short HEAD}
 * @param clockTicksPerSecond {@code getconf CLK_TCK}, the unit of CPU times in /proc
 */
public record CompareContext(Path kafkaLib, Path kafkaLog4j, Path tributaryJar, String commit,
                             long clockTicksPerSecond) {

    public static CompareContext fromSystemProperties() {
        CompareContext context = new CompareContext(
                Path.of(required("compare.kafkaLib")),
                Path.of(required("compare.kafkaLog4j")),
                Path.of(required("compare.tributaryJar")),
                System.getProperty("compare.commit", "unknown"),
                Long.parseLong(System.getProperty("compare.clockTicks", "100")));
        for (Path path : new Path[] {context.kafkaLib, context.kafkaLog4j, context.tributaryJar}) {
            if (!Files.exists(path)) {
                throw new IllegalStateException(path + ": not found (run through benchmarks/compare)");
            }
        }
        return context;
    }

    /** The class path of Kafka's jars, for a child JVM. */
    public String kafkaClassPath() {
        return kafkaLib.toAbsolutePath() + "/*";
    }

    private static String required(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + key + " not set (run through benchmarks/compare)");
        }
        return value;
    }
}
