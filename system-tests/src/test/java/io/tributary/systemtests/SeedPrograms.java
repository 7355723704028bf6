package io.tributary.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The seed's client programs (test resources under {@code seeds/}, verbatim), written out to run
 * against a test's broker: the only change is the address, {@code localhost:9092} replaced by the
 * broker's.
 */
final class SeedPrograms {

    static final String SEED_ADDRESS = "localhost:9092";

    private SeedPrograms() {
    }

    /** Writes {@code seeds/<name>} into {@code dir} with the broker's address; returns its path. */
    static Path write(String name, String bootstrapServers, Path dir) {
        String source = resource("seeds/" + name);
        if (!source.contains(SEED_ADDRESS)) {
            throw new IllegalStateException("seeds/" + name + " does not contain " + SEED_ADDRESS);
        }
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(name), source.replace(SEED_ADDRESS, bootstrapServers));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name), e);
        }
    }

    /** The path of {@code clients/<name>}, a helper program of the tests (in target/test-classes). */
    static Path clientProgram(String name) {
        URL url = SeedPrograms.class.getClassLoader().getResource("clients/" + name);
        if (url == null || !url.getProtocol().equals("file")) {
            throw new IllegalStateException("test resource " + name + " not found as a file: " + url);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = SeedPrograms.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " not found");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test resource " + name, e);
        }
    }
}
