package io.tributary.broker.clients.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Consumer-protocol groups (KIP-848: ConsumerGroupHeartbeat, the broker assigns) as Kafka's Java
 * consumer with {@code group.protocol=consumer} sees them.
 */
class ConsumerProtocolGroupTest {

    private static final int PARTITIONS = 6;

    @RegisterExtension
    final GroupTestEnvironment env = new GroupTestEnvironment(PARTITIONS);

    @Test
    void threeMembersOwnTwoPartitionsEach() {
        join("a", settings(), env.topic());
        join("b", settings(), env.topic());
        join("c", settings(), env.topic());

        Assignments.awaitEvenSplit(env.topic(), PARTITIONS, env.members());
    }

    @Test
    void aLeavingMembersPartitionsAreRedistributed() {
        join("a", settings(), env.topic());
        join("b", settings(), env.topic());
        GroupMember leaving = join("c", settings(), env.topic());
        Assignments.awaitEvenSplit(env.topic(), PARTITIONS, env.members());

        env.close(leaving);

        Assignments.awaitEvenSplit(env.topic(), PARTITIONS, env.members());
    }

    @Test
    void aNewMemberResumesAtTheCommittedOffsetsAndReadsNoRecordTwice() throws Exception {
        Topics.produce(env.broker().bootstrapServers(), env.topic(), PARTITIONS, 20);
        GroupMember first = join("first", settings(), env.topic());
        Await.until(Assignments.REBALANCE_TIMEOUT, "first member reads all 120 records",
                () -> first.recordCount() == 120, first::toString);
        first.commitSync();
        env.close(first);
        Topics.produce(env.broker().bootstrapServers(), env.topic(), PARTITIONS, 5);

        GroupMember second = join("second", settings(), env.topic());

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
        TwoTopics topics = twoTopicsOfThree();
        ConsumerSettings range = settings().with(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG, "range");
        GroupMember a = join("a", range, topics.left(), topics.right());
        GroupMember b = join("b", range, topics.left(), topics.right());

        awaitAllSixOwnedOnce(topics.left(), topics.right(), Set.of(2, 4));

        for (GroupMember member : List.of(a, b)) {
            assertEquals(partitionNumbers(member, topics.left()), partitionNumbers(member, topics.right()), member.toString());
        }
        assertEquals("range", describe().partitionAssignor());
    }

    /** The same two topics and members: the uniform assignor balances the total, 3 partitions each. */
    @Test
    void theUniformAssignorGivesEachMemberAnEqualShareOfAllTopics() throws Exception {
        TwoTopics topics = twoTopicsOfThree();
        join("a", settings().with(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG, "uniform"), topics.left(), topics.right());
        join("b", settings().with(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG, "uniform"), topics.left(), topics.right());

        awaitAllSixOwnedOnce(topics.left(), topics.right(), Set.of(3));

        assertEquals("uniform", describe().partitionAssignor());
    }

    /** Two topics of 3 partitions, created for the tests that read them instead of the environment's 6-partition topic. */
    private TwoTopics twoTopicsOfThree() throws Exception {
        TwoTopics topics = new TwoTopics(Names.unique("left"), Names.unique("right"));
        Topics.create(env.admin(), topics.left(), 3);
        Topics.create(env.admin(), topics.right(), 3);
        return topics;
    }

    private record TwoTopics(String left, String right) {
    }

    /** Waits until the members own the 6 partitions once each, with these numbers of partitions per member. */
    private void awaitAllSixOwnedOnce(String first, String second, Set<Integer> sizes) {
        Set<TopicPartition> all = new HashSet<>(Topics.partitions(first, 3));
        all.addAll(Topics.partitions(second, 3));
        Await.until(Assignments.REBALANCE_TIMEOUT, "both topics' partitions owned once each, " + sizes + " per member", () -> {
            List<TopicPartition> owned = env.members().stream().flatMap(m -> m.assignment().stream()).toList();
            Set<Integer> ownedSizes = env.members().stream().map(m -> m.assignment().size()).collect(Collectors.toSet());
            return owned.size() == all.size() && Set.copyOf(owned).equals(all) && ownedSizes.equals(sizes);
        }, () -> Assignments.describe(env.members()));
    }

    private static Set<Integer> partitionNumbers(GroupMember member, String topic) {
        return member.assignment().stream().filter(p -> p.topic().equals(topic))
                .map(TopicPartition::partition).collect(Collectors.toSet());
    }

    private ConsumerGroupDescription describe() throws Exception {
        return env.admin().describeConsumerGroups(List.of(env.group())).all().get(30, TimeUnit.SECONDS).get(env.group());
    }

    private GroupMember join(String name, ConsumerSettings settings, String... topics) {
        return env.start(name, settings, topics);
    }

    private ConsumerSettings settings() {
        return ConsumerSettings.consumerProtocol(env.broker().bootstrapServers(), env.group());
    }
}
