package io.tributary.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;

/**
 * Where the system tests find the broker and the clients: system properties set by this module's
 * surefire configuration (pom.xml). Running a test from an IDE needs the same properties, or the
 * defaults below, which assume the working directory is {@code system-tests/}.
 */
final class SystemTestSettings {

    private SystemTestSettings() {
    }

    /**
     * The broker's shaded jar, built in the broker module's package phase. A jar older than the
     * compiled classes beside it (after {@code mvn test}, which stops before package) is refused:
     * the tests would run yesterday's broker.
     */
    static Path brokerJar() {
        Path jar = Path.of(System.getProperty("systemtests.broker.jar", "../broker/target/tributary.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("broker jar " + jar + " not found: build it with `mvn verify`, or"
                    + " `mvn install -DskipTests`, at the repository root (broker's package phase makes it)");
        }
        Path classes = jar.resolveSibling("classes");
        if (Files.isDirectory(classes) && newerThan(classes, jar)) {
            throw new IllegalStateException("broker jar " + jar + " is older than " + classes + ": rebuild it with"
                    + " `mvn verify` (not `mvn test`, which stops before broker's package phase)");
        }
        return jar;
    }

    private static boolean newerThan(Path dir, Path file) {
        try (Stream<Path> paths = Files.walk(dir)) {
            FileTime built = Files.getLastModifiedTime(file);
            return paths.anyMatch(p -> {
                try {
                    return Files.isRegularFile(p) && Files.getLastModifiedTime(p).compareTo(built) > 0;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compare " + dir + " with " + file, e);
        }
    }

    /** The Python interpreter that imports Debian's python3-confluent-kafka. */
    static String python() {
        return System.getProperty("systemtests.python", "/usr/bin/python3");
    }

    /** The system-tests module directory; its node_modules holds kafkajs. */
    static Path moduleDir() {
        return Path.of(System.getProperty("systemtests.module.dir", ".")).toAbsolutePath();
    }

    /** A directory for one test class: its broker's data and log, and the programs it writes. */
    static Path workDir(Class<?> testClass) {
        Path base = Path.of(System.getProperty("systemtests.work.dir", "target/system-tests"));
        return base.resolve(testClass.getSimpleName()).toAbsolutePath();
    }
}
