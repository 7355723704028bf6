package io.tributary.generator;

import java.util.List;
import java.util.Set;

/**
 * One field of a message or struct, as the schema declares it.
 *
 * @param name               the schema name, e.g. {@code TopicData}
 * @param type               the field's type
 * @param versions           versions in which the field exists
 * @param nullableVersions   versions in which the field may be null
 * @param taggedVersions     versions in which the field is sent as a tagged field
 * @param tag                the tag number, or null for a field that is never tagged
 * @param flexibleVersions   a per-field override of the message's flexible versions, or null
 * @param ignorable          whether a non-default value may be dropped when writing a version without the field
 * @param defaultValue       the schema's default as written, or null for the type's default
 * @param zeroCopy           a bytes field held as a buffer slice instead of a copied array
 * @param about              the schema's description
 * @param fields             the fields of an inline struct type, empty otherwise
 */
public record FieldSpec(
        String name,
        FieldType type,
        Versions versions,
        Versions nullableVersions,
        Versions taggedVersions,
        Integer tag,
        Versions flexibleVersions,
        boolean ignorable,
        String defaultValue,
        boolean zeroCopy,
        String about,
        List<FieldSpec> fields) {

    private static final Set<String> JAVA_KEYWORDS = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
            "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
            "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native",
            "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
            "volatile", "while", "true", "false", "null", "record", "var", "yield");

    /** The Java name: the schema name with its first letter in lower case, e.g. {@code topicData}. */
    String javaName() {
        String camel = Character.toLowerCase(name.charAt(0)) + name.substring(1);
        return JAVA_KEYWORDS.contains(camel) ? camel + "Value" : camel;
    }

    /** {@code TopicData} becomes {@code setTopicData}; {@code timeoutMs} becomes {@code setTimeoutMs}. */
    String setterName() {
        return "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    public boolean isTagged() {
        return tag != null;
    }

    /** The versions in which the field is sent in the regular, positional part of the struct. */
    boolean untaggedIn(int version) {
        return versions.contains(version) && !(isTagged() && taggedVersions.contains(version));
    }

    /** Whether the default is null: only allowed when every version of the field is nullable. */
    public boolean defaultIsNull() {
        return "null".equals(defaultValue);
    }
}
