package io.tributary.systemtests;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One broker process per test class, started before its first test and stopped after its last:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final BrokerExtension broker = new BrokerExtension();
 * }</pre>
 *
 * The broker's data and log live in {@code target/system-tests/<TestClass>/}; the tests of a class
 * share the broker, so each test uses topics of its own or reads from the offsets it was given.
 */
final class BrokerExtension implements BeforeAllCallback, AfterAllCallback {

    private final List<String> overrides;
    private BrokerProcess broker;
    private Path workDir;

    /** A broker with Tributary's defaults, as {@code bin/tributary start} runs it. */
    BrokerExtension() {
        this(List.of());
    }

    /** A broker with further {@code key=value} settings. */
    BrokerExtension(List<String> overrides) {
        this.overrides = List.copyOf(overrides);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        workDir = SystemTestSettings.workDir(context.getRequiredTestClass());
        broker = BrokerProcess.start(workDir, overrides);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    String bootstrapServers() {
        return started().bootstrapServers();
    }

    /** The broker's log.dirs: partition directories named {@code <topic>-<partition>}. */
    Path dataDir() {
        return started().dataDir();
    }

    /** Where the tests of this class write the programs they run. */
    Path workDir() {
        started();
        return workDir;
    }

    /** The last lines the broker printed, to attach to a failure message. */
    String logTail() {
        return started().logTail();
    }

    private BrokerProcess started() {
        if (broker == null) {
            throw new IllegalStateException("the broker runs only between beforeAll and afterAll");
        }
        return broker;
    }
}
