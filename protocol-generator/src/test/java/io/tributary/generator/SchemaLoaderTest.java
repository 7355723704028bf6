package io.tributary.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaLoaderTest {

    @Test
    void loadsKafkasSchemasFromTheKafkaClientsJar() throws Exception {
        List<MessageSpec> specs = SchemaLoader.load("classpath:common/message");
        MessageSpec produce = specs.stream().filter(s -> s.name().equals("ProduceRequest")).findFirst().orElseThrow();
        assertEquals((short) 0, produce.apiKey());
        assertEquals("ProduceRequestData", produce.className());
        assertTrue(specs.size() >= 190);
    }

    @Test
    void readsCommentsAndDefaultsTheFlexibleVersionsToNone(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("ThingRecord.json"), """
                // a comment line, as Kafka's schemas have
                {
                  "type": "data", "name": "ThingRecord", "validVersions": "0-1",
                  "fields": [
                    { "name": "Id", "type": "int32", "versions": "0+", "about": "x" } // trailing comment
                  ]
                }
                """);
        MessageSpec spec = SchemaLoader.load(dir.toString()).get(0);
        assertEquals("ThingRecord", spec.className());
        assertTrue(spec.flexibleVersions().isEmpty());
        assertEquals("id", spec.fields().get(0).javaName());
    }

    @Test
    void aFieldWithoutVersionsNamesTheFileAndField(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Bad.json"), """
                { "type": "data", "name": "Bad", "validVersions": "0",
                  "fields": [ { "name": "Id", "type": "int32" } ] }
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SchemaLoader.load(dir.toString()));
        assertTrue(e.getMessage().contains("Bad.json") && e.getMessage().contains("Id"), e.getMessage());
    }

    @Test
    void aStructNamedLikeAnImportedClassIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Clash.json"), """
                { "type": "data", "name": "Clash", "validVersions": "0",
                  "fields": [ { "name": "Things", "type": "[]List", "versions": "0+",
                                "fields": [ { "name": "X", "type": "int8", "versions": "0+" } ] } ] }
                """);
        MessageSpec spec = SchemaLoader.load(dir.toString()).get(0);
        assertThrows(IllegalArgumentException.class, () -> new MessageGenerator("p").generate(spec));
    }
}
