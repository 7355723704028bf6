package io.tributary.generator;

import io.tributary.generator.FieldType.Kind;

/**
 * Emits the statements that read, write and size one value of a field at one version, given Java
 * conditions for "compact encoding" ({@code flexible}) and "may be null" ({@code nullable}).
 *
 * <p>Generated locals start with an underscore and carry a depth suffix so nested arrays never
 * shadow each other or a field.
 */
final class ValueEmitter {

    private final CodeWriter out;
    private int depth;

    ValueEmitter(CodeWriter out) {
        this.out = out;
    }

    /** Reads a value of {@code field} into {@code target} (an assignable expression). */
    void read(FieldSpec field, String target, String flexible, String nullable) {
        FieldType type = field.type();
        if (type.isArray()) {
            readArray(field, target, flexible, nullable);
        } else if (type.isStruct()) {
            String construct = "new " + type.structName() + "(_reader, _version)";
            if (nullable.equals("false")) {
                out.line(target + " = " + construct + ";");
            } else {
                out.line(target + " = " + and(nullable, "_reader.readInt8() < 0") + " ? null : " + construct + ";");
            }
        } else {
            out.line(target + " = " + readScalar(type.kind(), field.zeroCopy(), flexible, nullable) + ";");
        }
    }

    private void readArray(FieldSpec field, String target, String flexible, String nullable) {
        FieldType element = field.type().element();
        int d = depth++;
        String n = "_n" + d;
        String list = "_list" + d;
        out.open("");
        out.line("int " + n + " = _reader.readArrayLength(" + flexible + ", " + nullable + ", "
                + minimumElementSize(element, flexible) + ");");
        out.open("if (" + n + " < 0)");
        out.line(target + " = null;");
        out.reopen("else");
        out.line("List<" + FieldTypes.boxedType(element, field.zeroCopy()) + "> " + list + " = new ArrayList<>(" + n + ");");
        out.open("for (int _i" + d + " = 0; _i" + d + " < " + n + "; _i" + d + "++)");
        if (element.isStruct()) {
            out.line(list + ".add(new " + element.structName() + "(_reader, _version));");
        } else {
            out.line(list + ".add(" + readScalar(element.kind(), field.zeroCopy(), flexible, "false") + ");");
        }
        out.close();
        out.line(target + " = " + list + ";");
        out.close();
        out.close();
        depth--;
    }

    private static String minimumElementSize(FieldType element, String flexible) {
        return switch (element.kind()) {
            case STRING -> flexibleChoice(flexible, 1, 2);
            case BYTES, RECORDS -> flexibleChoice(flexible, 1, 4);
            default -> Integer.toString(element.kind().minimumWireSize);
        };
    }

    private static String flexibleChoice(String flexible, int ifFlexible, int otherwise) {
        return switch (flexible) {
            case "true" -> Integer.toString(ifFlexible);
            case "false" -> Integer.toString(otherwise);
            default -> "(" + flexible + " ? " + ifFlexible + " : " + otherwise + ")";
        };
    }

    private static String readScalar(Kind kind, boolean zeroCopy, String flexible, String nullable) {
        return switch (kind) {
            case STRING -> "_reader.readString(" + flexible + ", " + nullable + ")";
            case BYTES -> "_reader." + (zeroCopy ? "readByteBuffer" : "readBytes") + "(" + flexible + ", " + nullable + ")";
            case RECORDS -> "_reader.readRecords(" + flexible + ", " + nullable + ")";
            default -> "_reader.read" + FieldTypes.fixedSuffix(kind) + "()";
        };
    }

    /** Writes {@code value} of {@code field}. */
    void write(FieldSpec field, String value, String flexible, String nullable) {
        FieldType type = field.type();
        String nonNull = "Objects.requireNonNull(" + value + ", \"non-nullable field " + field.name() + " was null\")";
        if (type.isArray()) {
            writeArray(field, value, flexible, nullable, nonNull);
        } else if (type.isStruct()) {
            if (nullable.equals("false")) {
                out.line(nonNull + ".write(_writer, _version);");
            } else {
                String isNull = and(nullable, value + " == null");
                out.open("if (" + isNull + ")");
                out.line("_writer.writeInt8((byte) -1);");
                out.reopen("else");
                if (!nullable.equals("true")) {
                    out.line("if (" + nullable + ") _writer.writeInt8((byte) 1);");
                } else {
                    out.line("_writer.writeInt8((byte) 1);");
                }
                out.line(nonNull + ".write(_writer, _version);");
                out.close();
            }
        } else if (type.isFixedSize()) {
            out.line("_writer.write" + FieldTypes.fixedSuffix(type.kind()) + "(" + value + ");");
        } else {
            String method = variableMethod(type.kind());
            switch (nullable) {
                case "true" -> out.line("_writer.writeNullable" + method + "(" + value + ", " + flexible + ");");
                case "false" -> out.line("_writer.write" + method + "(" + nonNull + ", " + flexible + ");");
                default -> {
                    out.open("if (" + nullable + ")");
                    out.line("_writer.writeNullable" + method + "(" + value + ", " + flexible + ");");
                    out.reopen("else");
                    out.line("_writer.write" + method + "(" + nonNull + ", " + flexible + ");");
                    out.close();
                }
            }
        }
    }

    private void writeArray(FieldSpec field, String value, String flexible, String nullable, String nonNull) {
        FieldType element = field.type().element();
        int d = depth++;
        String e = "_e" + d;
        if (!nullable.equals("false")) {
            out.open("if (" + and(nullable, value + " == null") + ")");
            out.line("_writer.writeNullArrayLength(" + flexible + ");");
            out.reopen("else");
        } else {
            out.open("");
        }
        out.line("_writer.writeArrayLength(" + nonNull + ".size(), " + flexible + ");");
        out.open("for (" + FieldTypes.boxedType(element, field.zeroCopy()) + " " + e + " : " + value + ")");
        if (element.isStruct()) {
            out.line(e + ".write(_writer, _version);");
        } else if (element.isFixedSize()) {
            out.line("_writer.write" + FieldTypes.fixedSuffix(element.kind()) + "(" + e + ");");
        } else {
            out.line("_writer.write" + variableMethod(element.kind()) + "(" + e + ", " + flexible + ");");
        }
        out.close();
        out.close();
        depth--;
    }

    private static String variableMethod(Kind kind) {
        return switch (kind) {
            case STRING -> "String";
            case BYTES -> "Bytes";
            case RECORDS -> "Records";
            default -> throw new IllegalArgumentException(kind + " has no length prefix");
        };
    }

    /** Adds the encoded size of {@code value} of {@code field} to the int local {@code sum}. */
    void size(FieldSpec field, String value, String sum, String flexible, String nullable) {
        FieldType type = field.type();
        if (type.isArray()) {
            sizeArray(field, value, sum, flexible, nullable);
        } else if (type.isStruct()) {
            if (nullable.equals("false")) {
                out.line(sum + " += " + value + ".size(_version);");
            } else {
                out.line(sum + " += " + (nullable.equals("true") ? "1" : "(" + nullable + " ? 1 : 0)")
                        + " + (" + value + " == null ? 0 : " + value + ".size(_version));");
            }
        } else if (type.isFixedSize()) {
            out.line(sum + " += " + type.fixedSize() + ";");
        } else {
            out.line(sum + " += WireSizes." + sizeMethod(type.kind()) + "(" + value + ", " + flexible + ");");
        }
    }

    private void sizeArray(FieldSpec field, String value, String sum, String flexible, String nullable) {
        FieldType element = field.type().element();
        int d = depth++;
        out.open("if (" + value + " == null)");
        out.line(sum + " += WireSizes.nullArrayLength(" + flexible + ");");
        out.reopen("else");
        out.line(sum + " += WireSizes.arrayLength(" + value + ".size(), " + flexible + ");");
        if (element.isFixedSize()) {
            out.line(sum + " += " + value + ".size() * " + element.fixedSize() + ";");
        } else {
            String e = "_e" + d;
            out.open("for (" + FieldTypes.boxedType(element, field.zeroCopy()) + " " + e + " : " + value + ")");
            if (element.isStruct()) {
                out.line(sum + " += " + e + ".size(_version);");
            } else {
                out.line(sum + " += WireSizes." + sizeMethod(element.kind()) + "(" + e + ", " + flexible + ");");
            }
            out.close();
        }
        out.close();
        depth--;
    }

    private static String sizeMethod(Kind kind) {
        return switch (kind) {
            case STRING -> "string";
            case BYTES -> "bytes";
            case RECORDS -> "records";
            default -> throw new IllegalArgumentException(kind + " has no length prefix");
        };
    }

    private static String and(String condition, String test) {
        return Conditions.and(condition, test);
    }
}
