package io.tributary.protocol;

import java.util.List;

/**
 * A message or struct generated from a schema. One instance represents every version; the version
 * is chosen when reading or writing.
 *
 * <p>Not thread-safe: an instance belongs to the thread decoding, handling or encoding it.
 */
public interface Message {

    /** Replaces every field with what {@code reader} holds for {@code version}; absent fields get their defaults. */
    void read(ProtocolReader reader, short version);

    /** Writes the fields that exist in {@code version}; exactly {@link #size(short)} bytes. */
    void write(ProtocolWriter writer, short version);

    /** The number of bytes {@link #write} produces for {@code version}. */
    int size(short version);

    short lowestSupportedVersion();

    short highestSupportedVersion();

    /** Tagged fields this code does not know, kept as read and written back in tag order. */
    List<RawTaggedField> unknownTaggedFields();
}
