package io.tributary.storage.cleaner;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A map from record key to the latest offset seen for it, in a fixed block of memory: Kafka's
 * {@code SkinnyOffsetMap}. Keys are not stored; each slot holds the key's 16-byte MD5 digest and
 * an 8-byte offset (24 bytes), in an open-addressing table with linear probing. Two keys with the
 * same digest would count as one (a 2^-128 chance per pair, as in Kafka).
 *
 * <p>The map refuses more than {@link #capacity()} entries ({@code slots * loadFactor}, at most
 * every slot) so probes stay short; the cleaner stops reading the dirty section when the next batch
 * might not fit and cleans only up to there. A lookup probes at most every slot once: with
 * {@code log.cleaner.io.buffer.load.factor=1.0} (which Kafka accepts) the table can be full, and a
 * key that is not in a full table has no empty slot to stop at (Kafka's {@code SkinnyOffsetMap}
 * bounds its probes the same way).
 *
 * <p>Not thread-safe: each cleaner thread owns one map and reuses it for every log.
 */
public final class OffsetMap {

    private static final int HASH_SIZE = 16;
    private static final int ENTRY_SIZE = HASH_SIZE + 8;

    private final byte[] table;
    private final ByteBuffer entries;
    private final int slots;
    private final int capacity;
    private final MessageDigest digest;
    private final byte[] hash = new byte[HASH_SIZE];
    private int size;
    private long latestOffset = -1;
    private long lookups;
    private long probes;

    /**
     * @param memoryBytes the bytes of the table ({@code log.cleaner.dedupe.buffer.size} per thread)
     * @param loadFactor  the fraction of slots that may be used ({@code log.cleaner.io.buffer.load.factor})
     */
    public OffsetMap(int memoryBytes, double loadFactor) {
        this.slots = memoryBytes / ENTRY_SIZE;
        if (slots < 1) {
            throw new IllegalArgumentException("an offset map of " + memoryBytes + " bytes holds no entry of " + ENTRY_SIZE + " bytes");
        }
        this.capacity = Math.max(1, (int) Math.min(slots, slots * loadFactor));
        this.table = new byte[slots * ENTRY_SIZE];
        this.entries = ByteBuffer.wrap(table);
        try {
            this.digest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
        clear();
    }

    /** The most entries the map takes. */
    public int capacity() {
        return capacity;
    }

    /** The number of distinct keys. */
    public int size() {
        return size;
    }

    /** The fraction of the capacity in use. */
    public double utilization() {
        return (double) size / capacity;
    }

    /** The largest offset put since the last {@link #clear()}, or -1. */
    public long latestOffset() {
        return latestOffset;
    }

    /** Average slots probed per lookup since the last clear; 1.0 is ideal. */
    public double collisionRate() {
        return lookups == 0 ? 0 : (double) probes / lookups;
    }

    /**
     * Records {@code offset} as the latest offset of {@code key} (the key's remaining bytes).
     *
     * @throws IllegalStateException if the key is new and the map is at capacity
     */
    public void put(ByteBuffer key, long offset) {
        int slot = find(key);
        if (slot < 0) {
            throw new IllegalStateException("offset map is full: " + size + " entries");
        }
        int at = slot * ENTRY_SIZE;
        if (entries.getLong(at + HASH_SIZE) < 0) {
            if (size >= capacity) {
                throw new IllegalStateException("offset map is full: " + size + " entries");
            }
            System.arraycopy(hash, 0, table, at, HASH_SIZE);
            size++;
        }
        entries.putLong(at + HASH_SIZE, offset);
        latestOffset = Math.max(latestOffset, offset);
    }

    /** The latest offset recorded for {@code key}, or -1 if none. */
    public long get(ByteBuffer key) {
        int slot = find(key);
        return slot < 0 ? -1 : entries.getLong(slot * ENTRY_SIZE + HASH_SIZE);
    }

    /** Empties the map: every slot's offset becomes -1 (the empty mark). */
    public void clear() {
        Arrays.fill(table, (byte) 0);
        for (int at = HASH_SIZE; at < table.length; at += ENTRY_SIZE) {
            entries.putLong(at, -1L);
        }
        size = 0;
        latestOffset = -1;
        lookups = 0;
        probes = 0;
    }

    /**
     * Hashes the key into {@link #hash} and returns its slot, or the empty slot where it would go,
     * or -1 if the table is full and the key is not in it (after probing every slot once).
     */
    private int find(ByteBuffer key) {
        digest.reset();
        digest.update(key.duplicate());
        try {
            digest.digest(hash, 0, HASH_SIZE);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
        lookups++;
        long start = ((hash[0] & 0xffL) << 24 | (hash[1] & 0xffL) << 16 | (hash[2] & 0xffL) << 8 | (hash[3] & 0xffL)) % slots;
        int slot = (int) start;
        for (int attempt = 0; attempt < slots; attempt++) {
            probes++;
            int at = slot * ENTRY_SIZE;
            if (entries.getLong(at + HASH_SIZE) < 0 || Arrays.equals(table, at, at + HASH_SIZE, hash, 0, HASH_SIZE)) {
                return slot;
            }
            slot = slot + 1 == slots ? 0 : slot + 1;
        }
        return -1;
    }
}
