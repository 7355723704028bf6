package io.tributary.protocol;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;

/**
 * A 128-bit id as Kafka uses it for topics, directories and clusters, printed as 22 characters of
 * URL-safe base64 without padding. {@link #ZERO_UUID} means "no id".
 */
public final class Uuid implements Comparable<Uuid> {

    public static final Uuid ZERO_UUID = new Uuid(0L, 0L);
    /** Reserved by Kafka (the metadata topic's id); never returned by {@link #randomUuid()}. */
    public static final Uuid ONE_UUID = new Uuid(0L, 1L);

    private final long mostSignificantBits;
    private final long leastSignificantBits;

    public Uuid(long mostSignificantBits, long leastSignificantBits) {
        this.mostSignificantBits = mostSignificantBits;
        this.leastSignificantBits = leastSignificantBits;
    }

    /**
     * A random id that is not one of the reserved ids and whose string form does not start with
     * {@code -}, so it is never mistaken for a command-line flag (Kafka's rule).
     */
    public static Uuid randomUuid() {
        while (true) {
            UUID u = UUID.randomUUID();
            Uuid id = new Uuid(u.getMostSignificantBits(), u.getLeastSignificantBits());
            if (!id.equals(ZERO_UUID) && !id.equals(ONE_UUID) && !id.toString().startsWith("-")) {
                return id;
            }
        }
    }

    /** Parses the 22-character base64 form. */
    public static Uuid fromString(String text) {
        if (text.length() > 24) {
            throw new IllegalArgumentException("Input string with prefix `" + text.substring(0, 24) + "` is too long to be decoded as a base64 UUID");
        }
        byte[] bytes = Base64.getUrlDecoder().decode(text);
        if (bytes.length != 16) {
            throw new IllegalArgumentException("Input string `" + text + "` decoded as " + bytes.length + " bytes, which is not equal to the expected 16 bytes of a base64-encoded UUID");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new Uuid(b.getLong(), b.getLong());
    }

    public long getMostSignificantBits() {
        return mostSignificantBits;
    }

    public long getLeastSignificantBits() {
        return leastSignificantBits;
    }

    @Override
    public String toString() {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.putLong(mostSignificantBits).putLong(leastSignificantBits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Uuid other
                && mostSignificantBits == other.mostSignificantBits
                && leastSignificantBits == other.leastSignificantBits;
    }

    @Override
    public int hashCode() {
        long x = mostSignificantBits ^ leastSignificantBits;
        return (int) (x >> 32) ^ (int) x;
    }

    @Override
    public int compareTo(Uuid other) {
        int c = Long.compare(mostSignificantBits, other.mostSignificantBits);
        return c != 0 ? c : Long.compare(leastSignificantBits, other.leastSignificantBits);
    }
}
