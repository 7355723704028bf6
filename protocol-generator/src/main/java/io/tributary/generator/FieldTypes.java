package io.tributary.generator;

import io.tributary.generator.FieldType.Kind;

/**
 * What a field looks like in generated Java: its type, default value, and the test for "holds its
 * default" that decides whether a tagged field is sent and whether dropping a field is allowed.
 */
final class FieldTypes {

    private FieldTypes() {
    }

    static String javaType(FieldSpec field) {
        return javaType(field.type(), field.zeroCopy());
    }

    static String javaType(FieldType type, boolean zeroCopy) {
        return switch (type.kind()) {
            case ARRAY -> "List<" + boxedType(type.element(), zeroCopy) + ">";
            case STRUCT -> type.structName();
            case BYTES -> zeroCopy ? "ByteBuffer" : "byte[]";
            default -> type.kind().javaType;
        };
    }

    static String boxedType(FieldType type, boolean zeroCopy) {
        return switch (type.kind()) {
            case STRUCT -> type.structName();
            case BYTES -> zeroCopy ? "ByteBuffer" : "byte[]";
            case ARRAY -> throw new IllegalArgumentException("arrays of arrays are not part of the schema language");
            default -> type.kind().boxedType;
        };
    }

    /** A Java expression for the field's default: the schema's {@code default} or the type's. */
    static String defaultValue(FieldSpec field) {
        String declared = field.defaultValue();
        FieldType type = field.type();
        if (field.defaultIsNull()) {
            if (!type.canBeNullable()) {
                throw new IllegalArgumentException("field " + field.name() + " of type " + type.kind() + " cannot default to null");
            }
            return "null";
        }
        return switch (type.kind()) {
            case BOOL -> declared == null ? "false" : Boolean.toString(Boolean.parseBoolean(declared));
            case INT8 -> "(byte) " + integer(field, declared, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case INT16 -> "(short) " + integer(field, declared, Short.MIN_VALUE, Short.MAX_VALUE);
            case UINT16 -> Long.toString(integer(field, declared, 0, 0xFFFF));
            case INT32 -> Long.toString(integer(field, declared, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case UINT32 -> integer(field, declared, 0, 0xFFFFFFFFL) + "L";
            case INT64 -> integer(field, declared, Long.MIN_VALUE, Long.MAX_VALUE) + "L";
            case FLOAT64 -> declared == null ? "0.0" : Double.toString(Double.parseDouble(declared));
            case UUID -> "Uuid.ZERO_UUID";
            case STRING -> declared == null ? "\"\"" : javaString(declared);
            case BYTES -> field.zeroCopy() ? "ByteBuffer.allocate(0)" : "new byte[0]";
            case RECORDS -> "null";
            case STRUCT -> "new " + type.structName() + "()";
            case ARRAY -> "new ArrayList<>(0)";
        };
    }

    /** A Java expression that is true when {@code value} equals the field's default. */
    static String isDefault(FieldSpec field, String value) {
        FieldType type = field.type();
        if (field.defaultIsNull()) {
            return value + " == null";
        }
        return switch (type.kind()) {
            case BOOL, INT8, INT16, UINT16, INT32, UINT32, INT64 -> value + " == " + defaultValue(field);
            case FLOAT64 -> "Double.compare(" + value + ", " + defaultValue(field) + ") == 0";
            case UUID -> value + ".equals(Uuid.ZERO_UUID)";
            case STRING -> defaultValue(field) + ".equals(" + value + ")";
            case BYTES -> value + " != null && " + value + (field.zeroCopy() ? ".remaining() == 0" : ".length == 0");
            case RECORDS -> value + " == null";
            case STRUCT -> value + " != null && " + value + ".isDefault()";
            case ARRAY -> value + " != null && " + value + ".isEmpty()";
        };
    }

    private static long integer(FieldSpec field, String declared, long min, long max) {
        if (declared == null) {
            return 0;
        }
        long v;
        try {
            v = Long.decode(declared.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field " + field.name() + ": invalid default '" + declared + "'", e);
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException("field " + field.name() + ": default " + declared + " out of range");
        }
        return v;
    }

    static String javaString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** The reader method for a fixed-size primitive, e.g. {@code readInt32}. */
    static String fixedSuffix(Kind kind) {
        return switch (kind) {
            case BOOL -> "Bool";
            case INT8 -> "Int8";
            case INT16 -> "Int16";
            case UINT16 -> "Uint16";
            case INT32 -> "Int32";
            case UINT32 -> "Uint32";
            case INT64 -> "Int64";
            case FLOAT64 -> "Float64";
            case UUID -> "Uuid";
            default -> throw new IllegalArgumentException(kind + " is not fixed-size");
        };
    }
}
