package io.tributary.storage.cleaner;

/**
 * The log cleaner's broker settings, with Kafka's names and defaults. Immutable.
 *
 * @param numThreads             {@code log.cleaner.threads}: cleaner threads; 0 cleans nothing
 * @param dedupeBufferSize       {@code log.cleaner.dedupe.buffer.size}: bytes of offset map, split over the threads
 * @param dedupeBufferLoadFactor {@code log.cleaner.io.buffer.load.factor}: how full an offset map may get
 * @param ioBufferSize           {@code log.cleaner.io.buffer.size}: bytes of read buffer per thread (grown for a larger batch)
 * @param maxIoBytesPerSecond    {@code log.cleaner.io.max.bytes.per.second}: read plus write rate cap over all threads
 * @param backoffMs              {@code log.cleaner.backoff.ms}: how long a thread sleeps when no log needs cleaning
 * @param enabled                {@code log.cleaner.enable}
 */
public record CleanerConfig(int numThreads, long dedupeBufferSize, double dedupeBufferLoadFactor, int ioBufferSize,
                            double maxIoBytesPerSecond, long backoffMs, boolean enabled) {

    public static final long DEFAULT_DEDUPE_BUFFER_SIZE = 128L * 1024 * 1024;
    public static final double DEFAULT_DEDUPE_BUFFER_LOAD_FACTOR = 0.9;
    public static final int DEFAULT_IO_BUFFER_SIZE = 512 * 1024;
    public static final double DEFAULT_MAX_IO_BYTES_PER_SECOND = Double.MAX_VALUE;
    public static final long DEFAULT_BACKOFF_MS = 15_000;

    public CleanerConfig {
        if (numThreads < 0) {
            throw new IllegalArgumentException("Invalid value " + numThreads + " for configuration log.cleaner.threads: Value must be at least 0");
        }
        if (!(dedupeBufferLoadFactor > 0 && dedupeBufferLoadFactor <= 1)) {
            throw new IllegalArgumentException("Invalid value " + dedupeBufferLoadFactor
                    + " for configuration log.cleaner.io.buffer.load.factor: Value must be in (0, 1]");
        }
        if (ioBufferSize < 0) {
            throw new IllegalArgumentException("Invalid value " + ioBufferSize + " for configuration log.cleaner.io.buffer.size: Value must be at least 0");
        }
        if (!(maxIoBytesPerSecond > 0)) {
            throw new IllegalArgumentException("Invalid value " + maxIoBytesPerSecond
                    + " for configuration log.cleaner.io.max.bytes.per.second: Value must be positive");
        }
        if (backoffMs < 0) {
            throw new IllegalArgumentException("Invalid value " + backoffMs + " for configuration log.cleaner.backoff.ms: Value must be at least 0");
        }
    }

    /** Kafka's defaults: one thread, 128 MiB of offset map, no throttle, 15 s back-off. */
    public static CleanerConfig defaults() {
        return new CleanerConfig(1, DEFAULT_DEDUPE_BUFFER_SIZE, DEFAULT_DEDUPE_BUFFER_LOAD_FACTOR, DEFAULT_IO_BUFFER_SIZE,
                DEFAULT_MAX_IO_BYTES_PER_SECOND, DEFAULT_BACKOFF_MS, true);
    }

    public CleanerConfig withBackoffMs(long value) {
        return new CleanerConfig(numThreads, dedupeBufferSize, dedupeBufferLoadFactor, ioBufferSize, maxIoBytesPerSecond, value, enabled);
    }

    public CleanerConfig withDedupeBufferSize(long value) {
        return new CleanerConfig(numThreads, value, dedupeBufferLoadFactor, ioBufferSize, maxIoBytesPerSecond, backoffMs, enabled);
    }

    public CleanerConfig withMaxIoBytesPerSecond(double value) {
        return new CleanerConfig(numThreads, dedupeBufferSize, dedupeBufferLoadFactor, ioBufferSize, value, backoffMs, enabled);
    }

    /** The offset map bytes of one thread: the dedupe buffer split evenly, at most 2 GiB each (an array's limit). */
    public int dedupeBufferSizePerThread() {
        return (int) Math.min(dedupeBufferSize / Math.max(1, numThreads), Integer.MAX_VALUE - 64);
    }
}
