package io.tributary.protocol;

import java.util.Arrays;
import java.util.List;

/**
 * A tagged field this code does not know: its tag and the raw bytes of its value. Kept when read
 * and written back, so a newer client's tagged fields survive a round trip through Tributary.
 */
public record RawTaggedField(int tag, byte[] data) {

    public static int count(List<RawTaggedField> fields) {
        return fields == null ? 0 : fields.size();
    }

    /** The encoded size of all {@code fields}: tag, size and data of each. */
    public static int size(List<RawTaggedField> fields) {
        if (fields == null) {
            return 0;
        }
        int size = 0;
        for (RawTaggedField f : fields) {
            size += WireSizes.unsignedVarint(f.tag) + WireSizes.unsignedVarint(f.data.length) + f.data.length;
        }
        return size;
    }

    /**
     * Writes {@code fields} from index {@code from} while their tag is below {@code nextKnownTag};
     * returns the index of the first field not written. Called before each known tagged field so
     * unknown fields land in tag order among the known ones, as Kafka writes them.
     */
    public static int writeBefore(ProtocolWriter writer, List<RawTaggedField> fields, int from, int nextKnownTag) {
        if (fields == null) {
            return from;
        }
        int i = from;
        while (i < fields.size() && fields.get(i).tag < nextKnownTag) {
            RawTaggedField f = fields.get(i++);
            writer.writeUnsignedVarint(f.tag);
            writer.writeUnsignedVarint(f.data.length);
            writer.writeRaw(f.data, 0, f.data.length);
        }
        return i;
    }

    /** Equality of two lists of unknown tagged fields, treating null as empty. */
    public static boolean equal(List<RawTaggedField> a, List<RawTaggedField> b) {
        if (a == null || a.isEmpty()) {
            return b == null || b.isEmpty();
        }
        return a.equals(b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawTaggedField other && tag == other.tag && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * tag + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "RawTaggedField(tag=" + tag + ", size=" + data.length + ")";
    }
}
