package io.tributary.broker.clients.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.NoOffsetForPartitionException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Classic consumer groups (JoinGroup, SyncGroup, Heartbeat, LeaveGroup, OffsetCommit, OffsetFetch)
 * as Kafka's Java consumer with {@code group.protocol=classic} sees them: how members split a
 * 6-partition topic, when the group rebalances, and where a member starts reading.
 */
class ClassicGroupTest {

    private static final int PARTITIONS = 6;

    @RegisterExtension
    final GroupTestEnvironment env = new GroupTestEnvironment(PARTITIONS);

    @ParameterizedTest(name = "{0} members")
    @ValueSource(ints = {1, 2, 3})
    void membersSplitTheTopicsPartitionsEvenly(int count) {
        for (int i = 0; i < count; i++) {
            join("m" + i);
        }

        Assignments.awaitEvenSplit(env.topic(), PARTITIONS, env.members());
    }

    @Test
    void aJoiningMemberTriggersARebalanceThatGivesItAShare() {
        GroupMember first = join("first");
        Assignments.awaitEvenSplit(env.topic(), PARTITIONS, env.members());
        int generationBefore = first.generationId();

        join("second");

        Assignments.awaitEvenSplit(env.topic(), PARTITIONS, env.members());
        assertTrue(first.generationId() > generationBefore, first + " was in generation " + generationBefore);
    }

    @Test
    void aClosedMembersPartitionsGoToTheOthers() {
        join("a");
        join("b");
        GroupMember leaving = join("c");
        Assignments.awaitEvenSplit(env.topic(), PARTITIONS, env.members());

        env.close(leaving);

        Assignments.awaitEvenSplit(env.topic(), PARTITIONS, env.members());
    }

    @Test
    void aMemberThatStopsPollingIsRemovedAndItsPartitionsReassigned() {
        join("healthy");
        GroupMember stuck = join("stuck", settings().with(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 2000));
        Assignments.awaitEvenSplit(env.topic(), PARTITIONS, env.members());

        stuck.stopPolling();

        Assignments.awaitEvenSplit(env.topic(), PARTITIONS, List.of(env.members().get(0)));
    }

    @Test
    void aNewMemberResumesAtTheCommittedOffsetsAndReadsNoRecordTwice() throws Exception {
        Topics.produce(env.broker().bootstrapServers(), env.topic(), PARTITIONS, 20);
        GroupMember first = join("first");
        Await.until(Assignments.REBALANCE_TIMEOUT, "first member reads all 120 records",
                () -> first.recordCount() == 120, first::toString);
        first.commitSync();
        env.close(first);
        Topics.produce(env.broker().bootstrapServers(), env.topic(), PARTITIONS, 5);

        GroupMember second = join("second");

        Await.until(Assignments.REBALANCE_TIMEOUT, "second member reads the 30 new records",
                () -> second.recordCount() >= 30, second::toString);
        assertEquals(30, second.recordCount(), "records read by the second member: " + second.records());
        assertEquals(Set.of(), intersection(positions(first.records()), positions(second.records())),
                "records read by both");
        for (ConsumerRecord<String, String> record : second.records()) {
            assertTrue(record.offset() >= 20, "second member read " + record);
        }
    }

    @Test
    void twoGroupsOnOneTopicEachReadEveryRecord() throws Exception {
        Topics.produce(env.broker().bootstrapServers(), env.topic(), PARTITIONS, 10);
        GroupMember billing = join("billing");
        GroupMember shipping = join("shipping", ConsumerSettings.classic(env.broker().bootstrapServers(), Names.unique("shipping")));

        Await.until(Assignments.REBALANCE_TIMEOUT, "both groups read all 60 records",
                () -> billing.recordCount() == 60 && shipping.recordCount() == 60, () -> Assignments.describe(env.members()));
        assertEquals(Set.copyOf(Topics.partitions(env.topic(), PARTITIONS)), billing.assignment());
        assertEquals(Set.copyOf(Topics.partitions(env.topic(), PARTITIONS)), shipping.assignment());
        assertEquals(positions(billing.records()), positions(shipping.records()));
    }

    @Test
    void aStaticMemberRestartedWithinItsSessionGetsItsPartitionsBackWithoutARebalance() {
        GroupMember a = join("a", staticSettings("instance-a"));
        GroupMember b = join("b", staticSettings("instance-b"));
        Assignments.awaitEvenSplit(env.topic(), PARTITIONS, env.members());
        Set<TopicPartition> aOwned = a.assignment();
        Set<TopicPartition> bOwned = b.assignment();
        int generation = b.generationId();
        int bAssignments = b.assignedCallbacks();

        env.close(a);
        GroupMember restarted = join("a-restarted", staticSettings("instance-a"));

        Await.until(Assignments.REBALANCE_TIMEOUT, "the restarted static member owns what it owned",
                () -> restarted.assignment().equals(aOwned), () -> Assignments.describe(env.members()));
        assertEquals(generation, restarted.generationId(), "generation of the restarted member");
        assertEquals(generation, b.generationId(), "generation of the member that stayed");
        assertEquals(bOwned, b.assignment());
        assertEquals(bAssignments, b.assignedCallbacks(), "assignments the member that stayed was told of");
    }

    @Test
    void cooperativeStickyMovesOnlyWhatTheNewMembersTake() {
        GroupMember first = join("first", cooperativeSettings());
        Assignments.awaitEvenSplit(env.topic(), PARTITIONS, env.members());
        GroupMember second = join("second", cooperativeSettings());
        Assignments.awaitEvenSplit(env.topic(), PARTITIONS, env.members());
        Set<TopicPartition> firstWithTwo = first.assignment();
        Set<TopicPartition> secondWithTwo = second.assignment();

        join("third", cooperativeSettings());

        Assignments.awaitEvenSplit(env.topic(), PARTITIONS, env.members());
        assertTrue(firstWithTwo.containsAll(first.assignment()), "first kept " + first.assignment() + " of " + firstWithTwo);
        assertTrue(secondWithTwo.containsAll(second.assignment()),
                "second kept " + second.assignment() + " of " + secondWithTwo);
    }

    @Test
    void autoOffsetResetEarliestStartsAGroupWithoutOffsetsAtTheFirstRecord() throws Exception {
        Topics.produce(env.broker().bootstrapServers(), env.topic(), PARTITIONS, 10);

        GroupMember member = join("earliest", settings().with(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));

        Await.until(Assignments.REBALANCE_TIMEOUT, "all 60 records read", () -> member.recordCount() == 60, member::toString);
        assertEquals(Set.of(0L), member.records().stream().filter(r -> r.value().endsWith(":0"))
                .map(ConsumerRecord::offset).collect(Collectors.toSet()));
    }

    @Test
    void autoOffsetResetLatestStartsAGroupWithoutOffsetsAtTheEnd() throws Exception {
        Topics.produce(env.broker().bootstrapServers(), env.topic(), PARTITIONS, 10);
        GroupMember member = join("latest", settings().with(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"));
        Assignments.awaitEvenSplit(env.topic(), PARTITIONS, env.members());
        List<Long> positions = member.call(c -> Topics.partitions(env.topic(), PARTITIONS).stream()
                .map(c::position).toList());
        assertEquals(List.of(10L, 10L, 10L, 10L, 10L, 10L), positions);

        Topics.produce(env.broker().bootstrapServers(), env.topic(), PARTITIONS, 3);

        Await.until(Assignments.REBALANCE_TIMEOUT, "the 18 new records read", () -> member.recordCount() >= 18, member::toString);
        assertEquals(18, member.recordCount());
        assertTrue(member.records().stream().allMatch(r -> r.offset() >= 10), member.records().toString());
    }

    @Test
    void autoOffsetResetNoneFailsAGroupWithoutOffsetsWithNoOffsetForPartition() throws Exception {
        Topics.produce(env.broker().bootstrapServers(), env.topic(), PARTITIONS, 1);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                settings().with(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none").toMap())) {
            consumer.subscribe(List.of(env.topic()));

            NoOffsetForPartitionException thrown = Await.succeeds(Assignments.REBALANCE_TIMEOUT,
                    "poll throws NoOffsetForPartitionException", () -> {
                        try {
                            consumer.poll(Duration.ofMillis(100));
                        } catch (NoOffsetForPartitionException e) {
                            return e;
                        }
                        throw new AssertionError("poll returned; assigned " + consumer.assignment());
                    });

            assertFalse(thrown.partitions().isEmpty());
            assertTrue(Topics.partitions(env.topic(), PARTITIONS).containsAll(thrown.partitions()), thrown.partitions().toString());
        }
    }

    @Test
    void autoOffsetResetNoneReadsAGroupWithOffsetsFromThem() throws Exception {
        Topics.produce(env.broker().bootstrapServers(), env.topic(), PARTITIONS, 4);
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        Topics.partitions(env.topic(), PARTITIONS).forEach(p -> committed.put(p, new OffsetAndMetadata(3)));
        env.admin().alterConsumerGroupOffsets(env.group(), committed).all().get(30, TimeUnit.SECONDS);

        GroupMember member = join("none", settings().with(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none"));

        Await.until(Assignments.REBALANCE_TIMEOUT, "the last record of each partition read",
                () -> member.recordCount() >= 6, member::toString);
        assertEquals(Set.of(3L), member.records().stream().map(ConsumerRecord::offset).collect(Collectors.toSet()));
    }

    private GroupMember join(String name) {
        return join(name, settings());
    }

    private GroupMember join(String name, ConsumerSettings settings) {
        return env.start(name, settings, env.topic());
    }

    private ConsumerSettings settings() {
        return ConsumerSettings.classic(env.broker().bootstrapServers(), env.group());
    }

    private ConsumerSettings staticSettings(String instanceId) {
        return settings().with(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
    }

    private ConsumerSettings cooperativeSettings() {
        return settings().with(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    }

    /** "partition@offset" of each record, the identity of a record in the topic. */
    static Set<String> positions(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> r.partition() + "@" + r.offset()).collect(Collectors.toSet());
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return both;
    }
}
