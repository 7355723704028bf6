package io.tributary.generator;

/**
 * A field's type in the schema language: a primitive, a struct, or an array of either.
 *
 * @param kind      what the type is
 * @param element   the element type of an array, otherwise null
 * @param structName the struct's name for {@link Kind#STRUCT}, otherwise null
 */
public record FieldType(Kind kind, FieldType element, String structName) {

    public enum Kind {
        BOOL("boolean", "Boolean", 1),
        INT8("byte", "Byte", 1),
        INT16("short", "Short", 2),
        UINT16("int", "Integer", 2),
        INT32("int", "Integer", 4),
        UINT32("long", "Long", 4),
        INT64("long", "Long", 8),
        FLOAT64("double", "Double", 8),
        UUID("Uuid", "Uuid", 16),
        STRING("String", "String", 1),
        BYTES("byte[]", "byte[]", 1),
        RECORDS("Records", "Records", 1),
        STRUCT(null, null, 1),
        ARRAY(null, null, 1);

        final String javaType;
        final String boxedType;
        /** The fewest bytes one value can occupy on the wire, used to bound array counts. */
        final int minimumWireSize;

        Kind(String javaType, String boxedType, int minimumWireSize) {
            this.javaType = javaType;
            this.boxedType = boxedType;
            this.minimumWireSize = minimumWireSize;
        }
    }

    static FieldType parse(String text) {
        if (text.startsWith("[]")) {
            return new FieldType(Kind.ARRAY, parse(text.substring(2)), null);
        }
        return switch (text) {
            case "bool" -> primitive(Kind.BOOL);
            case "int8" -> primitive(Kind.INT8);
            case "int16" -> primitive(Kind.INT16);
            case "uint16" -> primitive(Kind.UINT16);
            case "int32" -> primitive(Kind.INT32);
            case "uint32" -> primitive(Kind.UINT32);
            case "int64" -> primitive(Kind.INT64);
            case "float64" -> primitive(Kind.FLOAT64);
            case "uuid" -> primitive(Kind.UUID);
            case "string" -> primitive(Kind.STRING);
            case "bytes" -> primitive(Kind.BYTES);
            case "records" -> primitive(Kind.RECORDS);
            default -> {
                if (text.isEmpty() || !Character.isUpperCase(text.charAt(0))) {
                    throw new IllegalArgumentException("unknown field type '" + text + "'");
                }
                yield new FieldType(Kind.STRUCT, null, text);
            }
        };
    }

    private static FieldType primitive(Kind kind) {
        return new FieldType(kind, null, null);
    }

    public boolean isArray() {
        return kind == Kind.ARRAY;
    }

    public boolean isStruct() {
        return kind == Kind.STRUCT;
    }

    boolean isStructArray() {
        return isArray() && element.isStruct();
    }

    /** Types whose values may be null on the wire in nullable versions. */
    boolean canBeNullable() {
        return switch (kind) {
            case STRING, BYTES, RECORDS, STRUCT, ARRAY -> true;
            default -> false;
        };
    }

    /** Fixed-size primitives, written without a length. */
    boolean isFixedSize() {
        return switch (kind) {
            case BOOL, INT8, INT16, UINT16, INT32, UINT32, INT64, FLOAT64, UUID -> true;
            default -> false;
        };
    }

    int fixedSize() {
        return kind.minimumWireSize;
    }
}
