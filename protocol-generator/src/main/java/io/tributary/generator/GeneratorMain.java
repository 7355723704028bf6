package io.tributary.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line of the generator, run by Maven in {@code generate-sources}.
 *
 * <pre>
 * GeneratorMain --schemas LOCATION[,LOCATION...] --output DIR --package PKG [--api-keys PKG]
 * </pre>
 *
 * A location is a directory or {@code classpath:common/message} (Kafka's schemas inside the
 * kafka-clients jar on the generator's class path). {@code --api-keys} also writes the
 * {@code ApiKey} enum into the given package.
 */
public final class GeneratorMain {

    private GeneratorMain() {
    }

    public static void main(String[] args) throws IOException {
        List<String> locations = new ArrayList<>();
        Path output = null;
        String packageName = null;
        String apiKeysPackage = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--schemas" -> locations.addAll(List.of(require(args[i], value).split(",")));
                case "--output" -> output = Path.of(require(args[i], value));
                case "--package" -> packageName = require(args[i], value);
                case "--api-keys" -> apiKeysPackage = require(args[i], value);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
            i++;
        }
        if (locations.isEmpty() || output == null || packageName == null) {
            throw new IllegalArgumentException("usage: --schemas LOCATION[,LOCATION...] --output DIR --package PKG [--api-keys PKG]");
        }
        List<MessageSpec> specs = new ArrayList<>();
        for (String location : locations) {
            specs.addAll(SchemaLoader.load(location.trim()));
        }
        int written = generate(specs, output, packageName, apiKeysPackage);
        System.out.println("tributary generator: " + written + " classes from " + specs.size() + " schemas into " + output);
    }

    static int generate(List<MessageSpec> specs, Path output, String packageName, String apiKeysPackage) throws IOException {
        MessageGenerator generator = new MessageGenerator(packageName);
        Path dir = output.resolve(packageName.replace('.', '/'));
        Files.createDirectories(dir);
        int written = 0;
        for (MessageSpec spec : specs) {
            writeIfChanged(dir.resolve(spec.className() + ".java"), generator.generate(spec));
            written++;
        }
        if (apiKeysPackage != null) {
            Path keysDir = output.resolve(apiKeysPackage.replace('.', '/'));
            Files.createDirectories(keysDir);
            writeIfChanged(keysDir.resolve("ApiKey.java"), new ApiKeyGenerator(apiKeysPackage, packageName).generate(specs));
            written++;
        }
        return written;
    }

    /** Leaves unchanged files untouched so incremental compilation does not rebuild everything. */
    private static void writeIfChanged(Path file, String source) throws IOException {
        byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
        if (Files.exists(file) && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
            return;
        }
        Files.write(file, bytes);
    }

    private static String require(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }
}
