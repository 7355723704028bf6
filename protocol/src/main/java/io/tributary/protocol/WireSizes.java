package io.tributary.protocol;

import io.tributary.records.Records;
import java.nio.ByteBuffer;

/** Encoded sizes of Kafka's wire primitives, matching {@link ProtocolWriter} byte for byte. */
public final class WireSizes {

    private WireSizes() {
    }

    public static int unsignedVarint(int value) {
        // 1 byte per started group of 7 bits; 32 - numberOfLeadingZeros is the bit length.
        int bits = 32 - Integer.numberOfLeadingZeros(value | 1);
        return (bits + 6) / 7;
    }

    public static int varint(int value) {
        return unsignedVarint((value << 1) ^ (value >> 31));
    }

    public static int varlong(long value) {
        long v = (value << 1) ^ (value >> 63);
        int bits = 64 - Long.numberOfLeadingZeros(v | 1);
        return (bits + 6) / 7;
    }

    private static int length(int length, boolean flexible, int fixedWidth) {
        return flexible ? unsignedVarint(length + 1) : fixedWidth;
    }

    /** A string or null string, with its length prefix. */
    public static int string(String value, boolean flexible) {
        if (value == null) {
            return length(-1, flexible, 2);
        }
        int bytes = utf8Length(value);
        return length(bytes, flexible, 2) + bytes;
    }

    public static int bytes(byte[] value, boolean flexible) {
        return value == null ? length(-1, flexible, 4) : length(value.length, flexible, 4) + value.length;
    }

    public static int bytes(ByteBuffer value, boolean flexible) {
        return value == null ? length(-1, flexible, 4) : length(value.remaining(), flexible, 4) + value.remaining();
    }

    public static int records(Records value, boolean flexible) {
        if (value == null) {
            return length(-1, flexible, 4);
        }
        int size = value.sizeInBytes();
        return length(size, flexible, 4) + size;
    }

    public static int arrayLength(int count, boolean flexible) {
        return length(count, flexible, 4);
    }

    public static int nullArrayLength(boolean flexible) {
        return length(-1, flexible, 4);
    }

    /**
     * The number of bytes {@code s} takes in UTF-8, computed without encoding it. Matches
     * {@link String#getBytes(java.nio.charset.Charset)}, which writes an unpaired surrogate as one {@code '?'}.
     */
    public static int utf8Length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (!Character.isSurrogate(c)) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 2; // two chars, four bytes
                i++;
            }
        }
        return bytes;
    }
}
