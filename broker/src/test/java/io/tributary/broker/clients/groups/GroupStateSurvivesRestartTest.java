package io.tributary.broker.clients.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Groups live in {@code __consumer_offsets}: a node restarted on the same data, after a clean
 * shutdown or a SIGKILL, still lists the group, returns its committed offsets, and a new member
 * resumes where the group committed.
 */
class GroupStateSurvivesRestartTest {

    private static final int PARTITIONS = 3;
    private static final int READ_BEFORE = 10;
    private static final int WRITTEN_AFTER = 5;

    @TempDir
    Path workDir;
    private final String topic = Names.unique("orders");
    private final String group = Names.unique("billing");

    @Test
    void committedOffsetsAndTheGroupListingSurviveACleanRestart() throws Exception {
        try (GroupTestBroker broker = GroupTestBroker.start(workDir)) {
            readAndCommit(broker.bootstrapServers());

            broker.restart();

            assertGroupAndOffsetsKept(broker.bootstrapServers());
        }
    }

    @Test
    void aNewMemberResumesAtTheCommittedOffsetsAfterACleanRestart() throws Exception {
        try (GroupTestBroker broker = GroupTestBroker.start(workDir)) {
            readAndCommit(broker.bootstrapServers());

            broker.restart();

            assertANewMemberReadsOnlyWhatFollows(broker.bootstrapServers());
        }
    }

    @Test
    void committedOffsetsAndTheGroupListingSurviveAKill9() throws Exception {
        try (ForkedGroupBroker broker = new ForkedGroupBroker(workDir)) {
            broker.start();
            readAndCommit(broker.bootstrapServers());

            broker.kill();
            broker.start();

            assertGroupAndOffsetsKept(broker.bootstrapServers());
        }
    }

    @Test
    void aNewMemberResumesAtTheCommittedOffsetsAfterAKill9() throws Exception {
        try (ForkedGroupBroker broker = new ForkedGroupBroker(workDir)) {
            broker.start();
            readAndCommit(broker.bootstrapServers());

            broker.kill();
            broker.start();

            assertANewMemberReadsOnlyWhatFollows(broker.bootstrapServers());
        }
    }

    /** Writes {@link #READ_BEFORE} records to each partition; one member reads them all, commits and leaves. */
    private void readAndCommit(String bootstrapServers) throws Exception {
        try (Admin admin = Topics.admin(bootstrapServers)) {
            Topics.create(admin, topic, PARTITIONS);
        }
        Topics.produce(bootstrapServers, topic, PARTITIONS, READ_BEFORE);
        try (GroupMember member = GroupMember.start("before", ConsumerSettings.classic(bootstrapServers, group), topic)) {
            Await.until(Assignments.REBALANCE_TIMEOUT, "all records read", () -> member.recordCount() == PARTITIONS * READ_BEFORE,
                    member::toString);
            member.commitSync();
        }
    }

    private void assertGroupAndOffsetsKept(String bootstrapServers) throws Exception {
        try (Admin admin = Topics.admin(bootstrapServers)) {
            Map<TopicPartition, Long> expected = new HashMap<>();
            Topics.partitions(topic, PARTITIONS).forEach(p -> expected.put(p, (long) READ_BEFORE));
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(60, TimeUnit.SECONDS);
            assertEquals(expected, committed.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset())));

            List<GroupListing> listed = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()
                    .get(30, TimeUnit.SECONDS).stream().filter(l -> l.groupId().equals(group)).toList();
            assertEquals(1, listed.size(), "listings of " + group + ": " + listed);
            assertEquals(Optional.of(GroupState.EMPTY), listed.get(0).groupState());
        }
    }

    private void assertANewMemberReadsOnlyWhatFollows(String bootstrapServers) throws Exception {
        Topics.produce(bootstrapServers, topic, PARTITIONS, WRITTEN_AFTER);
        try (GroupMember member = GroupMember.start("after", ConsumerSettings.classic(bootstrapServers, group), topic)) {
            Await.until(Assignments.REBALANCE_TIMEOUT, "the records written after the restart read",
                    () -> member.recordCount() >= PARTITIONS * WRITTEN_AFTER, member::toString);
            assertEquals(PARTITIONS * WRITTEN_AFTER, member.recordCount(), member.records().toString());
            assertTrue(member.records().stream().allMatch(r -> r.offset() >= READ_BEFORE), member.records().toString());
        }
    }
}
