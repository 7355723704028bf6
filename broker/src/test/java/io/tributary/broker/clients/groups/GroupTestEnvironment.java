package io.tributary.broker.clients.groups;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a group test runs against, set up afresh for each test:
 *
 * <pre>{@code
 * @RegisterExtension
 * final GroupTestEnvironment env = new GroupTestEnvironment(PARTITIONS);
 * }</pre>
 *
 * Before each test: a {@link GroupTestBroker} on a new data directory, an {@link Admin} client on
 * it, a unique topic of the given number of partitions (created) and a unique group name. After
 * each test: the members it {@link #start started} are closed, then the admin client and the
 * broker, and the data directory is deleted.
 */
final class GroupTestEnvironment implements BeforeEachCallback, AfterEachCallback {

    private final int partitions;
    private final List<GroupMember> members = new ArrayList<>();
    private Path dataDir;
    private GroupTestBroker broker;
    private Admin admin;
    private String topic;
    private String group;

    /** An environment whose topic has {@code partitions} partitions. */
    GroupTestEnvironment(int partitions) {
        this.partitions = partitions;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("group-test-");
        broker = GroupTestBroker.start(dataDir);
        admin = Topics.admin(broker.bootstrapServers());
        topic = Names.unique("orders");
        group = Names.unique("billing");
        Topics.create(admin, topic, partitions);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            members.forEach(GroupMember::close);
            if (admin != null) {
                admin.close();
            }
            if (broker != null) {
                broker.close();
            }
        } finally {
            members.clear();
            admin = null;
            broker = null;
            deleteRecursively(dataDir);
            dataDir = null;
        }
    }

    GroupTestBroker broker() {
        return broker;
    }

    Admin admin() {
        return admin;
    }

    /** The test's topic, created before the test with the environment's number of partitions. */
    String topic() {
        return topic;
    }

    /** A group name unique to the test; nothing creates the group. */
    String group() {
        return group;
    }

    /** Starts a member that subscribes to {@code topics}; it is closed after the test unless {@link #close closed} before. */
    GroupMember start(String name, ConsumerSettings settings, String... topics) {
        GroupMember member = GroupMember.start(name, settings, topics);
        members.add(member);
        return member;
    }

    /** Closes a member the test started, which then no longer counts among {@link #members()}. */
    void close(GroupMember member) {
        member.close();
        members.remove(member);
    }

    /** The members started and not closed, in the order they were started (a read-only view). */
    List<GroupMember> members() {
        return Collections.unmodifiableList(members);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
