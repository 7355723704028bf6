package io.tributary.broker.clients.groups;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A main class of this test's class path run in a child JVM: Kafka's command-line tools, a
 * consumer that a test kills with SIGKILL, a broker. The child's stdout and stderr go to a file, so
 * a silent hang still times out and a failure message can show what it printed.
 */
public final class ChildJvm {

    /** What a child that ran to completion printed, and its exit code. */
    public record Output(int exitCode, String text) {

        public List<String> lines() {
            return text.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private ChildJvm() {
    }

    /** Starts {@code mainClass} with {@code args}; its output is appended to {@code outputFile}. */
    public static Process start(Path outputFile, String mainClass, List<String> jvmOptions, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-cp", classPath()));
        command.addAll(jvmOptions);
        command.add(mainClass);
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile.toFile())).start();
    }

    /** Runs {@code mainClass} to completion (at most {@code timeoutSeconds}) with Kafka's log output silenced. */
    public static Output run(String mainClass, List<String> args, long timeoutSeconds) throws IOException, InterruptedException {
        Path outputFile = Files.createTempFile("child", ".out");
        try {
            Process process = start(outputFile, mainClass, List.of(silentLogging()), args);
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(mainClass + " " + args + " still running after " + timeoutSeconds + " s: "
                        + Files.readString(outputFile));
            }
            return new Output(process.exitValue(), Files.readString(outputFile));
        } finally {
            Files.deleteIfExists(outputFile);
        }
    }

    private static String silentLogging() {
        var config = ChildJvm.class.getResource("/logback-silent.xml");
        return config == null ? "-Dlogback.configurationFile=none" : "-Dlogback.configurationFile=" + config.getPath();
    }

    /** Surefire runs tests from a manifest-only jar; it passes the real class path in this property. */
    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
