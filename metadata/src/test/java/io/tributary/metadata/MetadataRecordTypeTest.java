package io.tributary.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tributary.generator.MessageSpec;
import io.tributary.protocol.ApiMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MetadataRecordTypeTest {

    @Test
    void everySchemaHasATypeWithItsApiKeyAndVersions() {
        List<MessageSpec> schemas = RandomRecords.schemas();
        for (MessageSpec spec : schemas) {
            MetadataRecordType type = MetadataRecordType.forApiKey(spec.apiKey());
            assertEquals(spec.className(), type.recordClass().getSimpleName(), "api key " + spec.apiKey());
            assertEquals(spec.validVersions().lowest(), type.lowestSupportedVersion(), spec.name());
            assertEquals(spec.validVersions().highest(), type.highestSupportedVersion(), spec.name());
            assertSame(type.recordClass(), type.newRecord().getClass());
        }
        Set<Short> schemaKeys = schemas.stream().map(MessageSpec::apiKey).collect(Collectors.toSet());
        Set<Short> typeKeys = Arrays.stream(MetadataRecordType.values()).map(MetadataRecordType::apiKey).collect(Collectors.toSet());
        assertEquals(schemaKeys, typeKeys, "every type has a schema");
    }

    @Test
    void unusedApiKeysHaveNoType() {
        assertNull(MetadataRecordType.forApiKey(6)); // Kafka's AccessControlEntryRecord, not here yet
        assertNull(MetadataRecordType.forApiKey(-1));
        assertNull(MetadataRecordType.forApiKey(1000));
    }

    @Test
    void aProtocolMessageIsNotAMetadataRecordEvenWithAMatchingApiKey() {
        ApiMessage notARecord = new ApiMessage() {
            @Override public short apiKey() { return 2; }
            @Override public void read(io.tributary.protocol.ProtocolReader reader, short version) { }
            @Override public void write(io.tributary.protocol.ProtocolWriter writer, short version) { }
            @Override public int size(short version) { return 0; }
            @Override public short lowestSupportedVersion() { return 0; }
            @Override public short highestSupportedVersion() { return 0; }
            @Override public List<io.tributary.protocol.RawTaggedField> unknownTaggedFields() { return List.of(); }
        };
        assertThrows(IllegalArgumentException.class, () -> MetadataRecordType.of(notARecord));
    }
}
