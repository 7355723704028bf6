package io.tributary.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.generator.MessageSpec;
import io.tributary.metadata.record.NoOpRecord;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.TopicRecord;
import io.tributary.protocol.ApiMessage;
import io.tributary.protocol.ByteBufferWriter;
import io.tributary.protocol.Uuid;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetadataRecordSerdeTest {

    private static final Uuid TOPIC_ID = new Uuid(0x0102030405060708L, 0x090a0b0c0d0e0f10L);

    @Test
    void everyRecordTypeRoundTripsAtEveryVersion() {
        Random random = new Random(7);
        for (MessageSpec spec : RandomRecords.schemas()) {
            for (short version : RandomRecords.versions(spec)) {
                for (int round = 0; round < 300; round++) {
                    ApiMessage record = new RandomRecords(spec, random).next(version);
                    ApiMessageAndVersion original = new ApiMessageAndVersion(record, version);
                    ByteBuffer bytes = MetadataRecordSerde.serialize(original);
                    assertEquals(MetadataRecordSerde.size(original), bytes.remaining());

                    ApiMessageAndVersion read = MetadataRecordSerde.read(bytes);
                    assertEquals(original, read, spec.name() + " v" + version + " round " + round);
                    assertEquals(bytes, MetadataRecordSerde.serialize(read), "re-serialized bytes");
                }
            }
        }
    }

    @Test
    void frameIsFrameVersionApiKeyVersionThenTheRecord() {
        TopicRecord record = new TopicRecord().setName("foo").setTopicId(TOPIC_ID);
        ByteBuffer bytes = MetadataRecordSerde.serialize(new ApiMessageAndVersion(record, (short) 0));
        // 01 frame version, 02 api key, 00 version; then compact string "foo" (length + 1 = 4),
        // the 16-byte uuid and an empty tagged-field section.
        assertEquals("010200" + "04666f6f" + "0102030405060708090a0b0c0d0e0f10" + "00", hex(bytes));
    }

    @Test
    void readingDoesNotMoveTheBuffer() {
        ByteBuffer bytes = MetadataRecordSerde.serialize(new ApiMessageAndVersion(new NoOpRecord(), (short) 0));
        MetadataRecordSerde.read(bytes);
        assertEquals(0, bytes.position());
    }

    @Test
    void unknownApiKeyIsRejected() {
        MetadataParseException e = assertThrows(MetadataParseException.class, () -> MetadataRecordSerde.read(bytes("016300")));
        assertEquals("unknown metadata record api key 99", e.getMessage());
    }

    @Test
    void unknownFrameVersionIsRejected() {
        MetadataParseException e = assertThrows(MetadataParseException.class, () -> MetadataRecordSerde.read(bytes("021400" + "00")));
        assertTrue(e.getMessage().contains("unknown frame version 2"), e.getMessage());
    }

    @Test
    void unsupportedRecordVersionIsRejected() {
        // PartitionRecord v2 exists in Kafka (eligible leader replicas) but not here.
        MetadataParseException e = assertThrows(MetadataParseException.class, () -> MetadataRecordSerde.read(bytes("010302")));
        assertEquals("unsupported version 2 of metadata record PARTITION (api key 3; supported 0-1)", e.getMessage());
    }

    @Test
    void truncatedRecordIsRejectedNamingTheField() {
        ByteBuffer whole = MetadataRecordSerde.serialize(new ApiMessageAndVersion(new TopicRecord().setName("foo").setTopicId(TOPIC_ID), (short) 0));
        ByteBuffer truncated = whole.slice(0, whole.remaining() - 5);
        MetadataParseException e = assertThrows(MetadataParseException.class, () -> MetadataRecordSerde.read(truncated));
        assertTrue(e.getMessage().contains("TopicRecord v0: TopicId"), e.getMessage());
    }

    @Test
    void truncatedFrameIsRejected() {
        MetadataParseException e = assertThrows(MetadataParseException.class, () -> MetadataRecordSerde.read(bytes("01")));
        assertTrue(e.getMessage().contains("api key"), e.getMessage());
    }

    @Test
    void bytesAfterTheRecordAreRejected() {
        ByteBuffer record = MetadataRecordSerde.serialize(new ApiMessageAndVersion(new NoOpRecord(), (short) 0));
        ByteBuffer padded = ByteBuffer.allocate(record.remaining() + 2).put(record).put((byte) 0).put((byte) 0).flip();
        MetadataParseException e = assertThrows(MetadataParseException.class, () -> MetadataRecordSerde.read(padded));
        assertEquals("2 bytes left over after metadata record NO_OP v0 at offset 4", e.getMessage());
    }

    @Test
    void versionOutsideTheSchemaIsRefusedWhenPairing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ApiMessageAndVersion(new PartitionRecord(), (short) 2));
        assertEquals("PartitionRecord has no version 2 (supported 0-1)", e.getMessage());
    }

    @Test
    void writerMatchesSerialize() {
        ApiMessageAndVersion record = new ApiMessageAndVersion(
                new PartitionRecord().setTopicId(TOPIC_ID).setPartitionId(3).setReplicas(List.of(1, 2)).setIsr(List.of(1)), (short) 1);
        ByteBuffer buffer = ByteBuffer.allocate(MetadataRecordSerde.size(record));
        MetadataRecordSerde.write(record, new ByteBufferWriter(buffer));
        assertEquals(MetadataRecordSerde.serialize(record), buffer.flip());
    }

    private static ByteBuffer bytes(String hex) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(hex));
    }

    private static String hex(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
