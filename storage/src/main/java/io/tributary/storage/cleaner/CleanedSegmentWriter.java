package io.tributary.storage.cleaner;

import io.tributary.storage.LogSegment;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Collects retained batches in a write buffer of {@code log.cleaner.io.buffer.size} and appends
 * them to the cleaned segment in large writes; each write is reported to the {@link Throttler}.
 * A batch larger than the buffer is appended on its own. Not thread-safe: one per cleaning.
 */
final class CleanedSegmentWriter {

    private final LogSegment cleaned;
    private final ByteBuffer buffer;
    private final Throttler throttler;
    private final CleanerStats stats;

    CleanedSegmentWriter(LogSegment cleaned, int bufferSize, Throttler throttler, CleanerStats stats) {
        this.cleaned = cleaned;
        this.buffer = ByteBuffer.allocate(bufferSize);
        this.throttler = throttler;
        this.stats = stats;
    }

    /** Copies the remaining bytes of {@code batch} (one whole batch) into the cleaned segment. */
    void write(ByteBuffer batch) throws IOException, InterruptedException {
        if (batch.remaining() > buffer.remaining()) {
            flush();
        }
        if (batch.remaining() > buffer.capacity()) {
            append(batch);
        } else {
            buffer.put(batch.duplicate());
        }
    }

    /** Appends what is buffered. */
    void flush() throws IOException, InterruptedException {
        buffer.flip();
        if (buffer.hasRemaining()) {
            append(buffer);
        }
        buffer.clear();
    }

    private void append(ByteBuffer batches) throws IOException, InterruptedException {
        int bytes = batches.remaining();
        cleaned.append(batches);
        stats.bytesWritten += bytes;
        throttler.maybeThrottle(bytes);
    }
}
