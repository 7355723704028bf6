package io.tributary.broker.clients.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.GroupSubscribedToTopicException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Kafka's Admin client on groups: listing, describing, deleting and the offsets of a group. */
class AdminGroupsTest {

    private static final int PARTITIONS = 6;
    private static final long TIMEOUT_SECONDS = 30;

    @RegisterExtension
    final GroupTestEnvironment env = new GroupTestEnvironment(PARTITIONS);
    /** The groups this test made: listings are filtered to them. */
    private final Set<String> createdGroups = new HashSet<>();

    @Test
    void listGroupsFilteredByStateShowsOnlyGroupsInThatState() throws Exception {
        String stable = activeClassicGroup();
        String empty = groupWithOffsetsOnly(Map.of(new TopicPartition(env.topic(), 0), 1L));

        Set<String> stableGroups = Await.succeeds(Assignments.REBALANCE_TIMEOUT, "the active group listed as Stable",
                () -> nonEmpty(groupIds(env.admin().listGroups(ListGroupsOptions.forConsumerGroups()
                        .inGroupStates(Set.of(GroupState.STABLE))).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS))));
        Set<String> emptyGroups = groupIds(env.admin().listGroups(ListGroupsOptions.forConsumerGroups()
                .inGroupStates(Set.of(GroupState.EMPTY))).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));

        assertEquals(Set.of(stable), stableGroups);
        assertEquals(Set.of(empty), emptyGroups);
    }

    @Test
    void listConsumerGroupsShowsEachGroupsTypeAndState() throws Exception {
        String classic = activeClassicGroup();
        String consumer = activeConsumerProtocolGroup();

        Map<String, GroupListing> listed = listingsById(env.admin().listGroups(ListGroupsOptions.forConsumerGroups())
                .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));

        assertEquals(Set.of(classic, consumer), listed.keySet());
        assertEquals(Optional.of(GroupType.CLASSIC), listed.get(classic).type());
        assertEquals(Optional.of(GroupType.CONSUMER), listed.get(consumer).type());
        assertEquals("consumer", listed.get(classic).protocol());
        assertEquals(Optional.of(GroupState.STABLE), listed.get(classic).groupState());
        assertEquals(Optional.of(GroupState.STABLE), listed.get(consumer).groupState());
    }

    @Test
    void describeConsumerGroupsShowsAClassicGroupsMembersAndAssignments() throws Exception {
        String group = activeClassicGroup();

        ConsumerGroupDescription description = describe(group);

        assertEquals(GroupType.CLASSIC, description.type());
        assertEquals(GroupState.STABLE, description.groupState());
        assertEquals("range", description.partitionAssignor());
        assertEquals(1, description.members().size());
        assertEquals(Set.copyOf(Topics.partitions(env.topic(), PARTITIONS)), assigned(description.members()));
    }

    @Test
    void describeConsumerGroupsShowsAConsumerProtocolGroupsMembersAssignmentsAndEpochs() throws Exception {
        String group = activeConsumerProtocolGroup();

        ConsumerGroupDescription description = describe(group);

        assertEquals(GroupType.CONSUMER, description.type());
        assertEquals(GroupState.STABLE, description.groupState());
        assertEquals("uniform", description.partitionAssignor());
        assertEquals(2, description.members().size());
        assertEquals(Set.copyOf(Topics.partitions(env.topic(), PARTITIONS)), assigned(description.members()));
        assertTrue(description.groupEpoch().orElse(0) > 0, description.toString());
        assertEquals(description.groupEpoch(), description.targetAssignmentEpoch(), description.toString());
    }

    @Test
    void deleteConsumerGroupsOfAGroupWithMembersFailsWithGroupNotEmpty() throws Exception {
        String group = activeClassicGroup();

        ExecutionException thrown = assertThrows(ExecutionException.class,
                () -> env.admin().deleteConsumerGroups(List.of(group)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));

        assertInstanceOf(GroupNotEmptyException.class, thrown.getCause());
        assertEquals(GroupState.STABLE, describe(group).groupState());
    }

    @Test
    void deleteConsumerGroupsRemovesAnEmptyGroupAndItsOffsets() throws Exception {
        String group = groupWithOffsetsOnly(Map.of(new TopicPartition(env.topic(), 0), 1L));

        env.admin().deleteConsumerGroups(List.of(group)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertEquals(Set.of(), groupIds(env.admin().listGroups(ListGroupsOptions.forConsumerGroups())
                .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)));
        assertEquals(Map.of(), env.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void deleteConsumerGroupOffsetsOfATopicTheGroupIsSubscribedToFails() throws Exception {
        String group = activeClassicGroup();
        TopicPartition partition = new TopicPartition(env.topic(), 0);
        env.members().get(0).commitSync();

        ExecutionException thrown = assertThrows(ExecutionException.class, () -> env.admin()
                .deleteConsumerGroupOffsets(group, Set.of(partition)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));

        assertInstanceOf(GroupSubscribedToTopicException.class, thrown.getCause());
        assertTrue(committed(group).containsKey(partition), "the offset is still there");
    }

    @Test
    void deleteConsumerGroupOffsetsOfATopicNoMemberIsSubscribedToRemovesThem() throws Exception {
        TopicPartition partition = new TopicPartition(env.topic(), 0);
        TopicPartition kept = new TopicPartition(env.topic(), 1);
        String group = groupWithOffsetsOnly(Map.of(partition, 3L, kept, 4L));

        env.admin().deleteConsumerGroupOffsets(group, Set.of(partition)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertEquals(Map.of(kept, 4L), committed(group));
    }

    @Test
    void alterConsumerGroupOffsetsSetsTheOffsetsAndTheirMetadata() throws Exception {
        String group = newGroup("billing");
        TopicPartition partition = new TopicPartition(env.topic(), 2);
        Topics.produce(env.broker().bootstrapServers(), env.topic(), PARTITIONS, 10);

        env.admin().alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(7, "checkpoint-7")))
                .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        Map<TopicPartition, OffsetAndMetadata> offsets = env.admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertEquals(Set.of(partition), offsets.keySet());
        assertEquals(7, offsets.get(partition).offset());
        assertEquals("checkpoint-7", offsets.get(partition).metadata());
    }

    @Test
    void listConsumerGroupOffsetsAnswersForSeveralGroupsInOneCall() throws Exception {
        Map<String, Map<TopicPartition, Long>> expected = new HashMap<>();
        for (int g = 0; g < 4; g++) {
            Map<TopicPartition, Long> offsets = Map.of(new TopicPartition(env.topic(), g), (long) g + 1,
                    new TopicPartition(env.topic(), g + 1), (long) g + 10);
            expected.put(groupWithOffsetsOnly(offsets), offsets);
        }
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        expected.keySet().forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));

        Map<String, Map<TopicPartition, OffsetAndMetadata>> listed = env.admin().listConsumerGroupOffsets(specs)
                .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        Map<String, Map<TopicPartition, Long>> actual = new HashMap<>();
        listed.forEach((group, offsets) -> actual.put(group, offsetsOnly(offsets)));
        assertEquals(expected, actual);
    }

    /** A classic group whose one member owns the whole topic; returns its id once the member owns it. */
    private String activeClassicGroup() {
        String group = newGroup("classic");
        env.start("classic", ConsumerSettings.classic(env.broker().bootstrapServers(), group), env.topic());
        Assignments.awaitEvenSplit(env.topic(), PARTITIONS, env.members());
        return group;
    }

    /** A consumer-protocol group of two members that own the topic between them. */
    private String activeConsumerProtocolGroup() throws Exception {
        String group = newGroup("consumer");
        List<GroupMember> group2 = List.of(
                env.start("c1", ConsumerSettings.consumerProtocol(env.broker().bootstrapServers(), group), env.topic()),
                env.start("c2", ConsumerSettings.consumerProtocol(env.broker().bootstrapServers(), group), env.topic()));
        Assignments.awaitEvenSplit(env.topic(), PARTITIONS, group2);
        Await.succeeds(Assignments.REBALANCE_TIMEOUT, "group " + group + " Stable", () -> {
            assertEquals(GroupState.STABLE, describe(group).groupState());
            return null;
        });
        return group;
    }

    /** A group that has committed offsets (through Admin) and never had a member. */
    private String groupWithOffsetsOnly(Map<TopicPartition, Long> offsets) throws Exception {
        String group = newGroup("offsets-only");
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((partition, offset) -> commit.put(partition, new OffsetAndMetadata(offset)));
        env.admin().alterConsumerGroupOffsets(group, commit).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return group;
    }

    private String newGroup(String prefix) {
        String group = Names.unique(prefix);
        createdGroups.add(group);
        return group;
    }

    private ConsumerGroupDescription describe(String group) throws Exception {
        return env.admin().describeConsumerGroups(List.of(group)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(group);
    }

    private Map<TopicPartition, Long> committed(String group) throws Exception {
        return offsetsOnly(env.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }

    private static Map<TopicPartition, Long> offsetsOnly(Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<TopicPartition, Long> result = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            if (offset != null) {
                result.put(partition, offset.offset());
            }
        });
        return result;
    }

    private static Set<TopicPartition> assigned(Collection<MemberDescription> members) {
        return members.stream().flatMap(m -> m.assignment().topicPartitions().stream()).collect(Collectors.toSet());
    }

    /** The ids of this test's groups among those listed (a shared broker may list other tests' groups). */
    private Set<String> groupIds(Collection<GroupListing> listings) {
        return listingsById(listings).keySet();
    }

    private Map<String, GroupListing> listingsById(Collection<GroupListing> listings) {
        return listings.stream().filter(l -> isOurs(l.groupId())).collect(Collectors.toMap(GroupListing::groupId, l -> l));
    }

    private boolean isOurs(String groupId) {
        return createdGroups.contains(groupId);
    }

    private static <T extends Collection<?>> T nonEmpty(T values) {
        if (values.isEmpty()) {
            throw new AssertionError("none listed");
        }
        return values;
    }
}
