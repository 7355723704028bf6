package io.tributary.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of Apache Kafka's command-line tools ({@code org.apache.kafka.tools.*}) in a child JVM
 * on Kafka's own jars, with a time limit, keeping its combined output in a file.
 */
public final class KafkaTools {
    /** The heap Kafka's kafka-run-class gives tools is 256 MiB; a little more for 5 M-record runs. */
    private static final String TOOL_HEAP = "-Xmx512m";

    private final CompareContext context;
    private final Duration timeout;

    public KafkaTools(CompareContext context, Duration timeout) {
        this.context = context;
        this.timeout = timeout;
    }

    /**
     * How a tool run ended.
     *
     * @param exitCode the exit code, or -1 if it was killed at the time limit
     * @param output   stdout and stderr, interleaved
     */
    public record ToolRun(String tool, int exitCode, boolean timedOut, String output) {
        public boolean succeeded() {
            return exitCode == 0 && !timedOut;
        }

        public String describeFailure() {
            return tool + (timedOut ? " timed out" : " exited with " + exitCode);
        }
    }

    public ToolRun run(String toolClass, Path outputFile, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("java", TOOL_HEAP,
                "-Dlog4j2.configurationFile=" + context.kafkaLog4j().toAbsolutePath(),
                "-cp", context.kafkaClassPath(), toolClass));
        command.addAll(List.of(args));
        String tool = toolClass.substring(toolClass.lastIndexOf('.') + 1);
        Files.createDirectories(outputFile.getParent());
        Files.writeString(outputFile, "");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(outputFile.toFile())
                .start();
        ChildProcesses.register(process);
        try {
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            String output = Files.readString(outputFile);
            return new ToolRun(tool, finished ? process.exitValue() : -1, !finished, output);
        } finally {
            ChildProcesses.unregister(process);
        }
    }
}
