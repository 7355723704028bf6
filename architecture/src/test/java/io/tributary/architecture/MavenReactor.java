package io.tributary.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository's Maven build: the parent pom at the repository root and the module poms it lists.
 *
 * <p>The root comes from the system property {@value #ROOT_PROPERTY} (set by this module's pom to
 * {@code ${project.basedir}/..}); without it, as when a test is started from an IDE, the nearest
 * directory at or above the working directory whose pom.xml is {@value #PARENT_ARTIFACT_ID}.
 */
final class MavenReactor {

    static final String ROOT_PROPERTY = "tributary.repositoryRoot";
    static final String PARENT_ARTIFACT_ID = "tributary-parent";

    private final Path root;
    private final PomFile parent;
    private final List<PomFile> modules;

    private MavenReactor(Path root) {
        this.root = root;
        this.parent = PomFile.read(root.resolve("pom.xml"));
        List<PomFile> poms = new ArrayList<>();
        for (String module : parent.modules()) {
            Path pom = root.resolve(module).resolve("pom.xml");
            if (!Files.isRegularFile(pom)) {
                throw new IllegalStateException("module '" + module + "' listed in " + parent.path() + " has no " + pom);
            }
            poms.add(PomFile.read(pom));
        }
        this.modules = List.copyOf(poms);
    }

    static MavenReactor locate() {
        String property = System.getProperty(ROOT_PROPERTY);
        if (property != null && !property.isBlank()) {
            Path root = Path.of(property).toAbsolutePath().normalize();
            if (!isParentPomDirectory(root)) {
                throw new IllegalStateException(ROOT_PROPERTY + "=" + property + " does not hold the " + PARENT_ARTIFACT_ID + " pom.xml");
            }
            return new MavenReactor(root);
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (isParentPomDirectory(dir)) {
                return new MavenReactor(dir);
            }
        }
        throw new IllegalStateException("no " + PARENT_ARTIFACT_ID + " pom.xml at or above " + start
                + "; set -D" + ROOT_PROPERTY + "=<repository root>");
    }

    private static boolean isParentPomDirectory(Path dir) {
        Path pom = dir.resolve("pom.xml");
        return Files.isRegularFile(pom) && PomFile.read(pom).artifactId().equals(PARENT_ARTIFACT_ID);
    }

    Path root() {
        return root;
    }

    PomFile parent() {
        return parent;
    }

    /** The module poms, in the order the parent lists them; the directory name is {@code parent().modules()}. */
    List<PomFile> modules() {
        return modules;
    }

    /** Whether {@code module} has any Java source under {@code src/main/java} yet. */
    boolean hasMainSources(Module module) {
        Path sources = root.resolve(module.directory()).resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            return files.anyMatch(f -> f.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + sources, e);
        }
    }

    /** The modules of the table that are in the build, by directory. Unknown directories are skipped. */
    List<Module> presentModules() {
        return parent.modules().stream().flatMap(d -> Module.forDirectory(d).stream()).toList();
    }
}
