package io.tributary.storage.model;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * What a partition log should hold, with nothing on disk: the batches appended so far, in offset
 * order, each with its records and the exact bytes a read must return for it. Offsets start at 0
 * and have no gaps (no retention or compaction here).
 *
 * <p>The expectations encode Kafka's contracts for the operations the model test drives: offsets
 * are assigned from the log end offset; truncation removes the whole batch holding the target
 * offset and everything after it; a lookup by timestamp finds the first record in offset order
 * whose timestamp is at or after the target (record timestamps need not increase); a read returns
 * whole batches from the one holding the start offset, within one segment, below the bound, cut at
 * {@code maxBytes} except that {@code minOneMessage} returns the first batch whole.
 *
 * <p>Not thread-safe; one model per test run.
 */
final class LogModel {

    /** A record as a consumer sees it. Keys and values are ASCII text, or null. */
    record ModelRecord(long offset, long timestamp, String key, String value) {
    }

    /**
     * An appended batch: its records and its bytes as the log must store and return them (the
     * producer's bytes with the base offset and leader epoch the log assigns).
     */
    record ModelBatch(long baseOffset, List<ModelRecord> records, byte[] bytes) {

        long lastOffset() {
            return baseOffset + records.size() - 1;
        }

        long nextOffset() {
            return lastOffset() + 1;
        }

        int sizeInBytes() {
            return bytes.length;
        }

        @Override
        public String toString() {
            return "batch[" + baseOffset + ".." + lastOffset() + ", " + bytes.length + " bytes]";
        }
    }

    private final List<ModelBatch> batches = new ArrayList<>();

    long logEndOffset() {
        return batches.isEmpty() ? 0 : batches.get(batches.size() - 1).nextOffset();
    }

    List<ModelBatch> batches() {
        return Collections.unmodifiableList(batches);
    }

    List<ModelRecord> records() {
        List<ModelRecord> all = new ArrayList<>();
        batches.forEach(b -> all.addAll(b.records()));
        return all;
    }

    /** The record at {@code offset}, or null if the log holds none there. */
    ModelRecord recordAt(long offset) {
        int index = batchIndexOf(offset);
        if (index < 0) {
            return null;
        }
        ModelBatch batch = batches.get(index);
        return batch.records().get((int) (offset - batch.baseOffset()));
    }

    /** Appends {@code batch}, whose base offset must be the log end offset. */
    void append(ModelBatch batch) {
        if (batch.baseOffset() != logEndOffset()) {
            throw new IllegalArgumentException("model: batch at " + batch.baseOffset() + " appended at log end " + logEndOffset());
        }
        batches.add(batch);
    }

    /** The index of the batch holding {@code offset}; -1 if none does. */
    int batchIndexOf(long offset) {
        int lo = 0;
        int hi = batches.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            ModelBatch batch = batches.get(mid);
            if (offset < batch.baseOffset()) {
                hi = mid - 1;
            } else if (offset > batch.lastOffset()) {
                lo = mid + 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /**
     * Removes every batch holding an offset at or above {@code offset}; a target inside a batch
     * removes that whole batch (the log cuts at batch boundaries). Returns the new log end offset.
     */
    long truncateTo(long offset) {
        if (offset >= logEndOffset()) {
            return logEndOffset();
        }
        int from = Math.max(0, batchIndexOf(Math.max(0, offset)));
        batches.subList(from, batches.size()).clear();
        return logEndOffset();
    }

    /** The first record in offset order with a timestamp at or after {@code timestamp}. */
    Optional<ModelRecord> firstRecordAtOrAfter(long timestamp) {
        for (ModelBatch batch : batches) {
            for (ModelRecord record : batch.records()) {
                if (record.timestamp() >= timestamp) {
                    return Optional.of(record);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The exact bytes {@code read(startOffset, maxBytes, maxOffset, minOneMessage)} must return,
     * given the base offsets of the log's segments: nothing if the start is at or past the bound;
     * otherwise the batches from the one holding the start offset, up to the end of its segment
     * and only those wholly below the bound, concatenated and cut to {@code maxBytes} (to the first
     * batch's size if larger and {@code minOneMessage}). A bound inside the first batch gives
     * nothing, since that batch holds offsets at or above the bound.
     */
    byte[] expectedRead(long startOffset, int maxBytes, long maxOffset, boolean minOneMessage, SortedSet<Long> segmentBaseOffsets) {
        long bound = Math.min(maxOffset, logEndOffset());
        if (startOffset >= bound) {
            return new byte[0];
        }
        int first = batchIndexOf(startOffset);
        ModelBatch firstBatch = batches.get(first);
        SortedSet<Long> later = segmentBaseOffsets.tailSet(firstBatch.baseOffset() + 1);
        long segmentEnd = later.isEmpty() ? Long.MAX_VALUE : later.first();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = first; i < batches.size(); i++) {
            ModelBatch batch = batches.get(i);
            if (batch.baseOffset() >= segmentEnd || batch.lastOffset() >= bound) {
                break;
            }
            out.writeBytes(batch.bytes());
        }
        byte[] available = out.toByteArray();
        if (available.length == 0) {
            return available;
        }
        int limit = minOneMessage ? Math.max(maxBytes, firstBatch.sizeInBytes()) : maxBytes;
        int length = Math.min(available.length, Math.max(0, limit));
        byte[] expected = new byte[length];
        System.arraycopy(available, 0, expected, 0, length);
        return expected;
    }
}
