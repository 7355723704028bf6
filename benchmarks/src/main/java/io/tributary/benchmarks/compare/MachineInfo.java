package io.tributary.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One line describing the machine, for the head of the results: cores, memory, kernel, JDK. */
public final class MachineInfo {
    private MachineInfo() {
    }

    public static String describe() {
        return Runtime.getRuntime().availableProcessors() + " cores, "
                + memTotalGiB() + " GiB RAM, Linux " + read("/proc/sys/kernel/osrelease")
                + ", JDK " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name") + ")";
    }

    private static String memTotalGiB() {
        for (String line : read("/proc/meminfo").split("\n")) {
            if (line.startsWith("MemTotal:")) {
                long kib = Long.parseLong(line.replaceAll("\\D", ""));
                return String.format("%.1f", kib / 1024.0 / 1024.0);
            }
        }
        return "?";
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            return "?";
        }
    }
}
