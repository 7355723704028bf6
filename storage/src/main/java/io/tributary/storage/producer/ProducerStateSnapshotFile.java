package io.tributary.storage.producer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * One producer state snapshot: {@code <offset, 20 digits>.snapshot} in the partition directory, holding
 * the state of every producer as of {@code offset} (all batches below it applied, none at or above it).
 * The bytes are Kafka's snapshot format, so Kafka's {@code kafka-dump-log --files *.snapshot} and
 * {@code ProducerStateManager.readSnapshot} read them. All integers big-endian:
 *
 * <pre>
 *  offset  size  field
 *   0      2     version               int16   1
 *   2      4     crc                   uint32  CRC-32C of bytes [6, end)
 *   6      4     entry count           int32
 *  10      46*n  entries, each:
 *                  producer_id              int64
 *                  epoch                    int16
 *                  last_sequence            int32   -1 if no batch is retained
 *                  last_offset              int64   -1 if no batch is retained
 *                  offset_delta             int32   last offset - first offset of the last batch
 *                  timestamp                int64   max timestamp of the last batch
 *                  coordinator_epoch        int32
 *                  current_txn_first_offset int64   -1 without an open transaction
 * </pre>
 * Only the last batch of each producer is kept, as in Kafka; the batches after the snapshot are
 * replayed from the log.
 *
 * <p>Crash behaviour: {@link #write} writes {@code <name>.tmp}, fsyncs it, renames it over the final
 * name and fsyncs the directory, so a crash leaves either no snapshot at that offset, or a complete
 * one, plus possibly a stray {@code .tmp} that {@link ProducerStateSnapshots#scan} deletes. A file that
 * is torn or damaged anyway fails {@link #read} with {@link CorruptSnapshotException}.
 *
 * <p>Immutable; thread-safe (the file itself is only written and deleted by the partition's writer).
 *
 * @param offset the log offset the snapshot was taken at
 * @param path   the file
 */
public record ProducerStateSnapshotFile(long offset, Path path) {

    public static final String SUFFIX = ".snapshot";
    static final String TEMP_SUFFIX = SUFFIX + ".tmp";
    public static final short VERSION = 1;

    static final int CRC_POSITION = 2;
    static final int ENTRIES_POSITION = 6;
    static final int HEADER_SIZE_BYTES = ENTRIES_POSITION + 4;
    static final int ENTRY_SIZE_BYTES = 8 + 2 + 4 + 8 + 4 + 8 + 4 + 8;

    /** The snapshot at {@code offset} in {@code dir}; the file need not exist. */
    public static ProducerStateSnapshotFile at(Path dir, long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("snapshot offset " + offset + " is negative");
        }
        return new ProducerStateSnapshotFile(offset, dir.resolve(String.format(Locale.ROOT, "%020d", offset) + SUFFIX));
    }

    /** The snapshot this file is, if its name is a 20-digit offset with the {@code .snapshot} suffix. */
    public static Optional<ProducerStateSnapshotFile> parse(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(SUFFIX) || name.length() != 20 + SUFFIX.length()) {
            return Optional.empty();
        }
        String digits = name.substring(0, 20);
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(new ProducerStateSnapshotFile(Long.parseLong(digits), file));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Writes the entries durably as this snapshot, replacing any file of the same name. */
    public void write(Collection<ProducerStateEntry> entries) throws IOException {
        ByteBuffer bytes = encode(entries);
        Path temp = path.resolveSibling(path.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDirectory(path.toAbsolutePath().getParent());
    }

    /**
     * Reads and checks the snapshot.
     *
     * @throws CorruptSnapshotException the version, CRC or size is wrong
     * @throws IOException              the file cannot be read
     */
    public List<ProducerStateEntry> read() throws IOException {
        return decode(ByteBuffer.wrap(Files.readAllBytes(path)), path.getFileName().toString());
    }

    /** Deletes the file; true if it existed. */
    public boolean deleteIfExists() throws IOException {
        return Files.deleteIfExists(path);
    }

    static ByteBuffer encode(Collection<ProducerStateEntry> entries) {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_SIZE_BYTES + entries.size() * ENTRY_SIZE_BYTES);
        buffer.putShort(VERSION);
        buffer.putInt(0);
        buffer.putInt(entries.size());
        for (ProducerStateEntry entry : entries) {
            buffer.putLong(entry.producerId());
            buffer.putShort(entry.producerEpoch());
            buffer.putInt(entry.lastSeq());
            buffer.putLong(entry.lastDataOffset());
            buffer.putInt(entry.lastOffsetDelta());
            buffer.putLong(entry.lastTimestamp());
            buffer.putInt(entry.coordinatorEpoch());
            buffer.putLong(entry.currentTxnFirstOffset().orElse(ProducerStateEntry.NO_OFFSET));
        }
        buffer.flip();
        buffer.putInt(CRC_POSITION, (int) crcOf(buffer));
        return buffer;
    }

    static List<ProducerStateEntry> decode(ByteBuffer bytes, String name) throws CorruptSnapshotException {
        ByteBuffer buffer = bytes.slice();
        int size = buffer.remaining();
        if (size < HEADER_SIZE_BYTES) {
            throw new CorruptSnapshotException(name + ": " + size + " bytes is shorter than the "
                    + HEADER_SIZE_BYTES + "-byte header");
        }
        short version = buffer.getShort(0);
        if (version != VERSION) {
            throw new CorruptSnapshotException(name + ": unknown snapshot version " + version);
        }
        long storedCrc = Integer.toUnsignedLong(buffer.getInt(CRC_POSITION));
        long computedCrc = crcOf(buffer);
        if (storedCrc != computedCrc) {
            throw new CorruptSnapshotException(name + ": CRC mismatch, stored " + storedCrc + ", computed "
                    + computedCrc);
        }
        int count = buffer.getInt(ENTRIES_POSITION);
        if (count < 0 || (long) count * ENTRY_SIZE_BYTES != size - HEADER_SIZE_BYTES) {
            throw new CorruptSnapshotException(name + ": " + count + " entries do not fit " + size + " bytes");
        }
        buffer.position(HEADER_SIZE_BYTES);
        List<ProducerStateEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(decodeEntry(buffer, name));
        }
        return entries;
    }

    private static ProducerStateEntry decodeEntry(ByteBuffer buffer, String name) throws CorruptSnapshotException {
        long producerId = buffer.getLong();
        short epoch = buffer.getShort();
        int lastSeq = buffer.getInt();
        long lastOffset = buffer.getLong();
        int offsetDelta = buffer.getInt();
        long timestamp = buffer.getLong();
        int coordinatorEpoch = buffer.getInt();
        long currentTxnFirstOffset = buffer.getLong();
        ProducerStateEntry entry = new ProducerStateEntry(producerId, epoch, coordinatorEpoch, timestamp,
                currentTxnFirstOffset);
        if (lastOffset >= 0) {
            if (offsetDelta < 0 || offsetDelta > lastOffset) {
                throw new CorruptSnapshotException(name + ": producer " + producerId + " has offset delta "
                        + offsetDelta + " for last offset " + lastOffset);
            }
            entry.addBatch(epoch, new BatchMetadata(lastSeq, lastOffset, offsetDelta, timestamp));
        }
        return entry;
    }

    /** CRC-32C of the bytes from {@link #ENTRIES_POSITION} to the limit; the buffer's position is untouched. */
    private static long crcOf(ByteBuffer buffer) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().position(ENTRIES_POSITION));
        return crc.getValue();
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
