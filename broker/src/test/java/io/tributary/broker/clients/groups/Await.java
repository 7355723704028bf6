package io.tributary.broker.clients.groups;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for observable state (an assignment, a group's state in Admin) by checking it every few
 * milliseconds until a deadline; the failure names what was awaited and what was last seen.
 */
final class Await {

    private static final long CHECK_EVERY_MS = 20;

    private Await() {
    }

    static void until(Duration timeout, String what, BooleanSupplier condition, Supplier<String> lastSeen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what + "; last seen: " + lastSeen.get());
            }
            pause();
        }
    }

    /** Like {@link #until} for a check that throws (an Admin call, an assertion) until it holds. */
    static <T> T succeeds(Duration timeout, String what, ThrowingSupplier<T> check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return check.get();
            } catch (Exception | AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not within " + timeout + ": " + what, e);
                }
            }
            pause();
        }
    }

    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    private static void pause() {
        try {
            Thread.sleep(CHECK_EVERY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
