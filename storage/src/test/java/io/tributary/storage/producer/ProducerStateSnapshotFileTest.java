package io.tributary.storage.producer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Crc32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code .snapshot} file: Kafka's byte layout, atomic writes, and corruption detection. */
class ProducerStateSnapshotFileTest {

    @TempDir
    Path dir;

    private static ProducerStateEntry entry(long producerId, int epoch, int lastSeq, long lastOffset, int offsetDelta,
                                            long timestamp, int coordinatorEpoch, long txnFirstOffset) {
        ProducerStateEntry entry = new ProducerStateEntry(producerId, (short) epoch, coordinatorEpoch, timestamp,
                txnFirstOffset);
        entry.addBatch((short) epoch, new BatchMetadata(lastSeq, lastOffset, offsetDelta, timestamp));
        return entry;
    }

    @Test
    void fileIsNamedByTheOffsetInTwentyDigits() {
        ProducerStateSnapshotFile snapshot = ProducerStateSnapshotFile.at(dir, 42);

        assertEquals("00000000000000000042.snapshot", snapshot.path().getFileName().toString());
        assertEquals(Optional.of(snapshot), ProducerStateSnapshotFile.parse(snapshot.path()));
    }

    @Test
    void otherFilesAreNotSnapshots() {
        for (String name : List.of("00000000000000000042.log", "42.snapshot", "0000000000000000004x.snapshot",
                "00000000000000000042.snapshot.tmp", "00000000000000000042.snapshot.deleted")) {
            assertEquals(Optional.empty(), ProducerStateSnapshotFile.parse(dir.resolve(name)), name);
        }
    }

    @Test
    void bytesFollowKafkasSnapshotLayout() throws IOException {
        ProducerStateSnapshotFile snapshot = ProducerStateSnapshotFile.at(dir, 100);
        snapshot.write(List.of(entry(7L, 2, 19, 99, 9, 1_700_000_000_123L, 4, 90)));

        ByteBuffer expected = ByteBuffer.allocate(10 + 46);
        expected.putShort((short) 1).putInt(0).putInt(1);
        expected.putLong(7L).putShort((short) 2).putInt(19).putLong(99).putInt(9).putLong(1_700_000_000_123L)
                .putInt(4).putLong(90);
        byte[] expectedBytes = expected.array();
        long crc = Crc32C.compute(expectedBytes, 6, expectedBytes.length - 6);
        ByteBuffer.wrap(expectedBytes).putInt(2, (int) crc);

        assertArrayEquals(expectedBytes, Files.readAllBytes(snapshot.path()));
    }

    @Test
    void writeThenReadRestoresEveryField() throws IOException {
        ProducerStateSnapshotFile snapshot = ProducerStateSnapshotFile.at(dir, 500);
        snapshot.write(List.of(entry(1L, 0, 9, 480, 9, 111L, -1, -1),
                entry(2L, 5, Integer.MAX_VALUE, 499, 3, 222L, 7, 470)));

        List<ProducerStateEntry> read = snapshot.read();

        assertEquals(2, read.size());
        ProducerStateEntry second = read.get(1);
        assertEquals(2L, second.producerId());
        assertEquals(5, second.producerEpoch());
        assertEquals(7, second.coordinatorEpoch());
        assertEquals(222L, second.lastTimestamp());
        assertEquals(OptionalLong.of(470), second.currentTxnFirstOffset());
        assertEquals(List.of(new BatchMetadata(Integer.MAX_VALUE, 499, 3, 222L)), second.batchMetadata());
        assertEquals(Integer.MAX_VALUE - 3, second.firstSeq());
        assertEquals(OptionalLong.empty(), read.get(0).currentTxnFirstOffset());
    }

    @Test
    void producerWithoutARetainedBatchIsWrittenWithMinusOnesAndReadBackEmpty() throws IOException {
        ProducerStateSnapshotFile snapshot = ProducerStateSnapshotFile.at(dir, 10);
        snapshot.write(List.of(new ProducerStateEntry(3L, (short) 1, 2, 55L, -1)));

        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(snapshot.path()));
        assertEquals(-1, bytes.getInt(10 + 8 + 2));
        assertEquals(-1L, bytes.getLong(10 + 8 + 2 + 4));
        ProducerStateEntry read = snapshot.read().get(0);
        assertTrue(read.isEmpty());
        assertEquals(1, read.producerEpoch());
        assertEquals(55L, read.lastTimestamp());
    }

    @Test
    void emptyStateIsTenBytes() throws IOException {
        ProducerStateSnapshotFile snapshot = ProducerStateSnapshotFile.at(dir, 0);
        snapshot.write(List.of());

        assertEquals(10, Files.size(snapshot.path()));
        assertEquals(List.of(), snapshot.read());
    }

    @Test
    void everyFlippedByteIsDetected() throws IOException {
        ProducerStateSnapshotFile snapshot = ProducerStateSnapshotFile.at(dir, 100);
        snapshot.write(List.of(entry(7L, 2, 19, 99, 9, 123L, 4, -1), entry(8L, 0, 0, 50, 0, 124L, -1, -1)));
        byte[] good = Files.readAllBytes(snapshot.path());

        for (int position = 0; position < good.length; position++) {
            byte[] bad = good.clone();
            bad[position] ^= 0x10;
            Files.write(snapshot.path(), bad);
            assertThrows(CorruptSnapshotException.class, snapshot::read, "flipped byte at " + position);
        }
    }

    @Test
    void truncatedFileIsCorrupt() throws IOException {
        ProducerStateSnapshotFile snapshot = ProducerStateSnapshotFile.at(dir, 100);
        snapshot.write(List.of(entry(7L, 2, 19, 99, 9, 123L, 4, -1)));
        byte[] good = Files.readAllBytes(snapshot.path());

        for (int length : new int[] {0, 5, 10, good.length - 1}) {
            Files.write(snapshot.path(), Arrays.copyOf(good, length));
            assertThrows(CorruptSnapshotException.class, snapshot::read, "length " + length);
        }
    }

    @Test
    void writeReplacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        ProducerStateSnapshotFile snapshot = ProducerStateSnapshotFile.at(dir, 100);
        snapshot.write(List.of(entry(7L, 2, 19, 99, 9, 123L, 4, -1)));
        snapshot.write(List.of());

        assertEquals(List.of(), snapshot.read());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(snapshot.path()), files.toList());
        }
    }
}
