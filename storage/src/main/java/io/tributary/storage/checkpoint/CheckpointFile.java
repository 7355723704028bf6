package io.tributary.storage.checkpoint;

import io.tributary.storage.Directories;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A list of entries kept in Kafka's text checkpoint format, replaced as a whole on every write.
 *
 * <h2>On-disk format</h2>
 * UTF-8 text, each line ended by {@code '\n'}:
 * <pre>
 *  0            &lt;- line 1: format version, a decimal int (0 for every checkpoint Kafka has)
 *  2            &lt;- line 2: number of entry lines that follow
 *  topic 0 42   &lt;- lines 3..: one entry per line, as the {@link CheckpointEntryFormat} writes it
 *  topic 1 17
 * </pre>
 * Kafka writes the platform line separator, {@code '\n'} wherever it runs in production; this
 * reader also accepts {@code "\r\n"}. As in Kafka, a missing or empty file and a file with only a
 * version line read as no entries (Kafka creates checkpoint files empty).
 *
 * <h2>Writing and crash behaviour</h2>
 * {@link #write} writes {@code <file>.tmp}, forces it to the device, renames it over the file
 * atomically and then forces the parent directory so that the rename itself survives a power
 * loss (DESIGN D4, D5). At every instant the file therefore holds either the complete old or the
 * complete new content. A write that fails part way deletes its temporary file and leaves the
 * old content in place; a {@code .tmp} left behind by a crash is never read and is truncated and
 * rewritten by the next write. Where a directory cannot be opened for fsync (Windows), that step
 * is skipped; a directory fsync that fails is reported, since the rename may then be lost.
 *
 * <h2>Thread safety</h2>
 * {@link #write} and {@link #read} are serialised on this instance, so any thread may call them;
 * two instances for the same path are not coordinated with each other.
 *
 * @param <T> the entry type
 */
public final class CheckpointFile<T> {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointFile.class);
    private static final String TEMP_SUFFIX = ".tmp";
    /** Bounds the up-front allocation, since the count on line 2 is read from disk. */
    private static final int MAX_PRESIZED_ENTRIES = 1024;

    private final Path file;
    private final int version;
    private final CheckpointEntryFormat<T> format;
    private final Object lock = new Object();

    public CheckpointFile(Path file, int version, CheckpointEntryFormat<T> format) {
        this.file = Objects.requireNonNull(file, "file");
        this.version = version;
        this.format = Objects.requireNonNull(format, "format");
    }

    public Path file() {
        return file;
    }

    /** The temporary file a write goes through: {@code <file>.tmp} in the same directory. */
    public Path tempFile() {
        return file.resolveSibling(file.getFileName() + TEMP_SUFFIX);
    }

    /**
     * Replaces the file's content with {@code entries}, durably and atomically (see the class
     * comment). On any failure the previous content is still in place.
     *
     * @throws IllegalArgumentException if an entry cannot be formatted, or formats to more than one line
     * @throws IOException              if writing, syncing or renaming fails
     */
    public void write(Collection<? extends T> entries) throws IOException {
        Objects.requireNonNull(entries, "entries");
        synchronized (lock) {
            Path temp = tempFile();
            writeTemp(temp, entries);
            try {
                moveAtomically(temp, file);
            } catch (IOException e) {
                deleteAfterFailure(temp, e);
                throw e;
            }
            Directories.fsync(file.toAbsolutePath().getParent());
        }
    }

    /**
     * Reads the entries, in file order, into a new mutable list; a missing file reads as empty.
     *
     * @throws CorruptCheckpointException naming the file and line, if the content is malformed
     * @throws IOException                if the file cannot be read
     */
    public List<T> read() throws IOException {
        synchronized (lock) {
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                return new ArrayList<>();
            }
            return parse(new NumberedLines(content));
        }
    }

    private void writeTemp(Path temp, Collection<? extends T> entries) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            Writer writer = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), UTF_8));
            int expected = entries.size();
            writeLine(writer, Integer.toString(version));
            writeLine(writer, Integer.toString(expected));
            int written = 0;
            for (T entry : entries) {
                writeLine(writer, formatEntry(entry));
                written++;
            }
            if (written != expected) {
                throw new IllegalStateException(file + ": entries changed while being written (" + expected
                        + " counted, " + written + " written)");
            }
            writer.flush();
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            deleteAfterFailure(temp, e);
            throw e;
        }
    }

    private String formatEntry(T entry) {
        String line = format.format(Objects.requireNonNull(entry, "entry"));
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(file + ": entry " + entry + " formats to more than one line");
        }
        return line;
    }

    private static void writeLine(Writer writer, String line) throws IOException {
        writer.write(line);
        writer.write('\n');
    }

    private List<T> parse(NumberedLines lines) {
        String versionLine = lines.next();
        if (versionLine == null) {
            return new ArrayList<>();
        }
        int readVersion = parseInt(versionLine, lines.number(), "version");
        if (readVersion != version) {
            throw corrupt(lines.number(), "unsupported version " + readVersion + ", expected " + version, null);
        }
        String countLine = lines.next();
        if (countLine == null) {
            return new ArrayList<>();
        }
        int expected = parseInt(countLine, lines.number(), "entry count");
        if (expected < 0) {
            throw corrupt(lines.number(), "negative entry count " + expected, null);
        }
        List<T> entries = new ArrayList<>(Math.min(expected, MAX_PRESIZED_ENTRIES));
        for (String line = lines.next(); line != null; line = lines.next()) {
            if (entries.size() == expected) {
                throw corrupt(lines.number(), "more entries than the count of " + expected + " on line 2", null);
            }
            entries.add(parseEntry(line, lines.number()));
        }
        if (entries.size() != expected) {
            throw corrupt(lines.number() + 1, "file ends after " + entries.size() + " of " + expected + " entries", null);
        }
        return entries;
    }

    private T parseEntry(String line, int lineNumber) {
        try {
            return Objects.requireNonNull(format.parse(line), "parsed entry");
        } catch (RuntimeException e) {
            throw corrupt(lineNumber, "malformed entry '" + line + "': " + e.getMessage(), e);
        }
    }

    private int parseInt(String line, int lineNumber, String what) {
        try {
            return Integer.parseInt(line);
        } catch (NumberFormatException e) {
            throw corrupt(lineNumber, "malformed " + what + " '" + line + "'", e);
        }
    }

    private CorruptCheckpointException corrupt(int lineNumber, String detail, Throwable cause) {
        return new CorruptCheckpointException(file, lineNumber, detail, cause);
    }

    private static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            LOG.warn("Atomic rename of {} to {} is not supported ({}); replacing non-atomically", source, target,
                    e.getMessage());
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteAfterFailure(Path temp, Exception failure) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Splits the content at {@code '\n'} (dropping one {@code '\r'} before it) and decodes each line
     * on its own, so that invalid UTF-8 is reported at the line that holds it.
     */
    private final class NumberedLines {
        private final byte[] content;
        private int position;
        private int number;

        NumberedLines(byte[] content) {
            this.content = content;
        }

        /** The next line, or {@code null} at the end; a last line without {@code '\n'} counts. */
        String next() {
            if (position >= content.length) {
                return null;
            }
            int end = position;
            while (end < content.length && content[end] != '\n') {
                end++;
            }
            int stop = end > position && content[end - 1] == '\r' ? end - 1 : end;
            number++;
            String line = decode(position, stop);
            position = end + 1;
            return line;
        }

        /** The number of the line last returned by {@link #next()}; 0 before the first. */
        int number() {
            return number;
        }

        private String decode(int from, int to) {
            try {
                return UTF_8.newDecoder().decode(ByteBuffer.wrap(content, from, to - from)).toString();
            } catch (CharacterCodingException e) {
                throw corrupt(number, "not valid UTF-8", e);
            }
        }
    }
}
