package io.tributary.generator;

import java.util.Comparator;
import java.util.List;

/**
 * Emits the body of one generated class: fields, constructors, {@code read}, {@code write},
 * {@code size}, accessors, {@code equals}, {@code hashCode} and {@code toString}.
 *
 * <p>Field rules follow Kafka's generator so the bytes match Kafka's exactly: absent fields read as
 * their default; writing a non-default, non-ignorable field at a version without it fails with
 * {@code UnsupportedVersionException}; tagged fields are sent only when not at their default, in tag
 * order, with unknown tagged fields kept and interleaved by tag.
 */
final class StructEmitter {

    private final MessageSpec message;
    private final StructSpec struct;
    private final boolean topLevel;
    private final CodeWriter out;
    private final ValueEmitter values;

    StructEmitter(MessageSpec message, StructSpec struct, boolean topLevel, CodeWriter out) {
        this.message = message;
        this.struct = struct;
        this.topLevel = topLevel;
        this.out = out;
        this.values = new ValueEmitter(out);
    }

    void emitMembers() {
        for (FieldSpec f : struct.fields()) {
            out.line("private " + FieldTypes.javaType(f) + " " + f.javaName() + ";");
        }
        out.line("private List<RawTaggedField> unknownTaggedFields;");
        out.blank();
        emitConstructors();
        emitVersionMethods();
        emitRead();
        emitWrite();
        emitSize();
        emitIsDefault();
        emitAccessors();
        emitEquals();
        emitHashCode();
        emitToString();
    }

    private String cls() {
        return struct.name();
    }

    private Versions valid() {
        return message.validVersions();
    }

    private String flexible(FieldSpec f) {
        Versions flexible = f.flexibleVersions() != null ? f.flexibleVersions() : message.flexibleVersions();
        return flexible.condition("_version", valid());
    }

    private String messageFlexible() {
        return message.flexibleVersions().condition("_version", valid());
    }

    private String present(FieldSpec f) {
        return f.versions().condition("_version", valid());
    }

    private String tagged(FieldSpec f) {
        return f.isTagged() ? f.versions().intersect(f.taggedVersions()).condition("_version", valid()) : "false";
    }

    /** Present and sent positionally: the field's versions less its tagged versions. */
    private String untagged(FieldSpec f) {
        Versions versions = f.versions().intersect(valid());
        Versions taggedVersions = f.isTagged() ? versions.intersect(f.taggedVersions()) : Versions.NONE;
        if (taggedVersions.isEmpty()) {
            return present(f);
        }
        if (taggedVersions.containsAll(versions)) {
            return "false";
        }
        return Conditions.and(present(f), Conditions.not(tagged(f)));
    }

    private String nullable(FieldSpec f) {
        return f.nullableVersions().condition("_version", valid());
    }

    private List<FieldSpec> taggedFields() {
        return struct.fields().stream().filter(FieldSpec::isTagged).sorted(Comparator.comparing(FieldSpec::tag)).toList();
    }

    private void emitConstructors() {
        out.line("/** A new instance with every field at its default. */");
        out.open("public " + cls() + "()");
        for (FieldSpec f : struct.fields()) {
            out.line("this." + f.javaName() + " = " + FieldTypes.defaultValue(f) + ";");
        }
        out.close();
        out.blank();
        out.line("/** Reads an instance of {@code version} from {@code reader}. */");
        out.open("public " + cls() + "(ProtocolReader _reader, short _version)");
        out.line("read(_reader, _version);");
        out.close();
        out.blank();
    }

    private void emitVersionMethods() {
        out.line("@Override");
        out.open("public short lowestSupportedVersion()");
        out.line("return " + valid().lowest() + ";");
        out.close();
        out.blank();
        out.line("@Override");
        out.open("public short highestSupportedVersion()");
        out.line("return " + valid().highest() + ";");
        out.close();
        out.blank();
    }

    private void emitVersionCheck(String verb) {
        out.open("if (_version < " + valid().lowest() + " || _version > " + valid().highest() + ")");
        out.line("throw new UnsupportedVersionException(\"Can't " + verb + " version \" + _version + \" of " + cls() + "\");");
        out.close();
    }

    private void emitRead() {
        out.line("@Override");
        out.open("public void read(ProtocolReader _reader, short _version)");
        emitVersionCheck("read");
        out.line("String _field = null;");
        out.open("try");
        for (FieldSpec f : struct.fields()) {
            String target = "this." + f.javaName();
            String untagged = untagged(f);
            out.line("_field = \"" + f.name() + "\";");
            if (untagged.equals("false")) {
                out.line(target + " = " + FieldTypes.defaultValue(f) + ";");
                continue;
            }
            boolean opened = out.openIf(untagged);
            values.read(f, target, flexible(f), nullable(f));
            if (opened) {
                out.reopen("else");
                out.line(target + " = " + FieldTypes.defaultValue(f) + ";");
                out.close();
            }
        }
        out.line("this.unknownTaggedFields = null;");
        String flexible = messageFlexible();
        if (!flexible.equals("false")) {
            boolean opened = out.openIf(flexible);
            emitReadTaggedFields();
            out.closeIf(opened);
        }
        out.reopen("catch (ProtocolDecodeException _e)");
        out.line(topLevel
                ? "throw _e.inField(_field).inMessage(\"" + message.name() + "\", _version);"
                : "throw _e.inField(_field);");
        out.close();
        out.close();
        out.blank();
    }

    private void emitReadTaggedFields() {
        out.line("_field = \"_tagged_fields\";");
        out.line("int _numTaggedFields = _reader.readTaggedFieldCount();");
        out.open("for (int _t = 0; _t < _numTaggedFields; _t++)");
        out.line("_field = \"_tagged_fields\";");
        out.line("int _tag = _reader.readUnsignedVarint();");
        out.line("int _tagSize = _reader.readTaggedFieldSize();");
        List<FieldSpec> tagged = taggedFields();
        if (tagged.isEmpty()) {
            out.line("this.unknownTaggedFields = _reader.readUnknownTaggedField(this.unknownTaggedFields, _tag, _tagSize);");
            out.close();
            return;
        }
        out.line("int _tagEnd = _reader.position() + _tagSize;");
        out.open("switch (_tag)");
        for (FieldSpec f : tagged) {
            out.open("case " + f.tag() + ":");
            out.line("_field = \"" + f.name() + "\";");
            out.open("if (" + tagged(f) + ")");
            values.read(f, "this." + f.javaName(), "true", nullable(f));
            out.line("_reader.checkTaggedFieldEnd(_tagEnd, _tag);");
            out.reopen("else");
            out.line("this.unknownTaggedFields = _reader.readUnknownTaggedField(this.unknownTaggedFields, _tag, _tagSize);");
            out.close();
            out.line("break;");
            out.close();
        }
        out.line("default:");
        out.line("    this.unknownTaggedFields = _reader.readUnknownTaggedField(this.unknownTaggedFields, _tag, _tagSize);");
        out.close();
        out.close();
    }

    private void emitWrite() {
        out.line("@Override");
        out.open("public void write(ProtocolWriter _writer, short _version)");
        emitVersionCheck("write");
        for (FieldSpec f : struct.fields()) {
            String value = "this." + f.javaName();
            String untagged = untagged(f);
            boolean opened = false;
            if (!untagged.equals("false")) {
                opened = out.openIf(untagged);
                values.write(f, value, flexible(f), nullable(f));
            }
            String absent = Conditions.not(present(f));
            if (!f.ignorable() && !absent.equals("false")) {
                if (opened) {
                    out.reopen(untagged.equals(present(f)) ? "else" : "else if (" + absent + ")");
                } else {
                    opened = out.openIf(absent);
                }
                out.open("if (!(" + FieldTypes.isDefault(f, value) + "))");
                out.line("throw new UnsupportedVersionException(\"Attempted to write a non-default " + f.name()
                        + " at version \" + _version);");
                out.close();
            }
            out.closeIf(opened);
        }
        String flexible = messageFlexible();
        if (!flexible.equals("false")) {
            boolean opened = out.openIf(flexible);
            emitWriteTaggedFields();
            if (opened) {
                out.reopen("else if (this.unknownTaggedFields != null && !this.unknownTaggedFields.isEmpty())");
                emitThrowUntaggable();
                out.close();
            }
        } else {
            out.open("if (this.unknownTaggedFields != null && !this.unknownTaggedFields.isEmpty())");
            emitThrowUntaggable();
            out.close();
        }
        out.close();
        out.blank();
    }

    private void emitThrowUntaggable() {
        out.line("throw new UnsupportedVersionException(\"Tagged fields were set, but version \" + _version + \" of "
                + cls() + " does not support them\");");
    }

    private String sendTagged(FieldSpec f) {
        return Conditions.and(tagged(f), "!(" + FieldTypes.isDefault(f, "this." + f.javaName()) + ")");
    }

    private void emitWriteTaggedFields() {
        out.line("int _numTaggedFields = RawTaggedField.count(this.unknownTaggedFields);");
        for (FieldSpec f : taggedFields()) {
            String send = sendTagged(f);
            if (!send.equals("false")) {
                out.line("if (" + send + ") _numTaggedFields++;");
            }
        }
        out.line("_writer.writeUnsignedVarint(_numTaggedFields);");
        out.line("int _unknown = 0;");
        for (FieldSpec f : taggedFields()) {
            out.line("_unknown = RawTaggedField.writeBefore(_writer, this.unknownTaggedFields, _unknown, " + f.tag() + ");");
            String send = sendTagged(f);
            if (send.equals("false")) {
                continue;
            }
            out.open("if (" + send + ")");
            out.line("_writer.writeUnsignedVarint(" + f.tag() + ");");
            out.line("int _valueSize = 0;");
            values.size(f, "this." + f.javaName(), "_valueSize", "true", nullable(f));
            out.line("_writer.writeUnsignedVarint(_valueSize);");
            values.write(f, "this." + f.javaName(), "true", nullable(f));
            out.close();
        }
        out.line("RawTaggedField.writeBefore(_writer, this.unknownTaggedFields, _unknown, Integer.MAX_VALUE);");
    }

    private void emitSize() {
        out.line("@Override");
        out.open("public int size(short _version)");
        emitVersionCheck("size");
        out.line("int _size = 0;");
        for (FieldSpec f : struct.fields()) {
            String untagged = untagged(f);
            if (untagged.equals("false")) {
                continue;
            }
            boolean opened = out.openIf(untagged);
            values.size(f, "this." + f.javaName(), "_size", flexible(f), nullable(f));
            out.closeIf(opened);
        }
        String flexible = messageFlexible();
        if (!flexible.equals("false")) {
            boolean opened = out.openIf(flexible);
            out.line("int _numTaggedFields = RawTaggedField.count(this.unknownTaggedFields);");
            out.line("_size += RawTaggedField.size(this.unknownTaggedFields);");
            for (FieldSpec f : taggedFields()) {
                String send = sendTagged(f);
                if (send.equals("false")) {
                    continue;
                }
                out.open("if (" + send + ")");
                out.line("_numTaggedFields++;");
                out.line("int _valueSize = 0;");
                values.size(f, "this." + f.javaName(), "_valueSize", "true", nullable(f));
                out.line("_size += WireSizes.unsignedVarint(" + f.tag() + ") + WireSizes.unsignedVarint(_valueSize) + _valueSize;");
                out.close();
            }
            out.line("_size += WireSizes.unsignedVarint(_numTaggedFields);");
            out.closeIf(opened);
        }
        out.line("return _size;");
        out.close();
        out.blank();
    }

    private void emitIsDefault() {
        out.line("/** Whether every field holds its default and no unknown tagged field is kept, as in a new instance. */");
        out.open("public boolean isDefault()");
        StringBuilder test = new StringBuilder("RawTaggedField.count(this.unknownTaggedFields) == 0");
        for (FieldSpec f : struct.fields()) {
            test.append("\n            && (").append(FieldTypes.isDefault(f, "this." + f.javaName())).append(")");
        }
        out.line("return " + test + ";");
        out.close();
        out.blank();
    }

    private void emitAccessors() {
        for (FieldSpec f : struct.fields()) {
            String type = FieldTypes.javaType(f);
            if (!f.about().isEmpty()) {
                out.line("/** " + escapeJavadoc(f.about()) + " */");
            }
            out.open("public " + type + " " + f.javaName() + "()");
            out.line("return this." + f.javaName() + ";");
            out.close();
            out.blank();
            out.open("public " + cls() + " " + f.setterName() + "(" + type + " v)");
            out.line("this." + f.javaName() + " = v;");
            out.line("return this;");
            out.close();
            out.blank();
        }
        out.line("@Override");
        out.open("public List<RawTaggedField> unknownTaggedFields()");
        out.open("if (this.unknownTaggedFields == null)");
        out.line("this.unknownTaggedFields = new ArrayList<>(0);");
        out.close();
        out.line("return this.unknownTaggedFields;");
        out.close();
        out.blank();
    }

    private void emitEquals() {
        out.line("@Override");
        out.open("public boolean equals(Object _o)");
        out.open("if (this == _o)");
        out.line("return true;");
        out.close();
        out.open("if (!(_o instanceof " + cls() + " _other))");
        out.line("return false;");
        out.close();
        for (FieldSpec f : struct.fields()) {
            String a = "this." + f.javaName();
            String b = "_other." + f.javaName();
            String differs = switch (f.type().kind()) {
                case BOOL, INT8, INT16, UINT16, INT32, UINT32, INT64 -> a + " != " + b;
                case FLOAT64 -> "Double.compare(" + a + ", " + b + ") != 0";
                case BYTES -> f.zeroCopy() ? "!Objects.equals(" + a + ", " + b + ")" : "!Arrays.equals(" + a + ", " + b + ")";
                default -> "!Objects.equals(" + a + ", " + b + ")";
            };
            out.line("if (" + differs + ") return false;");
        }
        out.line("return RawTaggedField.equal(this.unknownTaggedFields, _other.unknownTaggedFields);");
        out.close();
        out.blank();
    }

    private void emitHashCode() {
        out.line("@Override");
        out.open("public int hashCode()");
        out.line("int _h = 0;");
        for (FieldSpec f : struct.fields()) {
            String v = "this." + f.javaName();
            String hash = switch (f.type().kind()) {
                case BOOL -> "Boolean.hashCode(" + v + ")";
                case INT8, INT16, UINT16, INT32 -> v;
                case UINT32, INT64 -> "Long.hashCode(" + v + ")";
                case FLOAT64 -> "Double.hashCode(" + v + ")";
                case BYTES -> f.zeroCopy() ? "Objects.hashCode(" + v + ")" : "Arrays.hashCode(" + v + ")";
                default -> "Objects.hashCode(" + v + ")";
            };
            out.line("_h = 31 * _h + " + hash + ";");
        }
        out.line("return _h;");
        out.close();
        out.blank();
    }

    private void emitToString() {
        out.line("@Override");
        out.open("public String toString()");
        StringBuilder s = new StringBuilder("return \"" + cls() + "(\"");
        String separator = "";
        for (FieldSpec f : struct.fields()) {
            String v = "this." + f.javaName();
            String shown = switch (f.type().kind()) {
                case STRING -> "(" + v + " == null ? \"null\" : \"'\" + " + v + " + \"'\")";
                case BYTES -> f.zeroCopy() ? v : "Arrays.toString(" + v + ")";
                default -> v;
            };
            s.append("\n            + \"").append(separator).append(f.javaName()).append("=\" + ").append(shown);
            separator = ", ";
        }
        s.append("\n            + \")\";");
        out.line(s.toString());
        out.close();
    }

    private static String escapeJavadoc(String text) {
        return text.replace("*/", "*&#47;").replace("@", "{@literal @}").replace("<", "&lt;").replace(">", "&gt;");
    }
}
