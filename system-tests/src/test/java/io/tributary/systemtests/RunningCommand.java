package io.tributary.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An external program (kcat, python, node, a JVM) started by a test, with its output collected
 * as it arrives. {@link #awaitExit} runs a program to completion; {@link #awaitStdout} waits for
 * a long-running one (a consumer that polls forever) to print what the test expects, woken by
 * each line rather than by sleeping. {@link #close} kills the program and its children.
 *
 * <p>Thread safety: the two reader threads append under this object's monitor; the test thread
 * reads under it.
 */
final class RunningCommand implements AutoCloseable {

    private final List<String> command;
    private final Process process;
    private final StringBuilder stdout = new StringBuilder();
    private final StringBuilder stderr = new StringBuilder();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private RunningCommand(List<String> command, Process process) {
        this.command = command;
        this.process = process;
        this.stdoutReader = collect(process.getInputStream(), stdout, "stdout");
        this.stderrReader = collect(process.getErrorStream(), stderr, "stderr");
    }

    /** Starts {@code command} in {@code workingDir} with {@code stdin} as its whole input. */
    static RunningCommand start(List<String> command, Path workingDir, Map<String, String> environment, String stdin) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
        builder.environment().putAll(environment);
        try {
            RunningCommand running = new RunningCommand(command, builder.start());
            try (OutputStream in = running.process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            return running;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        }
    }

    /** Runs {@code command} to completion; see {@link #awaitExit}. */
    static CommandResult run(List<String> command, Path workingDir, String stdin, Duration timeout) {
        try (RunningCommand running = start(command, workingDir, Map.of(), stdin)) {
            return running.awaitExit(timeout);
        }
    }

    /** Waits for the program to exit; when it has not after {@code timeout}, kills it and fails. */
    CommandResult awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new AssertionError("still running after " + timeout + ", killed\n" + snapshot(-1));
            }
            stdoutReader.join(timeout.toMillis());
            stderrReader.join(timeout.toMillis());
            return snapshot(process.exitValue());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + String.join(" ", command), e);
        }
    }

    /**
     * Waits until the stdout printed so far satisfies {@code condition}; fails when the program
     * exits or {@code timeout} passes first.
     */
    synchronized String awaitStdout(Predicate<String> condition, Duration timeout) {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        try {
            while (!condition.test(stdout.toString())) {
                long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime());
                if (remainingMs <= 0 || !process.isAlive() && !stdoutReader.isAlive()) {
                    throw new AssertionError((process.isAlive() ? "not printed within " + timeout : "exited before printing it")
                            + "\n" + snapshot(process.isAlive() ? -1 : process.exitValue()));
                }
                wait(Math.min(remainingMs, 200));
            }
            return stdout.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + String.join(" ", command), e);
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized CommandResult snapshot(int exitCode) {
        return new CommandResult(command, exitCode, stdout.toString(), stderr.toString());
    }

    private Thread collect(InputStream stream, StringBuilder sink, String name) {
        Thread reader = new Thread(() -> {
            char[] buffer = new char[8192];
            try (Reader text = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
                int n;
                while ((n = text.read(buffer)) >= 0) {
                    synchronized (this) {
                        sink.append(buffer, 0, n);
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // The process was killed; what it printed before is kept.
            }
            synchronized (this) {
                notifyAll();
            }
        }, command.get(0) + "-" + name);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }
}
