package io.tributary.generator;

import java.util.List;

/**
 * A struct: the top level of a message, a field's inline struct type, or a common struct.
 *
 * @param name     the Java class name
 * @param fields   the fields in wire order
 * @param versions the versions in which the struct can appear (the message's valid versions)
 */
public record StructSpec(String name, List<FieldSpec> fields, Versions versions) {

    boolean hasTaggedFields() {
        return fields.stream().anyMatch(FieldSpec::isTagged);
    }
}
