package io.tributary.storage.producer;

import io.tributary.common.ManualTime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A partition log reduced to what producer state sees: it assigns offsets and drives a
 * {@link ProducerStateManager} exactly as the package contract tells the real log to, keeping the
 * appended batch headers in memory so that load and truncation can replay them. Test fixture.
 */
final class SimulatedLog {

    /** The header fields of one written batch, with its assigned base offset. */
    record WrittenBatch(long producerId, short epoch, int baseSequence, long baseOffset, int lastOffsetDelta,
                        long maxTimestamp, boolean transactional) {

        long lastOffset() {
            return baseOffset + lastOffsetDelta;
        }
    }

    /** What an append did: wrote a new batch, or recognised a retry of an earlier one. */
    record AppendResult(boolean duplicate, BatchMetadata batch) {
    }

    private final Path dir;
    private final ProducerStateConfig config;
    private final ManualTime time;
    private final List<WrittenBatch> written = new ArrayList<>();
    private ProducerStateManager state;
    private long logStartOffset;
    private long logEndOffset;

    SimulatedLog(Path dir, ProducerStateConfig config, ManualTime time) throws IOException {
        this.dir = dir;
        this.config = config;
        this.time = time;
        this.state = new ProducerStateManager(dir, config);
        state.truncateAndReload(0, 0, time.milliseconds());
    }

    static SimulatedLog open(Path dir) throws IOException {
        return new SimulatedLog(dir, ProducerStateConfig.defaults(), new ManualTime());
    }

    ProducerStateManager state() {
        return state;
    }

    ManualTime time() {
        return time;
    }

    long logEndOffset() {
        return logEndOffset;
    }

    List<WrittenBatch> written() {
        return List.copyOf(written);
    }

    AppendResult appendFromClient(long producerId, int epoch, int baseSequence, int recordCount) {
        return appendFromClient(producerId, epoch, baseSequence, recordCount, false);
    }

    /** The leader's client path: duplicate check, validation, write, update. */
    AppendResult appendFromClient(long producerId, int epoch, int baseSequence, int recordCount,
                                  boolean transactional) {
        int lastOffsetDelta = recordCount - 1;
        Optional<BatchMetadata> duplicate =
                state.findDuplicate(producerId, (short) epoch, baseSequence, lastOffsetDelta);
        if (duplicate.isPresent()) {
            return new AppendResult(true, duplicate.get());
        }
        return write(producerId, epoch, baseSequence, recordCount, transactional, AppendOrigin.CLIENT);
    }

    /** The follower's path: no duplicate check, no sequence validation. */
    AppendResult appendReplicated(long producerId, int epoch, int baseSequence, int recordCount) {
        return write(producerId, epoch, baseSequence, recordCount, false, AppendOrigin.REPLICATION);
    }

    /** A batch without a producer id: only the offsets move. */
    void appendNonIdempotent(int recordCount) {
        logEndOffset += recordCount;
        state.updateMapEndOffset(logEndOffset);
    }

    private AppendResult write(long producerId, int epoch, int baseSequence, int recordCount, boolean transactional,
                               AppendOrigin origin) {
        WrittenBatch batch = new WrittenBatch(producerId, (short) epoch, baseSequence, logEndOffset, recordCount - 1,
                time.milliseconds(), transactional);
        ProducerAppendInfo info = state.prepareUpdate(producerId, origin);
        apply(info, batch);
        written.add(batch);
        logEndOffset = batch.lastOffset() + 1;
        state.update(info);
        state.updateMapEndOffset(logEndOffset);
        return new AppendResult(false, new BatchMetadata(SequenceNumbers.lastSequence(baseSequence, recordCount - 1),
                batch.lastOffset(), batch.lastOffsetDelta(), batch.maxTimestamp()));
    }

    /** A segment roll: the new segment starts at the log end offset. */
    Optional<Path> roll() throws IOException {
        state.updateMapEndOffset(logEndOffset);
        return state.takeSnapshot();
    }

    /** A broker restart without a final snapshot: a new manager loads snapshots and replays the log. */
    long restart() throws IOException {
        state = new ProducerStateManager(dir, config);
        return reload(logEndOffset);
    }

    /** Truncation of the log to {@code offset}, then reload and replay. */
    long truncateTo(long offset) throws IOException {
        written.removeIf(b -> b.baseOffset() >= offset);
        logEndOffset = offset;
        return reload(offset);
    }

    private long reload(long endOffset) throws IOException {
        long from = state.truncateAndReload(logStartOffset, endOffset, time.milliseconds());
        for (WrittenBatch batch : written) {
            if (batch.baseOffset() >= from) {
                ProducerAppendInfo info = state.prepareUpdate(batch.producerId(), AppendOrigin.LOG_RECOVERY);
                apply(info, batch);
                state.update(info);
            }
        }
        state.updateMapEndOffset(endOffset);
        return from;
    }

    private static void apply(ProducerAppendInfo info, WrittenBatch batch) {
        info.appendDataBatch(batch.epoch(), batch.baseSequence(), batch.baseOffset(), batch.lastOffsetDelta(),
                batch.maxTimestamp(), batch.transactional());
    }
}
