package io.tributary.storage.cleaner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.records.CompressionType;
import io.tributary.storage.LogConfig;
import io.tributary.storage.LogSegment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.DumpLogSegments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka's own {@code kafka-dump-log} ({@code DumpLogSegments} of the pinned kafka-tools) reads the
 * segments the cleaner wrote: every batch valid, offset and time indexes that pass its sanity
 * check and agree with the log, on a log with compressed batches, tombstones with a delete horizon
 * and empty batches.
 */
class CleanedSegmentsDumpLogTest {

    private static final List<String> KAFKA_COMPLAINTS = List.of("Mismatches in", "timestamp mismatch", "out of order",
            "not found in the log", "invalid bytes", "corrupt", "Exception");

    @TempDir
    Path dir;

    @Test
    void kafkasDumpLogToolFindsCleanedSegmentsAndTheirIndexesConsistent() throws Exception {
        LogConfig config = CompactedLogFixture.compacted(8 * 1024).toBuilder().indexIntervalBytes(128).build();
        Path partitionDir;
        try (CompactedLogFixture f = new CompactedLogFixture(dir, config)) {
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 100; i++) {
                    CompressionType codec = i % 3 == 0 ? CompressionType.LZ4 : CompressionType.NONE;
                    f.append(codec, "key-" + (i % 40), "value-" + round + "-" + i, "key-" + (i % 7 + 100), i % 10 == 0 ? null : "x");
                }
                f.rollAndCommit();
                f.cleanOnce();
            }
            partitionDir = f.log.dir();
            assertTrue(f.log.segments().size() > 1, "several cleaned segments");
        }

        List<Path> logs;
        try (Stream<Path> files = Files.list(partitionDir)) {
            logs = files.filter(p -> p.getFileName().toString().endsWith(LogSegment.LOG_SUFFIX)).sorted().toList();
        }
        for (Path log : logs) {
            String base = log.getFileName().toString().replace(LogSegment.LOG_SUFFIX, "");
            Path index = partitionDir.resolve(base + LogSegment.INDEX_SUFFIX);
            Path timeIndex = partitionDir.resolve(base + LogSegment.TIME_INDEX_SUFFIX);
            String dump = dumpLogSegments("--files", String.join(",", log.toString(), index.toString(), timeIndex.toString()),
                    "--deep-iteration", "--index-sanity-check");
            assertFalse(dump.contains("fail"), dump);
            String verify = dumpLogSegments("--files", index + "," + timeIndex, "--verify-index-only");
            for (String complaint : KAFKA_COMPLAINTS) {
                assertFalse(dump.contains(complaint), log + ": " + complaint + "\n" + dump);
                assertFalse(verify.contains(complaint), log + ": " + complaint + "\n" + verify);
            }
        }
    }

    /** Runs DumpLogSegments in this JVM; returns what it printed, and fails if it exited with an error. */
    private static synchronized String dumpLogSegments(String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        int[] status = {0};
        Exit.setExitProcedure((code, message) -> {
            status[0] = code;
            throw new IllegalStateException("exit " + code);
        });
        try {
            PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8);
            System.setOut(capture);
            System.setErr(capture);
            DumpLogSegments.main(args);
        } catch (IllegalStateException e) {
            // the tool called Exit.exit; the status says how it ended
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            Exit.resetExitProcedure();
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status[0], "DumpLogSegments " + String.join(" ", args) + " failed:\n" + printed);
        return printed;
    }
}
