package io.tributary.metadata;

import io.tributary.generator.FieldSpec;
import io.tributary.generator.FieldType;
import io.tributary.generator.MessageSpec;
import io.tributary.generator.SchemaLoader;
import io.tributary.generator.StructSpec;
import io.tributary.protocol.ApiMessage;
import io.tributary.protocol.Message;
import io.tributary.protocol.RawTaggedField;
import io.tributary.protocol.Uuid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random metadata records straight from our schema files: for one version, every field that
 * exists in it gets a random value (boundary values often, null sometimes where nullable), and some
 * records carry unknown tagged fields, which must survive every round trip. Driven by the schema
 * model, not by the generated code, so a field the generator mishandles still gets a value.
 */
final class RandomRecords {

    static final String SCHEMAS = "src/main/schemas";
    private static final String RECORD_PACKAGE = "io.tributary.metadata.record.";
    private static final String[] SAMPLE_TEXT = {"", "a", "topic-1", "\u00e9t\u00e9", "\u20ac", "\ud83d\ude00x", "__consumer_offsets"};
    private static final int MAX_ELEMENTS = 4;

    private final MessageSpec spec;
    private final Random random;
    private final Map<String, List<FieldSpec>> structs = new HashMap<>();

    RandomRecords(MessageSpec spec, Random random) {
        this.spec = spec;
        this.random = random;
        for (StructSpec common : spec.commonStructs()) {
            structs.put(common.name(), common.fields());
        }
    }

    static List<MessageSpec> schemas() {
        try {
            return SchemaLoader.load(SCHEMAS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every version of {@code spec}. */
    static List<Short> versions(MessageSpec spec) {
        List<Short> versions = new ArrayList<>();
        for (int v = spec.validVersions().lowest(); v <= spec.validVersions().highest(); v++) {
            versions.add((short) v);
        }
        return versions;
    }

    ApiMessage next(short version) {
        ApiMessage message = (ApiMessage) struct(spec.className(), spec.fields(), version);
        if (random.nextInt(4) == 0) {
            byte[] data = new byte[random.nextInt(6)];
            random.nextBytes(data);
            message.unknownTaggedFields().add(new RawTaggedField(90 + random.nextInt(10), data));
        }
        return message;
    }

    private Message struct(String className, List<FieldSpec> fields, short version) {
        try {
            Class<?> type = Class.forName(RECORD_PACKAGE + className);
            Message struct = (Message) type.getConstructor().newInstance();
            for (FieldSpec f : fields) {
                if (f.versions().contains(version)) {
                    setter(type, f).invoke(struct, value(className, f, version));
                }
            }
            return struct;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + className, e);
        }
    }

    private static Method setter(Class<?> type, FieldSpec f) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals("set" + f.name()) && m.getParameterCount() == 1) {
                return m;
            }
        }
        throw new IllegalStateException(type.getSimpleName() + " has no setter for " + f.name());
    }

    private Object value(String owner, FieldSpec f, short version) {
        if (f.nullableVersions().contains(version) && random.nextInt(5) == 0) {
            return null;
        }
        FieldType type = f.type();
        if (type.isArray()) {
            List<Object> elements = new ArrayList<>();
            int count = random.nextInt(MAX_ELEMENTS);
            for (int i = 0; i < count; i++) {
                elements.add(type.element().isStruct()
                        ? struct(nestedClass(type.element()), fieldsOf(f, type.element()), version)
                        : scalar(type.element().kind()));
            }
            return elements;
        }
        if (type.isStruct()) {
            return struct(nestedClass(type), fieldsOf(f, type), version);
        }
        return scalar(type.kind());
    }

    private String nestedClass(FieldType struct) {
        return spec.className() + "$" + struct.structName();
    }

    private List<FieldSpec> fieldsOf(FieldSpec f, FieldType struct) {
        if (!f.fields().isEmpty()) {
            return f.fields();
        }
        List<FieldSpec> fields = structs.get(struct.structName());
        if (fields == null) {
            throw new IllegalStateException("unknown struct " + struct.structName());
        }
        return fields;
    }

    private Object scalar(FieldType.Kind kind) {
        return switch (kind) {
            case BOOL -> random.nextBoolean();
            case INT8 -> (byte) number();
            case INT16 -> (short) number();
            case UINT16 -> random.nextInt(0x10000);
            case INT32 -> (int) number();
            case UINT32 -> random.nextLong() & 0xFFFFFFFFL;
            case INT64 -> number();
            case FLOAT64 -> random.nextDouble();
            case UUID -> random.nextInt(5) == 0 ? Uuid.ZERO_UUID : new Uuid(random.nextLong(), random.nextLong());
            case STRING -> SAMPLE_TEXT[random.nextInt(SAMPLE_TEXT.length)];
            case BYTES -> {
                byte[] bytes = new byte[random.nextInt(12)];
                random.nextBytes(bytes);
                yield bytes;
            }
            default -> throw new IllegalArgumentException("no random " + kind + " in metadata records");
        };
    }

    /** Often small or boundary values, which is where varints and defaults differ. */
    private long number() {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(100) - 2;
            default -> random.nextLong();
        };
    }
}
