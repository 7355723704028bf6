package io.tributary.storage.cleaner;

import static io.tributary.storage.cleaner.CompactedLogFixture.batches;
import static io.tributary.storage.cleaner.CompactedLogFixture.compacted;
import static io.tributary.storage.cleaner.CompactedLogFixture.latest;
import static io.tributary.storage.cleaner.CompactedLogFixture.records;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.records.CompressionType;
import io.tributary.records.RecordBatch;
import io.tributary.records.RecordBatchBuilder;
import io.tributary.storage.LogConfig;
import io.tributary.storage.LogSegment;
import io.tributary.storage.checkpoint.OffsetCheckpointFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What one cleaning pass keeps, drops and rewrites, on a real log with a manual clock. */
class CleanerTest {

    @TempDir
    Path dir;

    @Test
    void cleaningKeepsTheLatestRecordPerKeyAtItsOriginalOffset() throws Exception {
        try (CompactedLogFixture f = new CompactedLogFixture(dir, compacted(1024))) {
            f.append("a", "a0", "b", "b0");
            f.append("a", "a1");
            f.append("c", "c0", "b", "b1");
            f.append("a", "a2");
            f.rollAndCommit();

            assertTrue(f.cleanOnce());

            assertEquals(List.of("3:c=c0", "4:b=b1", "5:a=a2"), records(f.log));
            assertEquals(6, f.log.logEndOffset());
            assertEquals(0, f.log.logStartOffset());
        }
    }

    @Test
    void aRewrittenBatchKeepsItsLastOffsetSoTheNextBatchStillFollowsIt() throws Exception {
        try (CompactedLogFixture f = new CompactedLogFixture(dir, compacted(1024))) {
            f.append("a", "a0", "b", "b0", "c", "c0");
            f.append("a", "a1", "c", "c1");
            f.rollAndCommit();

            f.cleanOnce();

            List<RecordBatch> batches = batches(f.log);
            assertEquals(0, batches.get(0).baseOffset());
            assertEquals(2, batches.get(0).lastOffset(), "the batch still ends at offset 2 though only 'b' at 1 is left");
            assertEquals(1, batches.get(0).recordCount());
            assertEquals(3, batches.get(1).baseOffset());
        }
    }

    @Test
    void recordsWithoutKeysAreDropped() throws Exception {
        try (CompactedLogFixture f = new CompactedLogFixture(dir, compacted(1024))) {
            // A compacted topic refuses keyless records; they get in while the topic's policy is delete.
            LogConfig compact = f.log.config();
            f.log.updateConfig(compact.toBuilder().compactEnabled(false).deleteEnabled(true).build());
            f.log.appendAsLeader(new RecordBatchBuilder().append(f.time.milliseconds(), null,
                    CompactedLogFixture.bytes("keyless")).build(), 0);
            f.log.updateConfig(compact);
            f.append("a", "a0");
            f.rollAndCommit();

            f.cleanOnce();

            assertEquals(List.of("1:a=a0"), records(f.log));
        }
    }

    @Test
    void cleaningSpansManySegmentsAndMergesThemUpToSegmentBytes() throws Exception {
        try (CompactedLogFixture f = new CompactedLogFixture(dir, compacted(600))) {
            f.appendUpdates(500, 10);
            f.rollAndCommit();
            int segmentsBefore = f.log.segments().size();

            f.cleanOnce(); // groups are sized by the segments before cleaning: full ones stay apart
            f.append("key-0", "value-490");
            f.rollAndCommit();
            f.cleanOnce(); // now the small cleaned segments merge

            Map<String, String> latest = latest(f.log);
            assertEquals(10, records(f.log).size(), "one record per key");
            for (int k = 0; k < 10; k++) {
                assertEquals("value-" + (490 + k), latest.get("key-" + k), "key-" + k);
            }
            assertTrue(f.log.segments().size() < segmentsBefore, "segments merged: " + f.log.segments().size());
            for (LogSegment segment : f.log.segments()) {
                assertTrue(segment.sizeInBytes() <= 600, segment + " exceeds segment.bytes");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"GZIP", "SNAPPY", "LZ4", "ZSTD"})
    void compressedBatchesAreRewrittenWithTheSameCodec(CompressionType codec) throws Exception {
        try (CompactedLogFixture f = new CompactedLogFixture(dir, compacted(4096))) {
            f.append(codec, "a", "a0", "b", "b0", "c", "c0");
            f.append(codec, "a", "a1");
            f.rollAndCommit();

            f.cleanOnce();

            assertEquals(List.of("1:b=b0", "2:c=c0", "3:a=a1"), records(f.log));
            for (RecordBatch batch : batches(f.log)) {
                assertEquals(codec, batch.compressionType());
                batch.ensureValid();
            }
        }
    }

    @Test
    void tombstonesStayForDeleteRetentionMsAfterTheirFirstCleaningThenGo() throws Exception {
        LogConfig config = compacted(1024).toBuilder().deleteRetentionMs(TimeUnit.HOURS.toMillis(1)).build();
        try (CompactedLogFixture f = new CompactedLogFixture(dir, config)) {
            f.append("a", "a0", "b", "b0");
            f.append("a", null);
            f.rollAndCommit();

            f.cleanOnce();
            assertEquals(List.of("1:b=b0", "2:a=null"), records(f.log), "the tombstone stays; the value it deletes goes");
            RecordBatch tombstoneBatch = batches(f.log).get(1);
            assertEquals(f.time.milliseconds() + TimeUnit.HOURS.toMillis(1), tombstoneBatch.deleteHorizonMs().getAsLong());

            f.time.advance(59, TimeUnit.MINUTES);
            f.append("c", "c0");
            f.rollAndCommit();
            f.cleanOnce();
            assertTrue(records(f.log).contains("2:a=null"), "still within delete.retention.ms");

            f.time.advance(2, TimeUnit.MINUTES);
            f.append("d", "d0");
            f.rollAndCommit();
            f.cleanOnce();
            assertEquals(List.of("1:b=b0", "3:c=c0", "4:d=d0"), records(f.log));
            assertFalse(latest(f.log).containsKey("a"), "the deleted key is gone");
        }
    }

    @Test
    void theLastBatchOfACleanedSegmentStaysAsAnEmptyBatchSoSegmentsStayContiguous() throws Exception {
        try (CompactedLogFixture f = new CompactedLogFixture(dir, compacted(100))) { // a segment per batch, none merged
            f.append("a", "a0");
            f.rollAndCommit();
            f.append("a", "a1");
            f.rollAndCommit();

            f.cleanOnce();

            List<RecordBatch> batches = batches(f.log);
            assertEquals(0, batches.get(0).recordCount());
            assertEquals(0, batches.get(0).lastOffset());
            batches.get(0).ensureValid();
            assertEquals(List.of("1:a=a1"), records(f.log));
        }
    }

    @Test
    void theActiveSegmentIsNeverCleaned() throws Exception {
        try (CompactedLogFixture f = new CompactedLogFixture(dir, compacted(1024 * 1024))) {
            f.append("a", "a0");
            f.append("a", "a1");
            f.log.updateHighWatermark(f.log.logEndOffset());

            assertFalse(f.cleanOnce(), "everything is in the active segment");
            assertEquals(2, records(f.log).size());
        }
    }

    @Test
    void minCompactionLagHoldsBackSegmentsWithRecentRecords() throws Exception {
        LogConfig config = compacted(1024).toBuilder().minCompactionLagMs(TimeUnit.MINUTES.toMillis(10)).build();
        try (CompactedLogFixture f = new CompactedLogFixture(dir, config)) {
            f.append("a", "a0");
            f.append("a", "a1");
            f.rollAndCommit();

            assertFalse(f.cleanOnce(), "the segment's records are younger than min.compaction.lag.ms");
            assertEquals(2, records(f.log).size());

            f.time.advance(11, TimeUnit.MINUTES);
            assertTrue(f.cleanOnce());
            assertEquals(List.of("1:a=a1"), records(f.log));
        }
    }

    @Test
    void aLogBelowTheMinimumDirtyRatioIsLeftAlone() throws Exception {
        LogConfig config = compacted(1024).toBuilder().minCleanableDirtyRatio(0.9).build();
        try (CompactedLogFixture f = new CompactedLogFixture(dir, config)) {
            f.appendUpdates(20, 5);
            f.rollAndCommit();
            assertTrue(f.cleanOnce(), "a never-cleaned log is all dirty");
            f.append("key-0", "new");
            f.rollAndCommit();

            LogToClean measured = f.cleaner.measure(f.log, f.time.milliseconds());
            assertTrue(measured.cleanableRatio() < 0.9, "ratio " + measured.cleanableRatio());
            assertFalse(f.cleanOnce());
        }
    }

    @Test
    void maxCompactionLagForcesCleaningBelowTheMinimumDirtyRatio() throws Exception {
        LogConfig config = compacted(1024).toBuilder().minCleanableDirtyRatio(0.9)
                .maxCompactionLagMs(TimeUnit.HOURS.toMillis(1)).build();
        try (CompactedLogFixture f = new CompactedLogFixture(dir, config)) {
            f.appendUpdates(20, 5);
            f.rollAndCommit();
            f.cleanOnce();
            f.append("key-0", "new");
            f.rollAndCommit();
            assertFalse(f.cleanOnce());

            f.time.advance(61, TimeUnit.MINUTES);

            assertTrue(f.cleanOnce());
            assertEquals("new", latest(f.log).get("key-0"));
            assertEquals(5, records(f.log).size());
        }
    }

    @Test
    void aDedupeBufferSmallerThanTheDirtySectionCleansItOverSeveralPasses() throws Exception {
        // 24-byte entries: 240 bytes hold 10 slots, 9 usable at load factor 0.9.
        CleanerConfig tiny = new CleanerConfig(1, 240, 0.9, 4096, Double.MAX_VALUE, 15_000, true);
        try (CompactedLogFixture f = new CompactedLogFixture(dir, compacted(300), tiny)) {
            for (int i = 0; i < 60; i++) {
                f.append("key-" + i, "v" + i); // 60 distinct keys: more than one pass can map
            }
            for (int i = 0; i < 60; i++) {
                f.append("key-" + i, "w" + i);
            }
            f.rollAndCommit();

            assertTrue(f.cleanOnce());
            long firstPassEnd = f.cleaner.checkpointedOffset(f.log);
            assertTrue(firstPassEnd > 0 && firstPassEnd < 120, "the first pass stops where the map filled: " + firstPassEnd);
            int passes = 1;
            while (f.cleanOnce()) {
                passes++;
                assertTrue(passes < 50, "cleaning does not converge");
            }

            assertEquals(120, f.cleaner.checkpointedOffset(f.log));
            Map<String, String> latest = latest(f.log);
            assertEquals(60, records(f.log).size());
            for (int i = 0; i < 60; i++) {
                assertEquals("w" + i, latest.get("key-" + i));
            }
        }
    }

    @Test
    void theCleanerCheckpointIsKafkasFileInTheLogDirectory() throws Exception {
        try (CompactedLogFixture f = new CompactedLogFixture(dir, compacted(1024))) {
            f.appendUpdates(10, 3);
            f.rollAndCommit();

            f.cleanOnce();

            Path file = dir.resolve(OffsetCheckpointFile.CLEANER_OFFSET_CHECKPOINT);
            assertEquals(List.of("0", "1", "compacted 0 10"), Files.readAllLines(file));
        }
    }

    @Test
    void replacedSegmentsAreRenamedDeletedAndRemovedAfterFileDeleteDelay() throws Exception {
        LogConfig config = compacted(1024).toBuilder().fileDeleteDelayMs(0).build();
        try (CompactedLogFixture f = new CompactedLogFixture(dir, config)) {
            f.appendUpdates(10, 3);
            f.rollAndCommit();

            f.cleanOnce();

            Path partitionDir = f.log.dir();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (hasFileEndingWith(partitionDir, ".deleted") && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertFalse(hasFileEndingWith(partitionDir, ".deleted"));
            assertFalse(hasFileEndingWith(partitionDir, ".cleaned"));
            assertFalse(hasFileEndingWith(partitionDir, ".swap"));
        }
    }

    private static boolean hasFileEndingWith(Path dir, String suffix) throws Exception {
        try (var files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(suffix));
        }
    }
}
