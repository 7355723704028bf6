package io.tributary.storage.cleaner;

import io.tributary.common.ManualTime;
import io.tributary.records.CompressionType;
import io.tributary.records.MemoryRecords;
import io.tributary.records.Record;
import io.tributary.records.RecordBatch;
import io.tributary.records.RecordBatchBuilder;
import io.tributary.records.RecordIterator;
import io.tributary.storage.FetchDataInfo;
import io.tributary.storage.LogConfig;
import io.tributary.storage.LogManager;
import io.tributary.storage.PartitionLog;
import io.tributary.storage.TopicPartition;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A compacted partition log in a real log directory with a manual clock, and a log cleaner without
 * threads that the test runs one pass at a time: the common setup of the cleaner tests.
 */
final class CompactedLogFixture implements AutoCloseable {

    static final TopicPartition TP = new TopicPartition("compacted", 0);

    final ManualTime time = new ManualTime();
    final LogManager manager;
    final PartitionLog log;
    final LogCleaner cleaner;
    private final CleanerConfig cleanerConfig;

    CompactedLogFixture(Path dir, LogConfig config) throws Exception {
        this(dir, config, CleanerConfig.defaults().withDedupeBufferSize(4L * 1024 * 1024));
    }

    CompactedLogFixture(Path dir, LogConfig config, CleanerConfig cleanerConfig) throws Exception {
        this.cleanerConfig = cleanerConfig;
        manager = new LogManager(List.of(dir), config, time, 1, 60_000, 60_000);
        manager.startup();
        log = manager.getOrCreateLog(TP, config);
        cleaner = manager.startLogCleaner(new CleanerConfig(0, cleanerConfig.dedupeBufferSize(),
                cleanerConfig.dedupeBufferLoadFactor(), cleanerConfig.ioBufferSize(), cleanerConfig.maxIoBytesPerSecond(),
                cleanerConfig.backoffMs(), true));
    }

    /** A compacted log config: {@code segment.bytes} as given, no dirty-ratio threshold, no deletion by retention. */
    static LogConfig compacted(int segmentBytes) {
        return LogConfig.builder().compactEnabled(true).deleteEnabled(false).segmentBytes(segmentBytes)
                .minCleanableDirtyRatio(0.0).build();
    }

    /** Appends one batch of key/value pairs ({@code "k1", "v1", "k2", null, ...}; a null value is a tombstone). */
    void append(CompressionType compression, String... keysAndValues) {
        RecordBatchBuilder builder = new RecordBatchBuilder().compression(compression);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            builder.append(time.milliseconds(), bytes(keysAndValues[i]), bytes(keysAndValues[i + 1]));
        }
        log.appendAsLeader(builder.build(), 0);
    }

    void append(String... keysAndValues) {
        append(CompressionType.NONE, keysAndValues);
    }

    /** Appends {@code count} single-record batches "key-(i % keys)" = "value-offset". */
    void appendUpdates(int count, int keys) {
        for (int i = 0; i < count; i++) {
            append("key-" + (i % keys), "value-" + log.logEndOffset());
        }
    }

    /** Rolls to a new active segment, then makes everything committed and durable: all of it becomes cleanable. */
    void rollAndCommit() throws Exception {
        log.roll();
        log.updateHighWatermark(log.logEndOffset());
        if (log.logEndOffset() > 0) {
            log.awaitDurable(log.logEndOffset() - 1).get(10, TimeUnit.SECONDS);
        }
    }

    /** One cleaning pass on the calling thread; false if nothing was cleanable. */
    boolean cleanOnce() throws InterruptedException {
        return cleanOnce(PartitionLog.SwapListener.NONE);
    }

    boolean cleanOnce(PartitionLog.SwapListener listener) throws InterruptedException {
        return cleaner.cleanFilthiestLog(cleaner.newCleaner(listener));
    }

    /** Every batch of the log, copied. */
    static List<RecordBatch> batches(PartitionLog log) {
        List<RecordBatch> batches = new ArrayList<>();
        long offset = log.logStartOffset();
        while (offset < log.logEndOffset()) {
            FetchDataInfo info = log.read(offset, 1 << 20, log.logEndOffset(), true);
            ByteBuffer bytes = ByteBuffer.allocate(info.records().sizeInBytes());
            info.records().copyTo(bytes);
            long before = offset;
            for (RecordBatch batch : MemoryRecords.readableRecords(bytes.flip()).completeBatches()) {
                batches.add(batch);
                offset = batch.nextOffset();
            }
            if (offset == before) {
                break;
            }
        }
        return batches;
    }

    /** Every record of the log as "offset:key=value" (value "null" for a tombstone), in offset order. */
    static List<String> records(PartitionLog log) {
        List<String> out = new ArrayList<>();
        for (RecordBatch batch : batches(log)) {
            try (RecordIterator records = batch.records()) {
                while (records.hasNext()) {
                    Record r = records.next();
                    out.add(r.offset() + ":" + string(r.key()) + "=" + string(r.value()));
                }
            }
        }
        return out;
    }

    /** The latest value of each key (null for a tombstone), replaying the log as a consumer would. */
    static Map<String, String> latest(PartitionLog log) {
        Map<String, String> latest = new LinkedHashMap<>();
        for (String record : records(log)) {
            String keyValue = record.substring(record.indexOf(':') + 1);
            String key = keyValue.substring(0, keyValue.indexOf('='));
            String value = keyValue.substring(keyValue.indexOf('=') + 1);
            latest.put(key, value.equals("null") ? null : value);
        }
        return latest;
    }

    static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    static String string(ByteBuffer b) {
        return b == null ? "null" : StandardCharsets.UTF_8.decode(b).toString();
    }

    @Override
    public void close() throws Exception {
        manager.close();
    }
}
