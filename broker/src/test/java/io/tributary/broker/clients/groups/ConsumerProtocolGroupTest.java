package io.tributary.broker.clients.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consumer-protocol groups (KIP-848: ConsumerGroupHeartbeat, the broker assigns) as Kafka's Java
 * consumer with {@code group.protocol=consumer} sees them.
 */
class ConsumerProtocolGroupTest {

    private static final int PARTITIONS = 6;

    @TempDir
    Path dataDir;
    private GroupTestBroker broker;
    private Admin admin;
    private String topic;
    private String group;
    private final List<GroupMember> members = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        broker = GroupTestBroker.start(dataDir);
        admin = Topics.admin(broker.bootstrapServers());
        topic = Names.unique("orders");
        group = Names.unique("billing");
        Topics.create(admin, topic, PARTITIONS);
    }

    @AfterEach
    void stop() {
        members.forEach(GroupMember::close);
        admin.close();
        broker.close();
    }

    @Test
    void threeMembersOwnTwoPartitionsEach() {
        join("a", settings(), topic);
        join("b", settings(), topic);
        join("c", settings(), topic);

        Assignments.awaitEvenSplit(topic, PARTITIONS, members);
    }

    @Test
    void aLeavingMembersPartitionsAreRedistributed() {
        join("a", settings(), topic);
        join("b", settings(), topic);
        GroupMember leaving = join("c", settings(), topic);
        Assignments.awaitEvenSplit(topic, PARTITIONS, members);

        leaving.close();
        members.remove(leaving);

        Assignments.awaitEvenSplit(topic, PARTITIONS, members);
    }

    @Test
    void aNewMemberResumesAtTheCommittedOffsetsAndReadsNoRecordTwice() throws Exception {
        Topics.produce(broker.bootstrapServers(), topic, PARTITIONS, 20);
        GroupMember first = join("first", settings(), topic);
        Await.until(Assignments.REBALANCE_TIMEOUT, "first member reads all 120 records",
                () -> first.recordCount() == 120, first::toString);
        first.commitSync();
        first.close();
        members.remove(first);
        Topics.produce(broker.bootstrapServers(), topic, PARTITIONS, 5);

        GroupMember second = join("second", settings(), topic);

        Await.until(Assignments.REBALANCE_TIMEOUT, "second member reads the 30 new records",
                () -> second.recordCount() >= 30, second::toString);
        assertEquals(30, second.recordCount(), "records read by the second member: " + second.records());
        assertTrue(second.records().stream().allMatch(r -> r.offset() >= 20), second.records().toString());
    }

    /**
     * Two topics of 3 partitions, two members. The range assignor gives each member the same
     * partition numbers of both topics, so the first member takes 2 of each (4) and the second 1
     * of each (2).
     */
    @Test
    void theRangeAssignorGivesEachMemberTheSamePartitionNumbersOfEveryTopic() throws Exception {
        String other = twoTopicsOfThree();
        GroupMember a = join("a", settings().with(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG, "range"), topic, other);
        GroupMember b = join("b", settings().with(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG, "range"), topic, other);

        awaitAllSixOwnedOnce(topic, other, Set.of(2, 4));

        for (GroupMember member : List.of(a, b)) {
            assertEquals(partitionNumbers(member, topic), partitionNumbers(member, other), member.toString());
        }
        assertEquals("range", describe().partitionAssignor());
    }

    /** The same two topics and members: the uniform assignor balances the total, 3 partitions each. */
    @Test
    void theUniformAssignorGivesEachMemberAnEqualShareOfAllTopics() throws Exception {
        String other = twoTopicsOfThree();
        join("a", settings().with(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG, "uniform"), topic, other);
        join("b", settings().with(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG, "uniform"), topic, other);

        awaitAllSixOwnedOnce(topic, other, Set.of(3));

        assertEquals("uniform", describe().partitionAssignor());
    }

    /** Replaces the 6-partition topic of {@link #start} with two topics of 3; returns the second. */
    private String twoTopicsOfThree() throws Exception {
        topic = Names.unique("left");
        String other = Names.unique("right");
        Topics.create(admin, topic, 3);
        Topics.create(admin, other, 3);
        return other;
    }

    /** Waits until the members own the 6 partitions once each, with these numbers of partitions per member. */
    private void awaitAllSixOwnedOnce(String first, String second, Set<Integer> sizes) {
        Set<TopicPartition> all = new HashSet<>(Topics.partitions(first, 3));
        all.addAll(Topics.partitions(second, 3));
        Await.until(Assignments.REBALANCE_TIMEOUT, "both topics' partitions owned once each, " + sizes + " per member", () -> {
            List<TopicPartition> owned = members.stream().flatMap(m -> m.assignment().stream()).toList();
            Set<Integer> ownedSizes = members.stream().map(m -> m.assignment().size()).collect(Collectors.toSet());
            return owned.size() == all.size() && Set.copyOf(owned).equals(all) && ownedSizes.equals(sizes);
        }, () -> Assignments.describe(members));
    }

    private static Set<Integer> partitionNumbers(GroupMember member, String topic) {
        return member.assignment().stream().filter(p -> p.topic().equals(topic))
                .map(TopicPartition::partition).collect(Collectors.toSet());
    }

    private ConsumerGroupDescription describe() throws Exception {
        return admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group);
    }

    private GroupMember join(String name, ConsumerSettings settings, String... topics) {
        GroupMember member = GroupMember.start(name, settings, topics);
        members.add(member);
        return member;
    }

    private ConsumerSettings settings() {
        return ConsumerSettings.consumerProtocol(broker.bootstrapServers(), group);
    }
}
