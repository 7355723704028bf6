package io.tributary.generator;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads message schemas in Kafka's JSON format (which allows {@code //} comments) from a directory
 * or from a folder on the class path, such as {@code common/message} inside the kafka-clients jar.
 */
public final class SchemaLoader {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private SchemaLoader() {
    }

    /** Loads every {@code *.json} file of a directory, or of {@code classpath:folder}, sorted by name. */
    public static List<MessageSpec> load(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            return loadFromClassPath(location.substring("classpath:".length()));
        }
        return loadDirectory(Path.of(location));
    }

    static List<MessageSpec> loadDirectory(Path directory) throws IOException {
        List<MessageSpec> specs = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    specs.add(parse(file.getFileName().toString(), JSON.readTree(in)));
                }
            }
        }
        return specs;
    }

    private static List<MessageSpec> loadFromClassPath(String folder) throws IOException {
        URL url = SchemaLoader.class.getClassLoader().getResource(folder);
        if (url == null) {
            throw new IOException("no folder '" + folder + "' on the class path");
        }
        try {
            if (url.getProtocol().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(url.toURI(), Map.of())) {
                    return loadDirectory(jar.getPath(folder));
                }
            }
            return loadDirectory(Path.of(url.toURI()));
        } catch (URISyntaxException e) {
            throw new IOException("bad class path location " + url, e);
        }
    }

    static MessageSpec parse(String source, JsonNode root) {
        try {
            String name = text(root, "name");
            Versions valid = Versions.parse(text(root, "validVersions"), null);
            Versions flexible = Versions.parse(optionalText(root, "flexibleVersions"), Versions.NONE);
            List<StructSpec> common = new ArrayList<>();
            for (JsonNode struct : iterable(root.get("commonStructs"))) {
                common.add(new StructSpec(text(struct, "name"), fields(struct.get("fields")), valid));
            }
            List<String> listeners = new ArrayList<>();
            iterable(root.get("listeners")).forEach(l -> listeners.add(l.asText()));
            return new MessageSpec(
                name,
                    text(root, "type"),
                    root.has("apiKey") ? (short) root.get("apiKey").asInt() : null,
                    valid,
                    flexible,
                    root.path("latestVersionUnstable").asBoolean(false),
                    Collections.unmodifiableList(listeners),
                    fields(root.get("fields")),
                    Collections.unmodifiableList(common));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static List<FieldSpec> fields(JsonNode array) {
        List<FieldSpec> fields = new ArrayList<>();
        for (JsonNode f : iterable(array)) {
            String name = text(f, "name");
            try {
                fields.add(field(name, f));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("field " + name + ": " + e.getMessage(), e);
            }
        }
        return Collections.unmodifiableList(fields);
    }

    private static FieldSpec field(String name, JsonNode f) {
        return new FieldSpec(
                name,
                FieldType.parse(text(f, "type")),
                Versions.parse(text(f, "versions"), null),
                Versions.parse(optionalText(f, "nullableVersions"), Versions.NONE),
                Versions.parse(optionalText(f, "taggedVersions"), Versions.NONE),
                f.has("tag") ? f.get("tag").asInt() : null,
                Versions.parse(optionalText(f, "flexibleVersions"), null),
                f.path("ignorable").asBoolean(false),
                optionalText(f, "default"),
                f.path("zeroCopy").asBoolean(false),
                f.path("about").asText(""),
                fields(f.get("fields")));
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node == null ? List.of() : node;
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing '" + key + "'");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null ? null : value.asText();
    }
}
