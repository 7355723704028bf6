package io.tributary.storage.model;

import io.tributary.storage.LogSegment;
import io.tributary.storage.PartitionLog;
import io.tributary.storage.model.LogModel.ModelBatch;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Where to cut the active segment of a crashed log's copy to model writes lost with the page
 * cache: anywhere at or after the first byte not yet fsynced (the log's recovery point when the
 * crash is planned; a flush finishing during the copy only makes more of it durable),
 * possibly inside a batch. Recovery must then end the log at the last whole batch before the cut
 * and truncate the torn bytes after it; nothing below the recovery point may be lost (DESIGN D5).
 *
 * @param segmentBaseOffset     the active segment, the only one with unflushed bytes (a roll fsyncs the old one)
 * @param cutPosition           the new length of its {@code .log}
 * @param survivingLogEndOffset the log end offset recovery must find
 * @param tornBytes             the bytes of a partial batch before the cut, which recovery must truncate
 */
record UnflushedTailCut(long segmentBaseOffset, int cutPosition, long survivingLogEndOffset, int tornBytes) {

    static UnflushedTailCut plan(LogModel model, PartitionLog log, int pick) {
        LogSegment active = log.activeSegment();
        long base = active.baseOffset();
        long recoveryPoint = log.recoveryPoint();
        List<ModelBatch> batches = model.batches().stream().filter(b -> b.baseOffset() >= base).toList();
        int size = batches.stream().mapToInt(ModelBatch::sizeInBytes).sum();
        if (size != active.sizeInBytes()) {
            throw new AssertionError("active segment " + base + " holds " + active.sizeInBytes() + " bytes; its batches "
                    + batches + " take " + size);
        }
        int durableBytes = durableBytes(batches, base, recoveryPoint);
        int cut = (int) ModelCheckedLog.pick(durableBytes, size, pick);
        int position = 0;
        for (ModelBatch batch : batches) {
            if (position + batch.sizeInBytes() > cut) {
                return new UnflushedTailCut(base, cut, batch.baseOffset(), cut - position);
            }
            position += batch.sizeInBytes();
        }
        return new UnflushedTailCut(base, cut, model.logEndOffset(), 0);
    }

    /** The bytes of the active segment below the recovery point, which is always at a batch boundary. */
    private static int durableBytes(List<ModelBatch> batches, long base, long recoveryPoint) {
        if (recoveryPoint <= base) {
            return 0;
        }
        int position = 0;
        for (ModelBatch batch : batches) {
            if (batch.baseOffset() >= recoveryPoint) {
                return position;
            }
            if (batch.nextOffset() > recoveryPoint) {
                throw new AssertionError("recovery point " + recoveryPoint + " lies inside " + batch);
            }
            position += batch.sizeInBytes();
        }
        return position;
    }

    /** Cuts the segment's {@code .log} in {@code partitionDir}, a copy of the crashed log's directory. */
    void applyTo(Path partitionDir) throws IOException {
        try (FileChannel file = FileChannel.open(LogSegment.file(partitionDir, segmentBaseOffset, LogSegment.LOG_SUFFIX),
                StandardOpenOption.WRITE)) {
            file.truncate(cutPosition);
        }
    }

    @Override
    public String toString() {
        return "cut segment " + segmentBaseOffset + " at byte " + cutPosition + " (log end " + survivingLogEndOffset
                + ", " + tornBytes + " torn bytes)";
    }
}
