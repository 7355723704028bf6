package io.tributary.storage.model;

import io.tributary.records.RecordBatch;
import io.tributary.storage.FetchDataInfo;
import io.tributary.storage.LogOffsetMetadata;
import io.tributary.storage.model.LogModel.ModelBatch;
import io.tributary.storage.model.LogModel.ModelRecord;
import java.util.List;
import java.util.SortedSet;

/**
 * The checks on one {@code read(startOffset, maxBytes, maxOffset, minOneMessage)} of an in-range
 * offset, each with its own message, most specific first; the last compares every byte with what
 * {@link LogModel#expectedRead} computes (which also catches a read that stops early).
 */
final class ReadCheck {

    private final LogModel model;
    private final long startOffset;
    private final int maxBytes;
    private final long maxOffset;
    private final boolean minOneMessage;
    private final SortedSet<Long> segmentBaseOffsets;
    private final long bound;

    ReadCheck(LogModel model, long startOffset, int maxBytes, long maxOffset, boolean minOneMessage, SortedSet<Long> segmentBaseOffsets) {
        this.model = model;
        this.startOffset = startOffset;
        this.maxBytes = maxBytes;
        this.maxOffset = maxOffset;
        this.minOneMessage = minOneMessage;
        this.segmentBaseOffsets = segmentBaseOffsets;
        this.bound = Math.min(maxOffset, model.logEndOffset());
    }

    void verify(FetchDataInfo info) {
        String read = "read(" + startOffset + ", " + maxBytes + ", " + maxOffset + ", " + minOneMessage + ")";
        FetchedBytes fetched = FetchedBytes.of(info.records());
        if (startOffset >= bound) {
            ModelCheckedLog.expectBytes(new byte[0], fetched.bytes(), read + " at or past the bound " + bound);
            return;
        }
        verifyOffsetMetadata(info.fetchOffsetMetadata(), read);
        List<RecordBatch> batches = fetched.batches();
        if (!batches.isEmpty()) {
            RecordBatch first = batches.get(0);
            if (first.baseOffset() > startOffset || first.lastOffset() < startOffset) {
                throw new AssertionError(read + ": the first batch [" + first.baseOffset() + ".." + first.lastOffset()
                        + "] does not hold the start offset");
            }
        }
        for (ModelRecord record : fetched.records()) {
            if (record.offset() >= bound) {
                throw new AssertionError(read + ": returned offset " + record.offset() + ", at or past the bound " + bound);
            }
            ModelRecord expected = model.recordAt(record.offset());
            if (!record.equals(expected)) {
                throw new AssertionError(read + ": returned " + record + ", the log holds " + expected);
            }
        }
        if (fetched.hasPartialTrailingBatch() && fetched.bytes().length != maxBytes) {
            throw new AssertionError(read + ": returned " + fetched.bytes().length + " bytes ending in a partial batch ("
                    + (fetched.bytes().length - fetched.wholeBatchBytes()) + " bytes), so not cut by maxBytes");
        }
        ModelBatch startBatch = model.batches().get(model.batchIndexOf(startOffset));
        if (minOneMessage && startBatch.lastOffset() < bound && batches.isEmpty()) {
            throw new AssertionError(read + ": minOneMessage with " + startBatch + " wholly below the bound " + bound
                    + " returned no whole batch (" + fetched.bytes().length + " bytes)");
        }
        byte[] expected = model.expectedRead(startOffset, maxBytes, maxOffset, minOneMessage, segmentBaseOffsets);
        ModelCheckedLog.expectBytes(expected, fetched.bytes(), read + " with segments " + segmentBaseOffsets);
    }

    /** Where the read started: the segment holding the start offset and the byte position of its batch there. */
    private void verifyOffsetMetadata(LogOffsetMetadata metadata, String read) {
        ModelBatch startBatch = model.batches().get(model.batchIndexOf(startOffset));
        long segmentBase = segmentBaseOffsets.headSet(startBatch.baseOffset() + 1).last();
        int position = 0;
        for (ModelBatch batch : model.batches()) {
            if (batch.baseOffset() >= segmentBase && batch.baseOffset() < startBatch.baseOffset()) {
                position += batch.sizeInBytes();
            }
        }
        LogOffsetMetadata expected = new LogOffsetMetadata(startOffset, segmentBase, position);
        if (!expected.equals(metadata)) {
            throw new AssertionError(read + ": fetch offset metadata " + metadata + ", expected " + expected);
        }
    }
}
