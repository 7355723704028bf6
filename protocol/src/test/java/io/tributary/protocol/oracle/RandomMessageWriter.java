package io.tributary.protocol.oracle;

import io.tributary.generator.FieldSpec;
import io.tributary.generator.FieldType;
import io.tributary.generator.MessageSpec;
import io.tributary.generator.StructSpec;
import io.tributary.generator.Versions;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Writes a random, well-formed message of a schema at one version straight from the schema: an
 * implementation of the wire format independent of the generated code, used to feed both Kafka's
 * classes and ours. The bytes are canonical (what Kafka would write back): tagged fields at their
 * default are left out, tagged fields appear in tag order, and some unknown tagged fields are mixed
 * in to check they survive a round trip.
 *
 * <p>A value counts as "default" when its encoding equals the encoding of the field's default,
 * which is how a tagged field's presence is decided without a value model.
 */
final class RandomMessageWriter {

    private static final int MAX_DEPTH = 4;
    private static final String[] SAMPLE_TEXT = {"", "a", "topic-1", "\u00e9t\u00e9", "\u20ac", "\ud83d\ude00x", "__consumer_offsets"};

    private final MessageSpec message;
    private final Map<String, List<FieldSpec>> structs = new HashMap<>();
    private final Random random;
    private boolean defaultsOnly;

    RandomMessageWriter(MessageSpec message, Random random) {
        this.message = message;
        this.random = random;
        for (StructSpec common : message.commonStructs()) {
            structs.put(common.name(), common.fields());
        }
    }

    byte[] write(short version) {
        Out out = new Out();
        writeStruct(out, message.fields(), version, 0);
        return out.toByteArray();
    }

    private boolean flexible(FieldSpec f, short version) {
        Versions flexible = f.flexibleVersions() != null ? f.flexibleVersions() : message.flexibleVersions();
        return flexible.contains(version);
    }

    private boolean messageFlexible(short version) {
        return message.flexibleVersions().contains(version);
    }

    private List<FieldSpec> fieldsOf(FieldSpec f) {
        if (!f.fields().isEmpty()) {
            return f.fields();
        }
        FieldType t = f.type().isArray() ? f.type().element() : f.type();
        List<FieldSpec> fields = structs.get(t.structName());
        if (fields == null) {
            throw new IllegalStateException("unknown struct " + t.structName());
        }
        return fields;
    }

    private void writeStruct(Out out, List<FieldSpec> fields, short version, int depth) {
        for (FieldSpec f : fields) {
            if (f.fields().size() > 0) {
                FieldType t = f.type().isArray() ? f.type().element() : f.type();
                structs.putIfAbsent(t.structName(), f.fields());
            }
        }
        TreeMap<Integer, byte[]> tagged = new TreeMap<>();
        for (FieldSpec f : fields) {
            if (!f.versions().contains(version)) {
                continue;
            }
            if (f.isTagged() && f.taggedVersions().contains(version)) {
                byte[] value = encode(out2 -> writeValue(out2, f, version, true, depth));
                byte[] defaultValue = withDefaults(() -> encode(out2 -> writeValue(out2, f, version, true, depth)));
                if (!defaultsOnly && random.nextInt(10) < 6 && !Arrays.equals(value, defaultValue)) {
                    tagged.put(f.tag(), value);
                }
            } else {
                writeValue(out, f, version, flexible(f, version), depth);
            }
        }
        if (!messageFlexible(version)) {
            return;
        }
        if (!defaultsOnly && random.nextInt(4) == 0) {
            int unknownTag = 90 + random.nextInt(10);
            if (!tagged.containsKey(unknownTag) && fields.stream().noneMatch(f -> f.isTagged() && f.tag() == unknownTag)) {
                byte[] data = new byte[random.nextInt(6)];
                random.nextBytes(data);
                tagged.put(unknownTag, data);
            }
        }
        out.unsignedVarint(tagged.size());
        tagged.forEach((tag, value) -> {
            out.unsignedVarint(tag);
            out.unsignedVarint(value.length);
            out.write(value, 0, value.length);
        });
    }

    private interface Encoding {
        void writeTo(Out out);
    }

    private static byte[] encode(Encoding encoding) {
        Out out = new Out();
        encoding.writeTo(out);
        return out.toByteArray();
    }

    private byte[] withDefaults(java.util.function.Supplier<byte[]> body) {
        boolean previous = defaultsOnly;
        defaultsOnly = true;
        try {
            return body.get();
        } finally {
            defaultsOnly = previous;
        }
    }

    private void writeValue(Out out, FieldSpec f, short version, boolean flexible, int depth) {
        boolean nullable = f.nullableVersions().contains(version);
        FieldType type = f.type();
        if (type.isArray()) {
            writeArray(out, f, version, flexible, nullable, depth);
        } else if (type.isStruct()) {
            boolean isNull = defaultsOnly ? f.defaultIsNull() : nullable && random.nextInt(5) == 0;
            if (nullable) {
                out.write(isNull ? -1 : 1);
            }
            if (!isNull) {
                writeStruct(out, fieldsOf(f), version, depth + 1);
            }
        } else {
            writeScalar(out, f, type.kind(), flexible, nullable);
        }
    }

    private void writeArray(Out out, FieldSpec f, short version, boolean flexible, boolean nullable, int depth) {
        int count;
        if (defaultsOnly) {
            count = f.defaultIsNull() ? -1 : 0;
        } else if (nullable && random.nextInt(8) == 0) {
            count = -1;
        } else {
            count = depth >= MAX_DEPTH ? 0 : random.nextInt(4);
        }
        length(out, count, flexible, false);
        FieldType element = f.type().element();
        for (int i = 0; i < count; i++) {
            if (element.isStruct()) {
                writeStruct(out, fieldsOf(f), version, depth + 1);
            } else {
                writeScalar(out, f, element.kind(), flexible, false);
            }
        }
    }

    private void writeScalar(Out out, FieldSpec f, FieldType.Kind kind, boolean flexible, boolean nullable) {
        boolean isArrayElement = f.type().isArray();
        String declared = isArrayElement ? null : f.defaultValue();
        switch (kind) {
            case BOOL -> out.write(defaultsOnly ? (Boolean.parseBoolean(declared) ? 1 : 0) : random.nextInt(2));
            case INT8 -> out.write((int) number(declared, 1));
            case INT16 -> out.int16((short) number(declared, 2));
            case UINT16 -> out.int16((short) (defaultsOnly ? number(declared, 2) : random.nextInt(0x10000)));
            case INT32 -> out.int32((int) number(declared, 4));
            case UINT32 -> out.int32((int) (defaultsOnly ? number(declared, 4) : random.nextLong() & 0xFFFFFFFFL));
            case INT64 -> out.int64(number(declared, 8));
            case FLOAT64 -> out.int64(Double.doubleToLongBits(defaultsOnly
                    ? (declared == null ? 0.0 : Double.parseDouble(declared))
                    : (random.nextInt(3) == 0 ? 0.0 : random.nextDouble() * 1e9 - 5e8)));
            case UUID -> {
                out.int64(defaultsOnly ? 0 : random.nextLong());
                out.int64(defaultsOnly ? 0 : random.nextLong());
            }
            case STRING -> {
                String s = defaultsOnly
                        ? (f.defaultIsNull() ? null : declared == null ? "" : declared)
                        : (nullable && random.nextInt(6) == 0 ? null : SAMPLE_TEXT[random.nextInt(SAMPLE_TEXT.length)]);
                byte[] bytes = s == null ? null : s.getBytes(StandardCharsets.UTF_8);
                length(out, bytes == null ? -1 : bytes.length, flexible, true);
                if (bytes != null) {
                    out.write(bytes, 0, bytes.length);
                }
            }
            case BYTES, RECORDS -> {
                byte[] bytes;
                if (defaultsOnly) {
                    bytes = f.defaultIsNull() || kind == FieldType.Kind.RECORDS ? null : new byte[0];
                } else if (nullable && random.nextInt(6) == 0) {
                    bytes = null;
                } else {
                    bytes = new byte[random.nextInt(kind == FieldType.Kind.RECORDS ? 80 : 12)];
                    random.nextBytes(bytes);
                }
                length(out, bytes == null ? -1 : bytes.length, flexible, false);
                if (bytes != null) {
                    out.write(bytes, 0, bytes.length);
                }
            }
            default -> throw new IllegalArgumentException("not a scalar: " + kind);
        }
    }

    /** A random integer of {@code width} bytes, often a small or boundary value; the default in defaults mode. */
    private long number(String declared, int width) {
        if (defaultsOnly) {
            return declared == null ? 0 : Long.decode(declared.trim());
        }
        long v = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(100) - 1;
            default -> random.nextLong();
        };
        return switch (width) {
            case 1 -> (byte) v;
            case 2 -> (short) v;
            case 4 -> (int) v;
            default -> v;
        };
    }

    private static void length(Out out, int length, boolean flexible, boolean int16) {
        if (flexible) {
            out.unsignedVarint(length + 1);
        } else if (int16) {
            out.int16((short) length);
        } else {
            out.int32(length);
        }
    }

    /** Big-endian output with Kafka's unsigned varint. */
    private static final class Out extends ByteArrayOutputStream {

        void int16(short v) {
            write(v >>> 8);
            write(v);
        }

        void int32(int v) {
            int16((short) (v >>> 16));
            int16((short) v);
        }

        void int64(long v) {
            int32((int) (v >>> 32));
            int32((int) v);
        }

        void unsignedVarint(int v) {
            while ((v & ~0x7F) != 0) {
                write((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            write(v);
        }
    }

    static List<Short> versions(MessageSpec spec) {
        List<Short> versions = new ArrayList<>();
        for (int v = spec.validVersions().lowest(); v <= spec.validVersions().highest(); v++) {
            versions.add((short) v);
        }
        return versions;
    }

    static ByteBuffer wrap(byte[] bytes) {
        return ByteBuffer.wrap(bytes);
    }
}
