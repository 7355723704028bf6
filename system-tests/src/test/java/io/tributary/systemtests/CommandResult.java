package io.tributary.systemtests;

import java.util.List;

/** What an external program did: its command line, exit code and everything it printed. */
record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {

    List<String> stdoutLines() {
        return stdout.isEmpty() ? List.of() : stdout.lines().toList();
    }

    /** This result when the program exited 0; otherwise an AssertionError that shows all of it. */
    CommandResult assertSuccess() {
        if (exitCode != 0) {
            throw new AssertionError("exit code " + exitCode + "\n" + this);
        }
        return this;
    }

    @Override
    public String toString() {
        return "$ " + String.join(" ", command) + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr
                + "--- exit code " + exitCode + " ---";
    }
}
