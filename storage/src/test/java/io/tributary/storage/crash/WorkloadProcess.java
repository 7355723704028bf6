package io.tributary.storage.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An {@link AppendWorkload} running in a child JVM, and what its output has told so far: the
 * highest offsets reported appended and durable. Lines are read by a daemon thread into a queue,
 * so the test waits for each event with a deadline and a silent child fails the test instead of
 * hanging it.
 *
 * <p>The child runs on the test's own class path (under Surefire a manifest-only booter jar,
 * which works as a class path) with a small heap and a quick-starting JIT. Its standard error is
 * appended to a file whose tail is quoted when it misbehaves.
 */
final class WorkloadProcess implements AutoCloseable {

    /** Status of a process ended by SIGKILL, as {@link Process#waitFor()} reports it (128 + 9). */
    static final int KILLED_STATUS = 137;

    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(60);
    private static final String END_OF_OUTPUT = new String("<end of output>");

    /** What the workload reported once its log was open. */
    record Start(long logEndOffset, int segmentsRecovered, long bytesTruncated, int segmentsDeleted) {
    }

    private final Process process;
    private final Path stderrFile;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private long highestAppended = -1;
    private long highestDurable = -1;
    private long durableLines;

    private WorkloadProcess(Process process, Path stderrFile) {
        this.process = process;
        this.stderrFile = stderrFile;
        Thread reader = new Thread(this::readLines, "workload-" + process.pid() + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static WorkloadProcess start(Path logDir, long seed, Path stderrFile) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"),
                AppendWorkload.class.getName(), logDir.toString(), Long.toString(seed));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(stderrFile.toFile()))
                .start();
        return new WorkloadProcess(process, stderrFile);
    }

    /** Waits for the {@code start} line, the first the workload prints. */
    Start awaitStart() throws InterruptedException {
        String line = nextLine("start");
        if (!line.startsWith("start ")) {
            fail("expected a 'start' line from the workload, got: " + line + stderrTail());
        }
        String[] fields = line.split(" ");
        return new Start(Long.parseLong(fields[1]), Integer.parseInt(fields[2]), Long.parseLong(fields[3]),
                Integer.parseInt(fields[4]));
    }

    /** Reads lines until {@code count} more {@code durable} lines have come. */
    void awaitDurableLines(int count) throws InterruptedException {
        long target = durableLines + count;
        while (durableLines < target) {
            String line = nextLine("durable");
            if (line == END_OF_OUTPUT) {
                fail("the workload ended before its " + target + "th 'durable' line" + stderrTail());
            }
            record(line);
        }
    }

    /**
     * Sends SIGKILL, waits until the process is gone, and reads what it printed before it died:
     * those lines are facts too. Fails if the process had already ended by itself.
     */
    void killAndReadTheRest() throws InterruptedException {
        process.destroyForcibly();
        int status = process.waitFor();
        assertEquals(KILLED_STATUS, status, "the workload ended by itself before it was killed" + stderrTail());
        for (String line = nextLine("end of output"); line != END_OF_OUTPUT; line = nextLine("end of output")) {
            record(line);
        }
    }

    /** The last offset of the newest batch the workload reported appended (in the page cache), -1 if none. */
    long highestAppended() {
        return highestAppended;
    }

    /** The last offset of the newest batch the workload reported durable (acknowledged), -1 if none. */
    long highestDurable() {
        return highestDurable;
    }

    /** How many batches the workload reported durable. */
    long durableLines() {
        return durableLines;
    }

    private void record(String line) {
        if (line.startsWith("appended ")) {
            highestAppended = Math.max(highestAppended, Long.parseLong(line.substring("appended ".length())));
        } else if (line.startsWith("durable ")) {
            highestDurable = Math.max(highestDurable, Long.parseLong(line.substring("durable ".length())));
            durableLines++;
        } else {
            fail("unexpected line from the workload: " + line + stderrTail());
        }
    }

    private String nextLine(String awaited) throws InterruptedException {
        String line = lines.poll(EVENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            fail("no '" + awaited + "' from the workload within " + EVENT_TIMEOUT + stderrTail());
        }
        return line;
    }

    private void readLines() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process was killed while we read: the same as the end of its output
        } finally {
            lines.add(END_OF_OUTPUT);
        }
    }

    private String stderrTail() {
        try {
            List<String> all = Files.readAllLines(stderrFile);
            return "\nworkload stderr (" + stderrFile + "), last lines:\n"
                    + String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
