package io.tributary.broker.clients.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member in a child JVM ({@link ConsumerProcessMain}) killed with SIGKILL: it never leaves, so
 * only its session timing out tells the coordinator it is gone; then the member that survives
 * owns every partition.
 */
class KilledMemberTest {

    static final int CLASSIC_SESSION_TIMEOUT_MS = 3000;
    private static final int PARTITIONS = 6;
    /** The session timeout, a rebalance and a child JVM's start, with room to spare on a slow machine. */
    private static final Duration TAKEOVER_TIMEOUT = Duration.ofSeconds(45);

    @TempDir
    Path workDir;
    private GroupTestBroker broker;
    private Admin admin;
    private String topic;
    private String group;
    private Process child;
    private GroupMember survivor;

    @BeforeEach
    void start() throws Exception {
        broker = GroupTestBroker.start(workDir.resolve("data"));
        admin = Topics.admin(broker.bootstrapServers());
        topic = Names.unique("orders");
        group = Names.unique("billing");
        Topics.create(admin, topic, PARTITIONS);
    }

    @AfterEach
    void stop() throws Exception {
        if (child != null) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (survivor != null) {
            survivor.close();
        }
        admin.close();
        broker.close();
    }

    @Test
    void aKilledClassicMembersPartitionsGoToTheSurvivorWhenItsSessionTimesOut() throws Exception {
        survivor = GroupMember.start("survivor", ConsumerSettings.classic(broker.bootstrapServers(), group)
                .with(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, CLASSIC_SESSION_TIMEOUT_MS), topic);

        killTheOtherMemberOnceItOwnsHalf("classic");

        awaitSurvivorOwnsEverything();
    }

    @Test
    void aKilledConsumerProtocolMembersPartitionsGoToTheSurvivorWhenItsSessionTimesOut() throws Exception {
        survivor = GroupMember.start("survivor", ConsumerSettings.consumerProtocol(broker.bootstrapServers(), group), topic);

        killTheOtherMemberOnceItOwnsHalf("consumer");

        awaitSurvivorOwnsEverything();
    }

    private void killTheOtherMemberOnceItOwnsHalf(String protocol) throws Exception {
        Path output = workDir.resolve("consumer.out");
        child = ChildJvm.start(output, ConsumerProcessMain.class.getName(), List.of(),
                List.of(broker.bootstrapServers(), group, topic, protocol));
        Await.until(TAKEOVER_TIMEOUT, "the survivor and the child own 3 partitions each",
                () -> survivor.assignment().size() == 3 && describe().members().size() == 2
                        && describe().members().stream().allMatch(m -> m.assignment().topicPartitions().size() == 3),
                () -> survivor + "; " + describe() + "; child printed: " + readQuietly(output));

        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child survived SIGKILL");
    }

    private void awaitSurvivorOwnsEverything() {
        Await.until(TAKEOVER_TIMEOUT, "the survivor owns all " + PARTITIONS + " partitions",
                () -> survivor.assignment().size() == PARTITIONS, () -> survivor + "; " + describe());
        assertEquals(1, describe().members().size(), describe().toString());
    }

    private ConsumerGroupDescription describe() {
        try {
            return admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group);
        } catch (Exception e) {
            throw new AssertionError("describe " + group, e);
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(nothing)";
        } catch (Exception e) {
            return "(unreadable: " + e + ")";
        }
    }
}
