package io.tributary.storage.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.ManualTime;
import io.tributary.records.CompressionType;
import io.tributary.records.Header;
import io.tributary.records.MemoryRecords;
import io.tributary.records.RecordBatchBuilder;
import io.tributary.records.RecordBatchDescriptor;
import io.tributary.storage.LogAppendInfo;
import io.tributary.storage.LogConfig;
import io.tributary.storage.LogManager;
import io.tributary.storage.LogSegment;
import io.tributary.storage.PartitionLog;
import io.tributary.storage.TopicPartition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.DumpLogSegments;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operators can read our logs with Kafka's own {@code kafka-dump-log} (DESIGN D4): Kafka's
 * {@code DumpLogSegments} (kafka-tools, the pinned version) reads segments, offset indexes and
 * time indexes written by a cleanly closed {@link LogManager}, finds every batch valid, every record
 * where we put it, and no index entry that disagrees with the log.
 *
 * <p>The logs mix every compression codec, null and non-null keys, records with and without
 * headers, timestamps that go back now and then (so the time index must track the largest so far),
 * and one partition with {@code message.timestamp.type=LogAppendTime}. Small segments and a small
 * {@code index.interval.bytes} give several segments with several index entries each.
 *
 * <p>The tool runs in this JVM: its {@code Exit} procedures are replaced to report a status
 * instead of ending the JVM, and its standard output and error are captured. The expected output
 * follows DumpLogSegments' format in Kafka 4.3 exactly, line by line.
 */
class KafkaDumpLogTest {

    private static final TopicPartition CREATE_TIME = new TopicPartition("dump-create-time", 0);
    private static final TopicPartition LOG_APPEND_TIME = new TopicPartition("dump-log-append-time", 1);
    private static final int LEADER_EPOCH = 5;
    private static final int BATCHES_PER_PARTITION = 80;
    private static final long FIRST_TIMESTAMP = 1_700_000_000_000L;
    private static final List<String> KAFKA_COMPLAINTS = List.of("Mismatches in", "Non-consecutive", "timestamp mismatch",
            "out of order", "not found in the log", "invalid bytes", "corrupt", "Exception");
    private static final Pattern FIRST_OFFSET_QUIRK =
            Pattern.compile("Non-consecutive offsets in \\S*?(\\d{20})\\.log\\R  -1 is followed by (\\d+)\\R?");

    @TempDir
    static Path logDir;

    /** What was appended, per partition, in offset order. */
    private static final Map<TopicPartition, List<AppendedBatch>> appended = new TreeMap<>();

    record AppendedRecord(long offset, long timestamp, String key, String value, List<String> headerKeys) {
    }

    record AppendedBatch(long baseOffset, long lastOffset, CompressionType codec, boolean logAppendTime, long maxTimestamp,
                         List<AppendedRecord> records) {
    }

    /** A batch as it lies in a segment file, read back by our own code: where, how long, with which CRC. */
    record StoredBatch(long baseOffset, long lastOffset, int position, int size, long crc) {
    }

    /** What one run of the tool printed and how it ended. */
    record ToolRun(int status, List<String> out, String err) {
    }

    @BeforeAll
    static void writeLogsAndCloseCleanly() throws Exception {
        ManualTime time = new ManualTime(FIRST_TIMESTAMP);
        LogConfig config = LogConfig.defaults().withSegmentBytes(4096).withIndexIntervalBytes(256);
        LogManager manager = new LogManager(List.of(logDir), config, time, 1, 60_000, 60_000);
        manager.startup();
        appended.put(CREATE_TIME, appendMixedBatches(manager.getOrCreateLog(CREATE_TIME), time, false));
        appended.put(LOG_APPEND_TIME, appendMixedBatches(manager.getOrCreateLog(LOG_APPEND_TIME, config.withLogAppendTime(true)), time, true));
        for (TopicPartition tp : appended.keySet()) {
            assertTrue(manager.getLog(tp).segments().size() >= 3, tp + " should span several segments");
        }
        manager.close();
    }

    private static List<AppendedBatch> appendMixedBatches(PartitionLog log, ManualTime time, boolean logAppendTime) {
        CompressionType[] codecs = CompressionType.values();
        List<AppendedBatch> batches = new ArrayList<>();
        for (int i = 0; i < BATCHES_PER_PARTITION; i++) {
            CompressionType codec = codecs[i % codecs.length];
            long firstOffset = log.logEndOffset();
            long batchTimestamp = i % 7 == 6 ? time.milliseconds() - 50_000 : time.milliseconds();
            RecordBatchBuilder builder = new RecordBatchBuilder().compression(codec);
            List<AppendedRecord> records = new ArrayList<>();
            for (int j = 0; j < 1 + i % 4; j++) {
                long offset = firstOffset + j;
                String key = j % 3 == 0 ? null : "key-" + offset;
                String value = "value-" + offset + "-" + codec.configName();
                List<Header> headers = new ArrayList<>();
                for (int h = 0; h < (i + j) % 3; h++) {
                    headers.add(Header.ofUtf8("h" + h, "header-" + h + "-of-" + offset));
                }
                long timestamp = batchTimestamp + 10L * j;
                builder.append(timestamp, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                        value.getBytes(StandardCharsets.UTF_8), headers.toArray(Header[]::new));
                records.add(new AppendedRecord(offset, timestamp, key, value, headers.stream().map(Header::key).toList()));
            }
            MemoryRecords batch = builder.build();
            LogAppendInfo info = log.appendAsLeader(batch, LEADER_EPOCH);
            assertEquals(firstOffset, info.firstOffset());
            if (logAppendTime) {
                records = records.stream().map(r -> new AppendedRecord(r.offset(), info.logAppendTimeMs(), r.key(), r.value(),
                        r.headerKeys())).toList();
            }
            long maxTimestamp = records.stream().mapToLong(AppendedRecord::timestamp).max().orElseThrow();
            batches.add(new AppendedBatch(info.firstOffset(), info.lastOffset(), codec, logAppendTime, maxTimestamp, records));
            time.advance(1000, TimeUnit.MILLISECONDS);
        }
        return batches;
    }

    @Test
    void kafkaReadsEveryBatchAndRecordAsWritten() throws Exception {
        for (TopicPartition tp : appended.keySet()) {
            long segmentsWithBatches = 0;
            for (Path segment : segmentFiles(tp, LogSegment.LOG_SUFFIX)) {
                ToolRun run = dumpLogSegments("--files", segment.toString(), "--deep-iteration", "--print-data-log");
                assertToolSucceeded(run, segment);
                assertEquals(expectedDump(tp, segment), run.out(), "kafka-dump-log of " + segment);
                segmentsWithBatches += Files.size(segment) > 0 ? 1 : 0;
            }
            assertTrue(segmentsWithBatches >= 3, tp + ": too few segments to test anything");
        }
    }

    @Test
    void everyOffsetIndexEntryPointsAtTheBatchEndingAtItsOffset() throws Exception {
        Pattern entry = Pattern.compile("offset: (\\d+) position: (\\d+)");
        for (TopicPartition tp : appended.keySet()) {
            int entries = 0;
            for (Path index : segmentFiles(tp, LogSegment.INDEX_SUFFIX)) {
                ToolRun run = dumpLogSegments("--files", index.toString());
                assertToolSucceeded(run, index);
                List<StoredBatch> stored = storedBatches(logFileOf(index));
                List<String> lines = linesAfterHeader(run, index);
                if (Files.size(index) == 0) {
                    assertEquals(List.of(index + " is empty."), lines);
                    continue;
                }
                assertEquals(Files.size(index) / 8, lines.size(), index + ": one line per 8-byte entry");
                for (String line : lines) {
                    Matcher m = matchOrFail(entry, line, index);
                    long offset = Long.parseLong(m.group(1));
                    int position = Integer.parseInt(m.group(2));
                    assertTrue(stored.stream().anyMatch(b -> b.position() == position && b.lastOffset() == offset),
                            index + ": entry " + line + " is not the last offset and position of a batch");
                    entries++;
                }
            }
            assertTrue(entries >= 5, tp + ": too few offset index entries to test anything (" + entries + ")");
        }
    }

    @Test
    void everyTimeIndexEntryIsTheLargestTimestampSoFarAndTheBatchHoldingIt() throws Exception {
        Pattern entry = Pattern.compile("timestamp: (-?\\d+) offset: (\\d+)");
        for (TopicPartition tp : appended.keySet()) {
            int entries = 0;
            for (Path timeIndex : segmentFiles(tp, LogSegment.TIME_INDEX_SUFFIX)) {
                ToolRun run = dumpLogSegments("--files", timeIndex.toString());
                assertToolSucceeded(run, timeIndex);
                long previous = Long.MIN_VALUE;
                for (String line : linesAfterHeader(run, timeIndex)) {
                    Matcher m = matchOrFail(entry, line, timeIndex);
                    long timestamp = Long.parseLong(m.group(1));
                    long offset = Long.parseLong(m.group(2));
                    AppendedBatch batch = batchEndingAt(tp, offset);
                    assertEquals(batch.maxTimestamp(), timestamp, timeIndex + ": " + line + " names the wrong batch");
                    assertEquals(largestTimestampUpTo(tp, offset), timestamp, timeIndex + ": " + line + " is not the largest so far");
                    assertTrue(timestamp > previous, timeIndex + ": timestamps must increase, " + line + " follows " + previous);
                    previous = timestamp;
                    entries++;
                }
            }
            assertTrue(entries >= 5, tp + ": too few time index entries to test anything (" + entries + ")");
        }
    }

    @Test
    void timeIndexOfEveryCleanlyClosedSegmentEndsWithItsLargestTimestamp() throws Exception {
        Pattern entry = Pattern.compile("timestamp: (-?\\d+) offset: (\\d+)");
        for (TopicPartition tp : appended.keySet()) {
            for (Path log : segmentFiles(tp, LogSegment.LOG_SUFFIX)) {
                Path timeIndex = indexFileOf(log, LogSegment.TIME_INDEX_SUFFIX);
                ToolRun run = dumpLogSegments("--files", timeIndex.toString());
                assertToolSucceeded(run, timeIndex);
                List<String> lines = linesAfterHeader(run, timeIndex);
                AppendedBatch largest = null;
                for (StoredBatch stored : storedBatches(log)) {
                    AppendedBatch batch = batchEndingAt(tp, stored.lastOffset());
                    largest = largest == null || batch.maxTimestamp() > largest.maxTimestamp() ? batch : largest;
                }
                String expected = "timestamp: " + largest.maxTimestamp() + " offset: " + largest.lastOffset();
                assertFalse(lines.isEmpty(), timeIndex + ": no entry; expected the last to be '" + expected + "'");
                matchOrFail(entry, lines.get(lines.size() - 1), timeIndex);
                assertEquals(expected, lines.get(lines.size() - 1), timeIndex + ": Kafka reads a segment's largest timestamp "
                        + "from the last time index entry, which LogSegment.close() writes");
            }
        }
    }

    @Test
    void indexesPassKafkasSanityCheck() throws Exception {
        for (TopicPartition tp : appended.keySet()) {
            for (Path log : segmentFiles(tp, LogSegment.LOG_SUFFIX)) {
                Path index = indexFileOf(log, LogSegment.INDEX_SUFFIX);
                Path timeIndex = indexFileOf(log, LogSegment.TIME_INDEX_SUFFIX);
                ToolRun run = dumpLogSegments("--files", String.join(",", log.toString(), index.toString(), timeIndex.toString()),
                        "--deep-iteration", "--print-data-log", "--index-sanity-check");
                assertToolSucceeded(run, log);
                assertTrue(run.out().contains(index + " passed sanity check.") || Files.size(index) == 0 && run.out().contains(index + " is empty."),
                        index + ": " + run.out());
                assertTrue(run.out().contains(timeIndex + " passed sanity check."), timeIndex + ": " + run.out());
                assertTrue(run.out().containsAll(expectedDump(tp, log)), log + ": the log dump differs:\n" + String.join("\n", run.out()));
            }
        }
    }

    @Test
    void kafkasIndexVerificationFindsNoMismatch() throws Exception {
        for (TopicPartition tp : appended.keySet()) {
            for (Path log : segmentFiles(tp, LogSegment.LOG_SUFFIX)) {
                Path index = indexFileOf(log, LogSegment.INDEX_SUFFIX);
                Path timeIndex = indexFileOf(log, LogSegment.TIME_INDEX_SUFFIX);
                ToolRun run = dumpLogSegments("--files", index + "," + timeIndex, "--verify-index-only");
                assertToolSucceeded(run, log);
                List<String> printed = run.out().stream()
                        .filter(line -> !line.startsWith("Dumping ") && !line.endsWith(" is empty."))
                        .toList();
                assertEquals(List.of(), printed, log + ": --verify-index-only prints only problems");
            }
        }
    }

    /** The tool's output for a segment, built from what was appended and where our code says it lies. */
    private static List<String> expectedDump(TopicPartition tp, Path segment) throws IOException {
        long base = Long.parseLong(segment.getFileName().toString().substring(0, 20));
        List<String> lines = new ArrayList<>();
        lines.add("Dumping " + segment);
        lines.add("Log starting offset: " + base);
        for (StoredBatch stored : storedBatches(segment)) {
            AppendedBatch batch = batchEndingAt(tp, stored.lastOffset());
            assertEquals(batch.baseOffset(), stored.baseOffset(), segment + ": batch boundaries differ from the appends");
            String timestampType = batch.logAppendTime() ? "LogAppendTime" : "CreateTime";
            lines.add("baseOffset: " + batch.baseOffset() + " lastOffset: " + batch.lastOffset() + " count: " + batch.records().size()
                    + " baseSequence: -1 lastSequence: -1 producerId: -1 producerEpoch: -1 partitionLeaderEpoch: " + LEADER_EPOCH
                    + " isTransactional: false isControl: false deleteHorizonMs: OptionalLong.empty"
                    + " position: " + stored.position() + " " + timestampType + ": " + batch.maxTimestamp()
                    + " size: " + stored.size() + " magic: 2 compresscodec: " + batch.codec().configName()
                    + " crc: " + stored.crc() + " isvalid: true");
            for (AppendedRecord record : batch.records()) {
                lines.add("| offset: " + record.offset() + " " + timestampType + ": " + record.timestamp()
                        + " keySize: " + (record.key() == null ? -1 : record.key().length()) + " valueSize: " + record.value().length()
                        + " sequence: -1 headerKeys: [" + String.join(",", record.headerKeys()) + "]"
                        + (record.key() == null ? "" : " key: " + record.key()) + " payload: " + record.value());
            }
        }
        return lines;
    }

    private static AppendedBatch batchEndingAt(TopicPartition tp, long lastOffset) {
        return appended.get(tp).stream().filter(b -> b.lastOffset() == lastOffset).findFirst()
                .orElseThrow(() -> new AssertionError(tp + ": no batch ends at offset " + lastOffset));
    }

    private static long largestTimestampUpTo(TopicPartition tp, long offset) {
        return appended.get(tp).stream().filter(b -> b.lastOffset() <= offset).mapToLong(AppendedBatch::maxTimestamp).max().orElseThrow();
    }

    /** The batches in a segment file as our code lays them out. */
    private static List<StoredBatch> storedBatches(Path segment) throws IOException {
        ByteBuffer content = ByteBuffer.wrap(Files.readAllBytes(segment));
        List<StoredBatch> batches = new ArrayList<>();
        int position = 0;
        while (position < content.limit()) {
            int size = content.getInt(position + RecordBatchDescriptor.BATCH_LENGTH_OFFSET) + RecordBatchDescriptor.LOG_OVERHEAD_BYTES;
            long base = content.getLong(position + RecordBatchDescriptor.BASE_OFFSET_OFFSET);
            long last = base + content.getInt(position + RecordBatchDescriptor.LAST_OFFSET_DELTA_OFFSET);
            long crc = Integer.toUnsignedLong(content.getInt(position + RecordBatchDescriptor.CRC_OFFSET));
            batches.add(new StoredBatch(base, last, position, size, crc));
            position += size;
        }
        return batches;
    }

    /**
     * Runs Kafka's {@code DumpLogSegments.main} in this JVM: status 0 when it returns. Where the tool
     * gives up it calls {@code Exit.exit}, which is turned into an exception carrying the status so
     * that the test JVM survives it.
     */
    private static synchronized ToolRun dumpLogSegments(String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        Exit.setExitProcedure((status, message) -> {
            throw new ToolExited(status);
        });
        Exit.setHaltProcedure((status, message) -> {
            throw new ToolExited(status);
        });
        int status;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            DumpLogSegments.main(args);
            status = 0;
        } catch (ToolExited e) {
            status = e.status;
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            Exit.resetExitProcedure();
            Exit.resetHaltProcedure();
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        return new ToolRun(status, lines, err.toString(StandardCharsets.UTF_8));
    }

    private static final class ToolExited extends RuntimeException {
        final int status;

        ToolExited(int status) {
            super("exit " + status, null, false, false);
            this.status = status;
        }
    }

    private static void assertToolSucceeded(ToolRun run, Path file) {
        String err = withoutFirstOffsetQuirk(run.err());
        String all = String.join("\n", run.out()) + "\n" + err;
        assertEquals(0, run.status(), file + ": DumpLogSegments failed:\n" + all);
        assertEquals("", err.strip(), file + ": DumpLogSegments complained:\n" + all);
        for (String complaint : KAFKA_COMPLAINTS) {
            assertFalse(all.contains(complaint), file + ": DumpLogSegments reported '" + complaint + "':\n" + all);
        }
    }

    /**
     * Removes the one complaint Kafka 4.3's DumpLogSegments makes about every segment not starting
     * at offset 0, Kafka's own included: it starts counting at -1 and so reports "-1 is followed by
     * &lt;base offset&gt;" (the Scala tool it was ported from skipped the first record). Any other
     * non-consecutive pair stays.
     */
    private static String withoutFirstOffsetQuirk(String err) {
        Matcher m = FIRST_OFFSET_QUIRK.matcher(err);
        StringBuilder kept = new StringBuilder();
        while (m.find()) {
            boolean quirk = Long.parseLong(m.group(1)) == Long.parseLong(m.group(2));
            m.appendReplacement(kept, quirk ? "" : Matcher.quoteReplacement(m.group()));
        }
        m.appendTail(kept);
        return kept.toString();
    }

    private static List<String> linesAfterHeader(ToolRun run, Path file) {
        assertEquals("Dumping " + file, run.out().get(0));
        return run.out().subList(1, run.out().size());
    }

    private static Matcher matchOrFail(Pattern pattern, String line, Path file) {
        Matcher m = pattern.matcher(line);
        assertTrue(m.matches(), file + ": unexpected line '" + line + "'");
        return m;
    }

    private static List<Path> segmentFiles(TopicPartition tp, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(logDir.resolve(tp.toString()))) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().collect(Collectors.toList());
            assertFalse(found.isEmpty(), tp + ": no " + suffix + " files");
            return found;
        }
    }

    private static Path logFileOf(Path indexFile) {
        String name = indexFile.getFileName().toString();
        return indexFile.resolveSibling(name.substring(0, name.indexOf('.')) + LogSegment.LOG_SUFFIX);
    }

    private static Path indexFileOf(Path logFile, String suffix) {
        String name = logFile.getFileName().toString();
        return logFile.resolveSibling(name.substring(0, name.indexOf('.')) + suffix);
    }
}
