package io.tributary.benchmarks.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a process's CPU time and resident memory from Linux's /proc, summed over the process and
 * all its descendants (a broker that forks helpers is charged for them).
 *
 * <p>CPU is {@code utime + stime + cutime + cstime} of /proc/PID/stat (fields 14 to 17, in clock
 * ticks); memory is {@code VmRSS} (now) and {@code VmHWM} (peak) of /proc/PID/status. A process
 * that exits between listing and reading counts as zero.
 */
public final class ProcStats {
    private final long clockTicksPerSecond;

    public ProcStats(long clockTicksPerSecond) {
        this.clockTicksPerSecond = clockTicksPerSecond;
    }

    /** CPU seconds used so far by {@code pid} and its descendants. */
    public double cpuSeconds(long pid) {
        long ticks = 0;
        for (long p : processTree(pid)) {
            ticks += cpuTicks(p);
        }
        return (double) ticks / clockTicksPerSecond;
    }

    /** Resident memory now, in MiB. */
    public double rssMiB(long pid) {
        return statusKiB(pid, "VmRSS:") / 1024.0;
    }

    /** Peak resident memory (high-water mark), in MiB. */
    public double peakRssMiB(long pid) {
        return statusKiB(pid, "VmHWM:") / 1024.0;
    }

    private long statusKiB(long pid, String key) {
        long kib = 0;
        for (long p : processTree(pid)) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p), "status"))) {
                    if (line.startsWith(key)) {
                        kib += Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                    }
                }
            } catch (IOException exited) {
                // gone since listed: contributes nothing
            }
        }
        return kib;
    }

    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) is in parentheses and may hold spaces: split after it.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            // fields[0] is field 3 (state), so field n is fields[n - 3].
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12])
                    + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        } catch (IOException exited) {
            return 0;
        }
    }

    /** {@code pid} followed by all its descendants, from /proc/PID/task/TID/children. */
    static List<Long> processTree(long pid) {
        List<Long> tree = new ArrayList<>();
        tree.add(pid);
        for (int i = 0; i < tree.size(); i++) {
            Path tasks = Path.of("/proc", Long.toString(tree.get(i)), "task");
            try (var tids = Files.list(tasks)) {
                for (Path tid : (Iterable<Path>) tids::iterator) {
                    String children = Files.readString(tid.resolve("children")).trim();
                    if (!children.isEmpty()) {
                        for (String child : children.split("\\s+")) {
                            tree.add(Long.parseLong(child));
                        }
                    }
                }
            } catch (IOException | UncheckedIOException exited) {
                // the process or one of its threads ended while being listed
            }
        }
        return tree;
    }
}
