package io.tributary.storage.checkpoint;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {

    /** Entries are plain strings; a line must be a decimal number, so "x" is malformed. */
    private static final CheckpointEntryFormat<String> NUMBERS = new CheckpointEntryFormat<>() {
        @Override
        public String format(String entry) {
            return entry;
        }

        @Override
        public String parse(String line) {
            return Long.toString(Long.parseLong(line));
        }
    };

    @TempDir
    Path dir;

    private Path file;
    private CheckpointFile<String> checkpoint;

    @BeforeEach
    void createCheckpoint() {
        file = dir.resolve("some-checkpoint");
        checkpoint = new CheckpointFile<>(file, 0, NUMBERS);
    }

    @Test
    void writtenEntriesAreReadBackInOrder() throws IOException {
        checkpoint.write(List.of("3", "1", "2"));
        assertEquals(List.of("3", "1", "2"), checkpoint.read());
    }

    @Test
    void fileIsVersionThenCountThenOneLinePerEntry() throws IOException {
        checkpoint.write(List.of("42", "7"));
        assertEquals("0\n2\n42\n7\n", Files.readString(file, UTF_8));
    }

    @Test
    void noEntriesAreWrittenAsACountOfZero() throws IOException {
        checkpoint.write(List.of());
        assertEquals("0\n0\n", Files.readString(file, UTF_8));
        assertEquals(List.of(), checkpoint.read());
    }

    @Test
    void aMissingFileReadsAsEmpty() throws IOException {
        assertEquals(List.of(), checkpoint.read());
        assertFalse(Files.exists(file), "reading creates nothing");
    }

    @Test
    void anEmptyFileOrAVersionOnlyFileReadsAsEmptyAsInKafka() throws IOException {
        Files.writeString(file, "");
        assertEquals(List.of(), checkpoint.read());
        Files.writeString(file, "0\n");
        assertEquals(List.of(), checkpoint.read());
    }

    @Test
    void windowsLineEndingsAreAccepted() throws IOException {
        Files.writeString(file, "0\r\n2\r\n5\r\n6\r\n");
        assertEquals(List.of("5", "6"), checkpoint.read());
    }

    @Test
    void writeReplacesThePreviousContent() throws IOException {
        checkpoint.write(List.of("1", "2", "3"));
        checkpoint.write(List.of("9"));
        assertEquals(List.of("9"), checkpoint.read());
    }

    @Test
    void writeLeavesOnlyTheCheckpointInTheDirectory() throws IOException {
        checkpoint.write(List.of("1"));
        assertEquals(List.of(file), filesIn(dir));
    }

    @Test
    void aWriteThatFailsMidwayKeepsTheOldContentAndRemovesItsTempFile() throws IOException {
        checkpoint.write(List.of("1", "2"));
        CheckpointFile<String> failing = new CheckpointFile<>(file, 0, new CheckpointEntryFormat<>() {
            @Override
            public String format(String entry) {
                if (entry.equals("boom")) {
                    throw new IllegalArgumentException("cannot format " + entry);
                }
                return entry;
            }

            @Override
            public String parse(String line) {
                return line;
            }
        });
        List<String> entries = Stream.concat(Stream.of("5", "6"), Stream.generate(() -> "7").limit(10_000)).toList();
        List<String> withFailure = Stream.concat(entries.stream(), Stream.of("boom")).toList();

        assertThrows(IllegalArgumentException.class, () -> failing.write(withFailure));

        assertEquals(List.of("1", "2"), checkpoint.read());
        assertEquals(List.of(file), filesIn(dir));
    }

    @Test
    void anEntryThatFormatsToSeveralLinesIsRefusedAndTheOldContentKept() throws IOException {
        checkpoint.write(List.of("1"));
        assertThrows(IllegalArgumentException.class, () -> checkpoint.write(List.of("2\n3")));
        assertEquals(List.of("1"), checkpoint.read());
    }

    @Test
    void aStaleTempFileFromACrashIsIgnoredByReadAndReplacedByTheNextWrite() throws IOException {
        checkpoint.write(List.of("1"));
        Files.writeString(checkpoint.tempFile(), "0\n3\n100\n200\n30");
        assertEquals(List.of("1"), checkpoint.read());

        checkpoint.write(List.of("2"));

        assertEquals(List.of("2"), checkpoint.read());
        assertEquals(List.of(file), filesIn(dir));
    }

    @Test
    void tempFileIsTheCheckpointNameWithTmpAppended() {
        assertEquals(dir.resolve("some-checkpoint.tmp"), checkpoint.tempFile());
    }

    @Test
    void anUnsupportedVersionIsCorruptAtLineOne() throws IOException {
        Files.writeString(file, "1\n0\n");
        CorruptCheckpointException e = assertCorrupt(1);
        assertTrue(e.getMessage().contains("unsupported version 1"), e.getMessage());
    }

    @Test
    void aMalformedVersionIsCorruptAtLineOne() throws IOException {
        Files.writeString(file, "zero\n0\n");
        assertCorrupt(1);
    }

    @Test
    void aMalformedCountIsCorruptAtLineTwo() throws IOException {
        Files.writeString(file, "0\ntwo\n1\n2\n");
        assertCorrupt(2);
    }

    @Test
    void aNegativeCountIsCorruptAtLineTwo() throws IOException {
        Files.writeString(file, "0\n-1\n");
        assertCorrupt(2);
    }

    @Test
    void aMalformedEntryIsCorruptAtItsLine() throws IOException {
        Files.writeString(file, "0\n3\n1\nx\n3\n");
        CorruptCheckpointException e = assertCorrupt(4);
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
    }

    @Test
    void fewerEntriesThanTheCountIsCorruptAtTheLineWhereTheNextWasExpected() throws IOException {
        Files.writeString(file, "0\n3\n1\n2\n");
        CorruptCheckpointException e = assertCorrupt(5);
        assertTrue(e.getMessage().contains("2 of 3"), e.getMessage());
    }

    @Test
    void moreEntriesThanTheCountIsCorruptAtTheFirstExtraLine() throws IOException {
        Files.writeString(file, "0\n1\n1\n2\n");
        assertCorrupt(4);
    }

    @Test
    void aBlankTrailingLineIsCorrupt() throws IOException {
        Files.writeString(file, "0\n1\n1\n\n");
        assertCorrupt(4);
    }

    @Test
    void bytesThatAreNotUtf8AreCorruptAtTheirLine() throws IOException {
        Files.write(file, new byte[] {'0', '\n', '1', '\n', (byte) 0xff, (byte) 0xfe, '\n'});
        assertCorrupt(3);
    }

    private CorruptCheckpointException assertCorrupt(int lineNumber) {
        CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class, checkpoint::read);
        assertEquals(lineNumber, e.lineNumber(), e.getMessage());
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file.toAbsolutePath() + ": line " + lineNumber + ": "), e.getMessage());
        return e;
    }

    private static List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
