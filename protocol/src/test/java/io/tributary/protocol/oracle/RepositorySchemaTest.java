package io.tributary.protocol.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tributary.generator.MessageSpec;
import io.tributary.generator.SchemaLoader;
import io.tributary.protocol.ByteBufferWriter;
import io.tributary.protocol.ProtocolReader;
import io.tributary.protocol.UnsupportedVersionException;
import io.tributary.protocol.testmessage.AllTypesMessage;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The generator on schemas kept in this repository ({@code src/test/schemas}), the way our own
 * durable records will be generated: every type of the schema language, including those Kafka's
 * schemas barely use (uint32, float64 with a default, nullable structs, tagged strings and arrays,
 * a per-field flexible override).
 */
class RepositorySchemaTest {

    private static MessageSpec allTypes() throws Exception {
        List<MessageSpec> specs = SchemaLoader.load("src/test/schemas");
        return specs.stream().filter(s -> s.name().equals("AllTypesMessage")).findFirst().orElseThrow();
    }

    @Test
    void randomAllTypesMessagesRoundTripAtEveryVersion() throws Exception {
        MessageSpec spec = allTypes();
        Random random = new Random(42);
        for (short version = 0; version <= 2; version++) {
            for (int round = 0; round < 500; round++) {
                byte[] original = new RandomMessageWriter(spec, random).write(version);
                AllTypesMessage message = new AllTypesMessage(new ProtocolReader(ByteBuffer.wrap(original)), version);
                assertEquals(original.length, message.size(version));
                ByteBuffer written = ByteBufferWriter.serialize(message, version);
                assertEquals(ByteBuffer.wrap(original), written, "v" + version + " round " + round);
                assertEquals(message, new AllTypesMessage(new ProtocolReader(written), version));
            }
        }
    }

    @Test
    void defaultsComeFromTheSchema() {
        AllTypesMessage m = new AllTypesMessage();
        assertEquals(true, m.flag());
        assertEquals((byte) -1, m.tiny());
        assertEquals(0xFFFF, m.port());
        assertEquals(4294967295L, m.unsigned());
        assertEquals(0.5, m.ratio());
        assertEquals("tributary", m.name());
        assertNull(m.payload());
        assertNull(m.maybeChild());
        assertEquals(-1L, m.child().extra());
    }

    @Test
    void unsignedFieldsUseTheirFullRangeOnTheWire() {
        AllTypesMessage m = new AllTypesMessage().setPort(0xFFFF).setUnsigned(0xFFFFFFFFL).setLegacy("x").setSlice(ByteBuffer.allocate(0));
        ByteBuffer bytes = ByteBufferWriter.serialize(m, (short) 0);
        // bool, int8, int16, then uint16 at offset 4 and uint32 after the int32 at offset 10.
        assertEquals((short) -1, bytes.getShort(4));
        assertEquals(-1, bytes.getInt(10));
        AllTypesMessage back = new AllTypesMessage(new ProtocolReader(bytes), (short) 0);
        assertEquals(0xFFFF, back.port());
        assertEquals(0xFFFFFFFFL, back.unsigned());
    }

    @Test
    void perFieldFlexibleOverrideKeepsTheLegacyStringEncodingInFlexibleVersions() {
        ByteBuffer bytes = ByteBufferWriter.serialize(new AllTypesMessage().setLegacy("abc"), (short) 2);
        // 46 bytes of fixed-size fields, Name "tributary" as a compact string (1 + 9), MaybeName "" (1):
        // Legacy starts at 57 with an int16 length, where a compact length would be the single byte 4.
        assertEquals(3, bytes.getShort(57));
        assertEquals('a', bytes.get(59));
        assertEquals("abc", new AllTypesMessage(new ProtocolReader(bytes), (short) 2).legacy());
    }

    @Test
    void nonDefaultValueInAVersionWithoutTheFieldIsRefusedUnlessIgnorable() {
        AllTypesMessage strict = new AllTypesMessage().setStrict(7);
        assertThrows(UnsupportedVersionException.class, () -> ByteBufferWriter.serialize(strict, (short) 1));
        AllTypesMessage ignorable = new AllTypesMessage().setOnlyOld(7);
        ByteBuffer bytes = ByteBufferWriter.serialize(ignorable, (short) 1);
        assertEquals(0, new AllTypesMessage(new ProtocolReader(bytes), (short) 1).onlyOld());
    }

    @Test
    void tagsAreRefusedInVersionsThatCannotCarryThem() {
        AllTypesMessage m = new AllTypesMessage().setTaggedName("x");
        assertThrows(UnsupportedVersionException.class, () -> ByteBufferWriter.serialize(m, (short) 0));
        assertEquals("x", new AllTypesMessage(new ProtocolReader(ByteBufferWriter.serialize(m, (short) 1)), (short) 1).taggedName());
    }

    @Test
    void versionsOutsideTheSchemaAreRefused() {
        assertThrows(UnsupportedVersionException.class, () -> new AllTypesMessage().size((short) 3));
        assertThrows(UnsupportedVersionException.class,
                () -> new AllTypesMessage(new ProtocolReader(ByteBuffer.allocate(100)), (short) -1));
    }

    @Test
    void sameBytesFromADifferentPathAreEqual() {
        AllTypesMessage a = new AllTypesMessage().setNumbers(List.of(1, 2, 3)).setPayload(new byte[] {1, 2});
        AllTypesMessage b = new AllTypesMessage().setNumbers(List.of(1, 2, 3)).setPayload(new byte[] {1, 2});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertArrayEquals(ByteBufferWriter.serialize(a, (short) 2).array(), ByteBufferWriter.serialize(b, (short) 2).array());
    }
}
