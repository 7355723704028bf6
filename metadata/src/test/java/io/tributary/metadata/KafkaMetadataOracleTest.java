package io.tributary.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.generator.FieldSpec;
import io.tributary.generator.MessageSpec;
import io.tributary.generator.SchemaLoader;
import io.tributary.generator.StructSpec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.junit.jupiter.api.Test;

/**
 * Our metadata records against Kafka's own ({@code kafka-metadata}, test scope only): each schema
 * keeps Kafka's api key and, in every version we define, Kafka's field layout; and Kafka's
 * {@code MetadataRecordSerde} reads the bytes of our serde and writes back the very same bytes, so
 * Kafka's tools ({@code kafka-dump-log --cluster-metadata-decoder}, the metadata shell) read our log.
 */
class KafkaMetadataOracleTest {

    private static final org.apache.kafka.metadata.MetadataRecordSerde KAFKA = org.apache.kafka.metadata.MetadataRecordSerde.INSTANCE;

    @Test
    void everySchemaKeepsKafkasApiKeyAndLayoutInEveryVersionItDefines() throws Exception {
        Map<String, MessageSpec> kafka = SchemaLoader.load("classpath:common/metadata").stream()
                .collect(Collectors.toMap(MessageSpec::name, Function.identity()));
        for (MessageSpec ours : RandomRecords.schemas()) {
            MessageSpec theirs = kafka.get(ours.name());
            assertNotNull(theirs, ours.name() + " is not a Kafka metadata record");
            assertEquals(theirs.apiKey(), ours.apiKey(), ours.name() + " api key");
            assertEquals(theirs.flexibleVersions(), ours.flexibleVersions(), ours.name() + " flexible versions");
            for (short version : RandomRecords.versions(ours)) {
                assertTrue(theirs.validVersions().contains(version), ours.name() + " v" + version + " is not a Kafka version");
                assertEquals(layout(theirs, theirs.fields(), version), layout(ours, ours.fields(), version),
                        ours.name() + " v" + version + " layout");
            }
        }
    }

    @Test
    void kafkaReadsOurBytesAndWritesTheSameBytesBack() {
        Random random = new Random(11);
        for (MessageSpec spec : RandomRecords.schemas()) {
            for (short version : RandomRecords.versions(spec)) {
                for (int round = 0; round < 300; round++) {
                    ApiMessageAndVersion ours = new ApiMessageAndVersion(new RandomRecords(spec, random).next(version), version);
                    ByteBuffer bytes = MetadataRecordSerde.serialize(ours);
                    String what = spec.name() + " v" + version + " round " + round + ": " + ours;

                    org.apache.kafka.server.common.ApiMessageAndVersion theirs =
                            KAFKA.read(new ByteBufferAccessor(bytes.duplicate()), bytes.remaining());
                    assertEquals(spec.name() + "Data", theirs.message().getClass().getSimpleName() + "Data", what);
                    assertEquals(version, theirs.version(), what);
                    ByteBuffer kafkaBytes = kafkaSerialize(theirs);
                    assertEquals(bytes, kafkaBytes, what);
                    assertEquals(ours, MetadataRecordSerde.read(kafkaBytes), what);
                }
            }
        }
    }

    private static ByteBuffer kafkaSerialize(org.apache.kafka.server.common.ApiMessageAndVersion record) {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        ByteBuffer buffer = ByteBuffer.allocate(KAFKA.recordSize(record, cache));
        KAFKA.write(record, cache, new ByteBufferAccessor(buffer));
        return buffer.flip();
    }

    /** What decides the bytes of {@code fields} at {@code version}, ignoring documentation. */
    private static List<String> layout(MessageSpec spec, List<FieldSpec> fields, short version) {
        List<String> layout = new ArrayList<>();
        for (FieldSpec f : fields) {
            if (!f.versions().contains(version)) {
                continue;
            }
            boolean tagged = f.isTagged() && f.taggedVersions().contains(version);
            layout.add(f.name() + ":" + f.type()
                    + (f.nullableVersions().contains(version) ? " nullable" : "")
                    + (tagged ? " tag " + f.tag() : "")
                    + (f.defaultValue() != null ? " default " + f.defaultValue() : "")
                    + (f.flexibleVersions() != null ? " flexible " + f.flexibleVersions() : ""));
            List<FieldSpec> nested = f.fields().isEmpty() ? commonStruct(spec, f) : f.fields();
            if (!nested.isEmpty()) {
                layout.add("{" + layout(spec, nested, version) + "}");
            }
        }
        return layout;
    }

    private static List<FieldSpec> commonStruct(MessageSpec spec, FieldSpec f) {
        String name = f.type().isArray() ? f.type().element().structName() : f.type().structName();
        return spec.commonStructs().stream().filter(s -> s.name().equals(name)).map(StructSpec::fields).findFirst().orElse(List.of());
    }
}
