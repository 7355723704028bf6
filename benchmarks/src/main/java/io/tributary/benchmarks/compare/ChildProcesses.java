package io.tributary.benchmarks.compare;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every broker and tool process the harness has started and not yet reaped, so that a shutdown
 * hook can end them all if the harness is interrupted or fails: no broker outlives a run.
 */
public final class ChildProcesses {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    private ChildProcesses() {
    }

    public static void register(Process process) {
        LIVE.add(process);
    }

    public static void unregister(Process process) {
        LIVE.remove(process);
    }

    /** SIGTERM to all, then SIGKILL to those still running after five seconds. */
    public static void destroyAll() {
        for (Process p : LIVE) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : LIVE) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
