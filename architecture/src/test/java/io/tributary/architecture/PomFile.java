package io.tributary.architecture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The parts of a Maven {@code pom.xml} that make module-to-module edges: its artifactId, its
 * {@code <modules>}, and every dependency it declares, in {@code <dependencies>}, in profiles and
 * in plugins (build-time edges). {@code <dependencyManagement>} only pins versions and is skipped.
 *
 * @param path         the pom file
 * @param artifactId   the project's artifactId
 * @param modules      the {@code <module>} entries, including those of profiles
 * @param dependencies project dependencies, including those of profiles
 * @param plugins      plugins that declare dependencies of their own
 */
record PomFile(Path path, String artifactId, List<String> modules, List<Dependency> dependencies,
               List<Plugin> plugins) {

    /** The scope Maven assumes when a dependency names none. */
    static final String DEFAULT_SCOPE = "compile";

    /**
     * One {@code <dependency>}. Properties are not interpolated except {@code ${project.groupId}}.
     *
     * @param scope {@value #DEFAULT_SCOPE} when the pom names none
     * @param type  {@code jar} when the pom names none
     */
    record Dependency(String groupId, String artifactId, String scope, String type) {

        boolean isTestScoped() {
            return scope.equals("test");
        }

        @Override
        public String toString() {
            return groupId + ":" + artifactId + (type.equals("jar") ? "" : ":" + type) + " (" + scope + ")";
        }
    }

    /** A plugin with its own {@code <dependencies>}: what it puts on the build's class path. */
    record Plugin(String groupId, String artifactId, List<Dependency> dependencies) {

        @Override
        public String toString() {
            return groupId + ":" + artifactId;
        }
    }

    static PomFile read(Path path) {
        Element project;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            project = factory.newDocumentBuilder().parse(path.toFile()).getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
        }
        String groupId = text(project, "groupId")
                .or(() -> child(project, "parent").flatMap(parent -> text(parent, "groupId")))
                .orElseThrow(() -> new IllegalStateException(path + " has no groupId"));
        String artifactId = text(project, "artifactId")
                .orElseThrow(() -> new IllegalStateException(path + " has no artifactId"));

        List<Element> scopes = new ArrayList<>();
        scopes.add(project);
        scopes.addAll(children(project, "profiles", "profile"));

        List<String> modules = new ArrayList<>();
        List<Dependency> dependencies = new ArrayList<>();
        List<Plugin> plugins = new ArrayList<>();
        for (Element scope : scopes) {
            children(scope, "modules", "module").forEach(m -> modules.add(m.getTextContent().trim()));
            dependencies.addAll(dependencies(scope, groupId));
            child(scope, "build").ifPresent(build -> {
                List<Element> pluginElements = new ArrayList<>(children(build, "plugins", "plugin"));
                child(build, "pluginManagement").ifPresent(pm -> pluginElements.addAll(children(pm, "plugins", "plugin")));
                for (Element plugin : pluginElements) {
                    List<Dependency> pluginDependencies = dependencies(plugin, groupId);
                    if (!pluginDependencies.isEmpty()) {
                        plugins.add(new Plugin(text(plugin, "groupId").orElse("org.apache.maven.plugins"),
                                text(plugin, "artifactId").orElse("?"), pluginDependencies));
                    }
                }
            });
        }
        return new PomFile(path, artifactId, List.copyOf(modules), List.copyOf(dependencies), List.copyOf(plugins));
    }

    private static List<Dependency> dependencies(Element owner, String projectGroupId) {
        List<Dependency> result = new ArrayList<>();
        for (Element d : children(owner, "dependencies", "dependency")) {
            String groupId = text(d, "groupId").orElse("?").replace("${project.groupId}", projectGroupId);
            result.add(new Dependency(groupId, text(d, "artifactId").orElse("?"),
                    text(d, "scope").orElse(DEFAULT_SCOPE), text(d, "type").orElse("jar")));
        }
        return result;
    }

    /** The grandchildren named {@code name} under the child named {@code container}. */
    private static List<Element> children(Element parent, String container, String name) {
        return child(parent, container).map(c -> elements(c, name)).orElse(List.of());
    }

    private static Optional<Element> child(Element parent, String name) {
        return elements(parent, name).stream().findFirst();
    }

    private static Optional<String> text(Element parent, String name) {
        return child(parent, name).map(e -> e.getTextContent().trim());
    }

    /** Direct children only: {@code getElementsByTagName} would also find nested ones. */
    private static List<Element> elements(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                result.add(e);
            }
        }
        return result;
    }
}
