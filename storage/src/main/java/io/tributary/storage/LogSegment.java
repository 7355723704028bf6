package io.tributary.storage;

import io.tributary.common.Time;
import io.tributary.records.CorruptRecordException;
import io.tributary.records.RecordBatch;
import io.tributary.records.RecordBatchDescriptor;
import io.tributary.records.Record;
import io.tributary.records.RecordIterator;
import io.tributary.storage.index.OffsetIndex;
import io.tributary.storage.index.OffsetPosition;
import io.tributary.storage.index.TimeIndex;
import io.tributary.storage.index.TimestampOffset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * One segment of a partition log: the {@code .log} file of record batches starting at
 * {@link #baseOffset()}, with its sparse {@code .index} (offset → position) and {@code .timeindex}
 * (timestamp → offset). Files are named by the base offset in 20 digits, as Kafka names them.
 *
 * <p>Index entries follow Kafka: after at least {@code index.interval.bytes} bytes since the last
 * entry, the next batch gets an offset-index entry (its last offset → its start position) and a
 * time-index entry (the largest timestamp so far → the offset of the batch holding it). Kafka's
 * {@code kafka-dump-log} verifies these entries against the log.
 *
 * <p>Crash behaviour: the log file may end in a torn batch after an unclean stop; indexes may be
 * stale or missing. {@link #recover} re-reads every batch, truncates at the first invalid byte and
 * rebuilds both indexes.
 *
 * <p>Thread safety: appends, truncation and recovery come from the owning log's writer (under the
 * log's lock). Reads may run concurrently on any thread; they see a prefix of the appended bytes.
 */
public final class LogSegment {

    public static final String LOG_SUFFIX = ".log";
    public static final String INDEX_SUFFIX = ".index";
    public static final String TIME_INDEX_SUFFIX = ".timeindex";
    /** Appended to the files of a segment removed from its log, until they are deleted ({@code file.delete.delay.ms}). */
    public static final String DELETED_FILE_SUFFIX = ".deleted";

    private final long baseOffset;
    private final FileRecords log;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;
    private final int indexIntervalBytes;
    private final long createdMs;
    private int bytesSinceLastIndexEntry;
    private volatile long maxTimestampSoFar = RecordBatch.NO_TIMESTAMP;
    private volatile long offsetOfMaxTimestampSoFar = -1;

    private LogSegment(long baseOffset, FileRecords log, OffsetIndex offsetIndex, TimeIndex timeIndex,
                       int indexIntervalBytes, long createdMs) {
        this.baseOffset = baseOffset;
        this.log = log;
        this.offsetIndex = offsetIndex;
        this.timeIndex = timeIndex;
        this.indexIntervalBytes = indexIntervalBytes;
        this.createdMs = createdMs;
    }

    /** Opens the segment's files in {@code dir}, creating empty ones if missing. Nothing is validated. */
    public static LogSegment open(Path dir, long baseOffset, LogConfig config, Time time) throws IOException {
        return open(dir, baseOffset, config, time, "");
    }

    /**
     * Opens the segment's files with {@code fileSuffix} after their usual names (the cleaner writes
     * {@code 00000000000000000042.log.cleaned}), creating empty ones if missing.
     */
    public static LogSegment open(Path dir, long baseOffset, LogConfig config, Time time, String fileSuffix) throws IOException {
        FileRecords log = FileRecords.open(file(dir, baseOffset, LOG_SUFFIX + fileSuffix));
        OffsetIndex offsetIndex = new OffsetIndex(file(dir, baseOffset, INDEX_SUFFIX + fileSuffix), baseOffset,
                config.segmentIndexBytes());
        TimeIndex timeIndex = new TimeIndex(file(dir, baseOffset, TIME_INDEX_SUFFIX + fileSuffix), baseOffset,
                config.segmentIndexBytes());
        LogSegment segment = new LogSegment(baseOffset, log, offsetIndex, timeIndex, config.indexIntervalBytes(), time.milliseconds());
        TimestampOffset last = timeIndex.lastEntry();
        if (last.timestamp() >= 0) {
            segment.maxTimestampSoFar = last.timestamp();
            segment.offsetOfMaxTimestampSoFar = last.offset();
        }
        return segment;
    }

    /** {@code 00000000000000000042.log} for base offset 42. */
    public static Path file(Path dir, long baseOffset, String suffix) {
        return dir.resolve(filenamePrefix(baseOffset) + suffix);
    }

    public static String filenamePrefix(long offset) {
        return String.format("%020d", offset);
    }

    public long baseOffset() {
        return baseOffset;
    }

    public int sizeInBytes() {
        return log.sizeInBytes();
    }

    public FileRecords log() {
        return log;
    }

    public OffsetIndex offsetIndex() {
        return offsetIndex;
    }

    public TimeIndex timeIndex() {
        return timeIndex;
    }

    /** The wall time this segment was opened; {@code segment.ms} counts from it. */
    public long createdMs() {
        return createdMs;
    }

    public long maxTimestampSoFar() {
        return maxTimestampSoFar;
    }

    /** Whether either index has no room for another entry, so the log must roll before the next append. */
    public boolean indexesFull() {
        return offsetIndex.isFull() || timeIndex.isFull();
    }

    /**
     * Appends batches whose offsets are already assigned. {@code batches} holds whole, validated
     * batches; its position is not moved.
     */
    public void append(ByteBuffer batches) throws IOException {
        int position = log.sizeInBytes();
        ByteBuffer view = batches.duplicate();
        while (view.remaining() >= RecordBatchDescriptor.HEADER_SIZE_BYTES) {
            RecordBatch batch = RecordBatch.wrap(view);
            int size = batch.sizeInBytes();
            if (batch.maxTimestamp() > maxTimestampSoFar) {
                maxTimestampSoFar = batch.maxTimestamp();
                offsetOfMaxTimestampSoFar = batch.lastOffset();
            }
            maybeIndex(batch.lastOffset(), position);
            position += size;
            bytesSinceLastIndexEntry += size;
            view.position(view.position() + size);
        }
        log.append(batches);
    }

    /**
     * The first batch whose last offset is at least {@code offset}, searching from the index
     * entry below it: its base offset, position and size; null if no such batch is in this segment.
     */
    public BatchPosition translateOffset(long offset) throws IOException {
        OffsetPosition start = offsetIndex.lookup(offset);
        return scanFor(offset, start.position(), log.sizeInBytes());
    }

    private BatchPosition scanFor(long offset, int from, int limit) throws IOException {
        BatchPosition[] found = new BatchPosition[1];
        forEachBatchHeader(from, header -> {
            if (header.position() >= limit) {
                return false;
            }
            if (header.lastOffset() >= offset) {
                found[0] = new BatchPosition(header.baseOffset(), header.lastOffset(), header.position(), header.sizeInBytes());
                return false;
            }
            return true;
        });
        return found[0];
    }

    /** Visits batch headers; return false to stop. */
    interface BatchHeaderVisitor {
        boolean visit(BatchHeader header) throws IOException;
    }

    /**
     * Reads the header of each batch from {@code fromPosition} to the end of the file (or a torn
     * tail) and passes it to {@code visitor} until it returns false.
     */
    void forEachBatchHeader(int fromPosition, BatchHeaderVisitor visitor) throws IOException {
        forEachBatchHeader(log, fromPosition, visitor);
    }

    private static void forEachBatchHeader(FileRecords log, int fromPosition, BatchHeaderVisitor visitor) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(RecordBatchDescriptor.HEADER_SIZE_BYTES);
        int position = fromPosition;
        while (log.readBatchHeader(position, header)) {
            BatchHeader parsed = BatchHeader.parse(position, header);
            if (parsed.sizeInBytes() < RecordBatchDescriptor.HEADER_SIZE_BYTES || !visitor.visit(parsed)) {
                return;
            }
            position += parsed.sizeInBytes();
        }
    }

    /** A batch located in the segment file. */
    public record BatchPosition(long baseOffset, long lastOffset, int position, int size) {
    }

    /**
     * Reads from the batch holding {@code startOffset}, at most {@code maxSize} bytes and never at
     * or past {@code maxPosition}; with {@code minOneMessage} the first batch is returned whole even
     * when larger than {@code maxSize} (Kafka's rule, so a large batch cannot block a consumer).
     * Returns null if the segment holds no batch at or after {@code startOffset}.
     */
    public FetchDataInfo read(long startOffset, int maxSize, long maxPosition, boolean minOneMessage) throws IOException {
        BatchPosition first = translateOffset(startOffset);
        if (first == null) {
            return null;
        }
        LogOffsetMetadata metadata = new LogOffsetMetadata(startOffset, baseOffset, first.position());
        int limit = (int) Math.min(maxPosition, log.sizeInBytes());
        if (first.position() >= limit) {
            return new FetchDataInfo(metadata, log.slice(first.position(), 0));
        }
        int adjustedMax = minOneMessage ? Math.max(maxSize, first.size()) : maxSize;
        int length = Math.min(limit - first.position(), adjustedMax);
        return new FetchDataInfo(metadata, log.slice(first.position(), length));
    }

    /** The start position of the first batch holding an offset at or above {@code offset}, or the segment size. */
    public int positionOf(long offset) throws IOException {
        BatchPosition batch = translateOffset(offset);
        return batch == null ? log.sizeInBytes() : batch.position();
    }

    /** The offset after the last batch in this segment: the base offset if it is empty. */
    public long readNextOffset() throws IOException {
        long[] next = {baseOffset};
        forEachBatchHeader(offsetIndex.lookup(Long.MAX_VALUE).position(), header -> {
            next[0] = header.lastOffset() + 1;
            return true;
        });
        return next[0];
    }

    /** The max timestamp of the first batch, or {@link RecordBatch#NO_TIMESTAMP} if the segment is empty (Kafka's {@code getFirstBatchTimestamp}). */
    public long firstBatchTimestamp() throws IOException {
        long[] first = {RecordBatch.NO_TIMESTAMP};
        forEachBatchHeader(0, header -> {
            first[0] = header.maxTimestamp();
            return false;
        });
        return first[0];
    }

    private static long recoveredNextOffset(FileRecords log, long baseOffset) throws IOException {
        long[] next = {baseOffset};
        forEachBatchHeader(log, 0, header -> {
            next[0] = header.lastOffset() + 1;
            return true;
        });
        return next[0];
    }

    /**
     * The offset after the last batch of the existing segment file {@code logFile} with base offset
     * {@code baseOffset}, found by reading every batch header from the start, without opening (and
     * so creating) the segment's indexes.
     */
    static long recoveredNextOffset(Path logFile, long baseOffset) throws IOException {
        if (!Files.exists(logFile)) {
            throw new NoSuchFileException(logFile.toString());
        }
        FileRecords records = FileRecords.open(logFile);
        try {
            return recoveredNextOffset(records, baseOffset);
        } finally {
            records.close();
        }
    }

    /**
     * Re-reads every batch, checking structure and CRC, rebuilds both indexes, and truncates the
     * file at the first byte that is not part of a valid batch. Each valid batch is passed to
     * {@code onBatch} in order (to rebuild producer state). Returns the number of bytes truncated.
     */
    public int recover(int maxBatchBytes, Consumer<RecordBatch> onBatch) throws IOException {
        offsetIndex.reset();
        timeIndex.reset();
        maxTimestampSoFar = RecordBatch.NO_TIMESTAMP;
        offsetOfMaxTimestampSoFar = -1;
        bytesSinceLastIndexEntry = 0;
        int position = 0;
        int size = log.sizeInBytes();
        ByteBuffer header = ByteBuffer.allocate(RecordBatchDescriptor.HEADER_SIZE_BYTES);
        long expectedMinimumOffset = baseOffset;
        while (log.readBatchHeader(position, header)) {
            int batchSize = header.getInt(RecordBatchDescriptor.BATCH_LENGTH_OFFSET) + RecordBatchDescriptor.LOG_OVERHEAD_BYTES;
            if (batchSize < RecordBatchDescriptor.HEADER_SIZE_BYTES || batchSize > size - position || batchSize > maxBatchBytes) {
                break;
            }
            ByteBuffer bytes = ByteBuffer.allocate(batchSize);
            log.readInto(bytes, position);
            bytes.flip();
            RecordBatch batch = RecordBatch.wrap(bytes);
            if (!batch.isValid() || batch.baseOffset() < expectedMinimumOffset) {
                break;
            }
            indexRecovered(batch, position);
            onBatch.accept(batch);
            expectedMinimumOffset = batch.lastOffset() + 1;
            position += batchSize;
        }
        return log.truncateTo(position); // a torn or corrupt tail, or zeros prewritten while it was active
    }

    /**
     * For a segment that loading does not recover: cuts the zeros a crash can leave after its last
     * batch (space {@link FileRecords#prewrite prewritten} while it was active, not yet trimmed).
     * Walks the batch headers from the last offset index entry to the end of the file. Returns false
     * if what follows the last batch is not zeros: the segment then needs recovery.
     */
    public boolean trimZeroTail() throws IOException {
        int[] end = {offsetIndex.lookup(Long.MAX_VALUE).position()};
        forEachBatchHeader(end[0], header -> {
            if (header.position() + header.sizeInBytes() > log.sizeInBytes()) {
                return false;
            }
            end[0] = header.position() + header.sizeInBytes();
            return true;
        });
        if (end[0] == log.sizeInBytes()) {
            return true;
        }
        if (!log.zerosFrom(end[0])) {
            return false;
        }
        log.truncateTo(end[0]);
        return true;
    }

    private void indexRecovered(RecordBatch batch, int position) {
        if (batch.maxTimestamp() > maxTimestampSoFar) {
            maxTimestampSoFar = batch.maxTimestamp();
            offsetOfMaxTimestampSoFar = batch.lastOffset();
        }
        maybeIndex(batch.lastOffset(), position);
        bytesSinceLastIndexEntry += batch.sizeInBytes();
    }

    /**
     * Adds index entries for the batch at {@code position} once {@code index.interval.bytes} have
     * passed since the last. The indexes are sparse, so when one is full (an append of several
     * batches, or recovery of a segment written under other settings) the entry is skipped: lookups
     * scan a little further, and the log rolls before its next append.
     */
    private void maybeIndex(long batchLastOffset, int position) {
        if (bytesSinceLastIndexEntry > indexIntervalBytes && !indexesFull()) {
            offsetIndex.append(batchLastOffset, position);
            timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestampSoFar);
            bytesSinceLastIndexEntry = 0;
        }
    }

    /**
     * Removes every batch holding an offset at or above {@code offset}, cutting at a batch boundary,
     * and the index entries pointing at them. Returns the number of bytes removed.
     */
    public int truncateTo(long offset) throws IOException {
        BatchPosition batch = translateOffset(offset);
        if (batch == null) {
            return 0;
        }
        offsetIndex.truncateTo(offset);
        timeIndex.truncateTo(offset);
        // The segment may take appends again (it can become the active one): full-size indexes, as Kafka does.
        offsetIndex.resize(offsetIndex.maxIndexSizeBytes());
        timeIndex.resize(timeIndex.maxIndexSizeBytes());
        int removed = log.truncateTo(batch.position());
        reloadLargestTimestamp();
        bytesSinceLastIndexEntry = 0;
        return removed;
    }

    /** Rescans the batch headers for the largest timestamp: the sparse time index may not hold it (Kafka's loadLargestTimestamp). */
    private void reloadLargestTimestamp() throws IOException {
        long[] max = {RecordBatch.NO_TIMESTAMP, -1};
        forEachBatchHeader(0, header -> {
            if (header.maxTimestamp() > max[0]) {
                max[0] = header.maxTimestamp();
                max[1] = header.lastOffset();
            }
            return true;
        });
        maxTimestampSoFar = max[0];
        offsetOfMaxTimestampSoFar = max[1];
    }

    /**
     * The offset of the first record with a timestamp at or after {@code timestamp}, at or after
     * {@code startingOffset}, with that record's timestamp; null if no record in this segment
     * qualifies.
     */
    public TimestampOffset findOffsetByTimestamp(long timestamp, long startingOffset) throws IOException {
        TimestampOffset indexed = timeIndex.lookup(timestamp);
        int from = offsetIndex.lookup(Math.max(indexed.offset(), startingOffset)).position();
        TimestampOffset[] found = new TimestampOffset[1];
        forEachBatchHeader(from, header -> {
            if (header.maxTimestamp() >= timestamp) {
                found[0] = findInBatch(header.position(), header.sizeInBytes(), timestamp, startingOffset);
            }
            return found[0] == null;
        });
        return found[0];
    }

    private TimestampOffset findInBatch(int position, int size, long timestamp, long startingOffset) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(size);
        log.readInto(bytes, position);
        RecordBatch batch = RecordBatch.wrap(bytes.flip());
        try (RecordIterator records = batch.records()) {
            while (records.hasNext()) {
                Record record = records.next();
                if (record.timestamp() >= timestamp && record.offset() >= startingOffset) {
                    return new TimestampOffset(record.timestamp(), record.offset());
                }
            }
        } catch (CorruptRecordException e) {
            throw new IOException(log.file() + ": corrupt batch at position " + position, e);
        }
        return null;
    }

    /** Forces the log and both indexes to disk. */
    public void flush() throws IOException {
        log.flush();
        offsetIndex.flush();
        timeIndex.flush();
    }

    /**
     * Called when a newer segment becomes active: records the segment's largest timestamp in the
     * time index (the slot it keeps free for this, as Kafka does) and shrinks both index files to
     * their entries, and cuts any prewritten zeros off the log file. Nothing is fsynced here: the
     * roll happens on the append path, and the flusher makes the data durable (an index lost with a
     * power loss is rebuilt on load, as is a zero tail whose trim was lost, by {@link #trimZeroTail}).
     */
    public void onBecomeInactive() throws IOException {
        log.trimPrewritten();
        if (maxTimestampSoFar >= 0) {
            timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestampSoFar, true);
        }
        offsetIndex.trimToValidSize();
        timeIndex.trimToValidSize();
    }

    /** Called on the segment that takes appends after loading: grows the indexes back to their full size. */
    public void onBecomeActive(int maxIndexSizeBytes) throws IOException {
        offsetIndex.resize(maxIndexSizeBytes);
        timeIndex.resize(maxIndexSizeBytes);
    }

    /** Closes the files; the largest timestamp goes into the time index first, as Kafka does, so it survives. */
    public void close() throws IOException {
        if (maxTimestampSoFar >= 0 && timeIndex.isWritable()) {
            timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestampSoFar, true);
        }
        try {
            offsetIndex.close();
            timeIndex.close();
        } finally {
            log.close();
        }
    }

    /**
     * Renames the segment's files to {@code <name>.deleted}, leaving them open so reads already
     * handed out complete; {@link #delete()} later closes and removes them.
     */
    public void renameToDeleted() throws IOException {
        log.renameTo(withSuffix(log.file()));
        offsetIndex.renameTo(withSuffix(offsetIndex.file()));
        timeIndex.renameTo(withSuffix(timeIndex.file()));
    }

    private static Path withSuffix(Path file) {
        return file.resolveSibling(file.getFileName() + DELETED_FILE_SUFFIX);
    }

    /**
     * Renames the segment's three files from {@code <name><oldSuffix>} to {@code <name><newSuffix>}
     * (the cleaner's {@code .cleaned} to {@code .swap} to final names), the indexes before the log
     * file: {@link LogLoader} takes a {@code .log.swap} file as the sign of a committed swap, so
     * the log file must be the last to arrive at, and to leave, that suffix. Open readers keep reading.
     */
    public void changeFileSuffixes(String oldSuffix, String newSuffix) throws IOException {
        offsetIndex.renameTo(replaceSuffix(offsetIndex.file(), oldSuffix, newSuffix));
        timeIndex.renameTo(replaceSuffix(timeIndex.file(), oldSuffix, newSuffix));
        log.renameTo(replaceSuffix(log.file(), oldSuffix, newSuffix));
    }

    private static Path replaceSuffix(Path file, String oldSuffix, String newSuffix) {
        String name = file.getFileName().toString();
        if (!name.endsWith(oldSuffix)) {
            throw new IllegalArgumentException(file + " does not end with '" + oldSuffix + "'");
        }
        return file.resolveSibling(name.substring(0, name.length() - oldSuffix.length()) + newSuffix);
    }

    /** The modification time of the {@code .log} file. */
    public long lastModifiedMs() throws IOException {
        return Files.getLastModifiedTime(log.file()).toMillis();
    }

    /** Sets the modification time of the {@code .log} file (a cleaned segment takes its originals' time). */
    public void setLastModifiedMs(long timeMs) throws IOException {
        Files.setLastModifiedTime(log.file(), java.nio.file.attribute.FileTime.fromMillis(timeMs));
    }

    /**
     * The time retention measures from: the largest record timestamp, or the file's modification
     * time if no record has one (Kafka's {@code largestTimestamp}).
     */
    public long largestTimestamp() throws IOException {
        long max = maxTimestampSoFar;
        return max >= 0 ? max : Files.getLastModifiedTime(log.file()).toMillis();
    }

    /** Closes and removes the segment's files. */
    public void delete() throws IOException {
        close();
        Files.deleteIfExists(log.file());
        offsetIndex.deleteIfExists();
        timeIndex.deleteIfExists();
    }

    @Override
    public String toString() {
        return "LogSegment(baseOffset=" + baseOffset + ", size=" + sizeInBytes() + ")";
    }
}
