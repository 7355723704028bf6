package io.tributary.broker.clients.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kafka's own {@code kafka-consumer-groups.sh} ({@code ConsumerGroupCommand} of kafka-tools 4.3.1,
 * a test dependency) against the broker, run in a child JVM. Each test runs one command and checks
 * what it printed and, through the Admin client, what it did.
 */
class ConsumerGroupCommandTest {

    private static final String COMMAND = "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand";
    private static final long COMMAND_TIMEOUT_SECONDS = 120;
    private static final int PARTITIONS = 3;
    private static final int PER_PARTITION = 10;

    @RegisterExtension
    final GroupTestEnvironment env = new GroupTestEnvironment(PARTITIONS);

    @Test
    void listPrintsEveryGroup() throws Exception {
        String other = Names.unique("shipping");
        commit(env.group(), Map.of(0, 1L));
        commit(other, Map.of(0, 2L));

        ChildJvm.Output out = groupsCommand("--list");

        assertEquals(0, out.exitCode(), out.text());
        assertTrue(Set.copyOf(out.lines()).containsAll(Set.of(env.group(), other)), out.text());
    }

    @Test
    void describePrintsEachPartitionsCommittedOffsetLogEndOffsetAndLag() throws Exception {
        Topics.produce(env.broker().bootstrapServers(), env.topic(), PARTITIONS, PER_PARTITION);
        commit(env.group(), Map.of(0, 4L, 1, 7L, 2, 10L));

        ChildJvm.Output out = groupsCommand("--describe", "--group", env.group());

        assertEquals(0, out.exitCode(), out.text());
        Map<String, Map<String, String>> rows = rowsBy(table(out), "PARTITION");
        assertEquals(Set.of("0", "1", "2"), rows.keySet(), out.text());
        assertEquals(List.of("4", "7", "10"), column(rows, "CURRENT-OFFSET"), out.text());
        assertEquals(List.of("10", "10", "10"), column(rows, "LOG-END-OFFSET"), out.text());
        assertEquals(List.of("6", "3", "0"), column(rows, "LAG"), out.text());
        assertTrue(rows.values().stream().allMatch(r -> r.get("GROUP").equals(env.group()) && r.get("TOPIC").equals(env.topic())),
                out.text());
    }

    @Test
    void describeMembersPrintsEachMembersPartitionCount() throws Exception {
        twoClassicMembersShareTheTopic();

        ChildJvm.Output out = groupsCommand("--describe", "--members", "--group", env.group());

        assertEquals(0, out.exitCode(), out.text());
        List<Map<String, String>> rows = table(out);
        assertEquals(2, rows.size(), out.text());
        assertEquals(Set.of("1", "2"), rows.stream().map(r -> r.get("#PARTITIONS")).collect(Collectors.toSet()), out.text());
        assertEquals(2, rows.stream().map(r -> r.get("CONSUMER-ID")).distinct().count(), out.text());
    }

    @Test
    void describeStatePrintsTheAssignorStateAndMemberCount() throws Exception {
        twoClassicMembersShareTheTopic();

        ChildJvm.Output out = groupsCommand("--describe", "--state", "--group", env.group());

        assertEquals(0, out.exitCode(), out.text());
        List<Map<String, String>> rows = table(out);
        assertEquals(1, rows.size(), out.text());
        assertEquals(env.group(), rows.get(0).get("GROUP"), out.text());
        assertEquals("range", rows.get(0).get("ASSIGNMENT-STRATEGY"), out.text());
        assertEquals("Stable", rows.get(0).get("STATE"), out.text());
        assertEquals("2", rows.get(0).get("#MEMBERS"), out.text());
    }

    @Test
    void resetOffsetsToEarliestMovesEveryPartitionToItsFirstOffset() throws Exception {
        Topics.produce(env.broker().bootstrapServers(), env.topic(), PARTITIONS, PER_PARTITION);
        commit(env.group(), Map.of(0, 4L, 1, 7L, 2, 10L));

        ChildJvm.Output out = groupsCommand("--reset-offsets", "--group", env.group(), "--topic", env.topic(),
                "--to-earliest", "--execute");

        assertEquals(0, out.exitCode(), out.text());
        assertEquals(Map.of(0, 0L, 1, 0L, 2, 0L), committed());
    }

    @Test
    void resetOffsetsToDatetimeMovesEveryPartitionToTheFirstRecordAtOrAfterIt() throws Exception {
        Instant dayOne = Instant.parse("2024-01-01T00:00:00Z");
        Instant dayTwo = Instant.parse("2024-01-02T00:00:00Z");
        Topics.produce(env.broker().bootstrapServers(), env.topic(), PARTITIONS, 5, dayOne.toEpochMilli());
        Topics.produce(env.broker().bootstrapServers(), env.topic(), PARTITIONS, 5, dayTwo.toEpochMilli());
        commit(env.group(), Map.of(0, 10L, 1, 10L, 2, 10L));

        ChildJvm.Output out = groupsCommand("--reset-offsets", "--group", env.group(), "--topic", env.topic(),
                "--to-datetime", "2024-01-01T12:00:00.000Z", "--execute");

        assertEquals(0, out.exitCode(), out.text());
        assertEquals(Map.of(0, 5L, 1, 5L, 2, 5L), committed());
    }

    @Test
    void resetOffsetsShiftByMovesEachOffsetUpToTheLogEnd() throws Exception {
        Topics.produce(env.broker().bootstrapServers(), env.topic(), PARTITIONS, PER_PARTITION);
        commit(env.group(), Map.of(0, 4L, 1, 7L, 2, 9L));

        ChildJvm.Output out = groupsCommand("--reset-offsets", "--group", env.group(), "--topic", env.topic(),
                "--shift-by", "2", "--execute");

        assertEquals(0, out.exitCode(), out.text());
        assertEquals(Map.of(0, 6L, 1, 9L, 2, 10L), committed());
    }

    @Test
    void deleteRemovesTheGroup() throws Exception {
        commit(env.group(), Map.of(0, 1L));

        ChildJvm.Output out = groupsCommand("--delete", "--group", env.group());

        assertEquals(0, out.exitCode(), out.text());
        assertTrue(out.text().contains("Deletion of requested consumer groups ('" + env.group() + "') was successful."), out.text());
        List<String> listed = env.admin().listGroups(ListGroupsOptions.forConsumerGroups()).all().get(30, TimeUnit.SECONDS)
                .stream().map(GroupListing::groupId).toList();
        assertTrue(!listed.contains(env.group()), listed.toString());
    }

    /** Starts two classic members of the group and waits until they split the topic's partitions between them. */
    private void twoClassicMembersShareTheTopic() {
        env.start("a", ConsumerSettings.classic(env.broker().bootstrapServers(), env.group()), env.topic());
        env.start("b", ConsumerSettings.classic(env.broker().bootstrapServers(), env.group()), env.topic());
        Assignments.awaitEvenSplit(env.topic(), PARTITIONS, env.members());
    }

    private ChildJvm.Output groupsCommand(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("--bootstrap-server", env.broker().bootstrapServers()));
        command.addAll(Arrays.asList(args));
        return ChildJvm.run(COMMAND, command, COMMAND_TIMEOUT_SECONDS);
    }

    /** Commits offsets for partitions of the test's topic on behalf of a group without members. */
    private void commit(String groupId, Map<Integer, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((partition, offset) -> commit.put(new TopicPartition(env.topic(), partition), new OffsetAndMetadata(offset)));
        env.admin().alterConsumerGroupOffsets(groupId, commit).all().get(30, TimeUnit.SECONDS);
    }

    /** The group's committed offsets by partition number. */
    private Map<Integer, Long> committed() throws Exception {
        return env.admin().listConsumerGroupOffsets(env.group()).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                .entrySet().stream().collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
    }

    /**
     * The rows of the table the command printed, each by column name: the header is the line that
     * starts with {@code GROUP}; values never contain blanks except where the header has them too
     * ({@code COORDINATOR (ID)}), so both split alike.
     */
    private static List<Map<String, String>> table(ChildJvm.Output out) {
        List<String> lines = out.lines();
        int header = -1;
        for (int i = 0; i < lines.size() && header < 0; i++) {
            if (lines.get(i).startsWith("GROUP ")) {
                header = i;
            }
        }
        assertTrue(header >= 0, "no table in: " + out.text());
        String[] names = lines.get(header).trim().split("\\s+");
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(header + 1, lines.size())) {
            String[] values = line.trim().split("\\s+");
            assertEquals(names.length, values.length, "columns of " + line + " under " + lines.get(header));
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < names.length; c++) {
                row.put(names[c], values[c]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Map<String, String>> rowsBy(List<Map<String, String>> rows, String column) {
        return rows.stream().collect(Collectors.toMap(r -> r.get(column), r -> r));
    }

    /** A column's values in the order of the partitions 0, 1, 2. */
    private static List<String> column(Map<String, Map<String, String>> rowsByPartition, String column) {
        return List.of("0", "1", "2").stream().map(p -> rowsByPartition.get(p).get(column)).toList();
    }
}
