package io.tributary.metadata.image;

import static io.tributary.metadata.image.TestRecords.partition;
import static io.tributary.metadata.image.TestRecords.partitionChange;
import static io.tributary.metadata.image.TestRecords.removeTopic;
import static io.tributary.metadata.image.TestRecords.replay;
import static io.tributary.metadata.image.TestRecords.topic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.protocol.Uuid;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopicsDeltaTest {

    private static final Uuid FOO = new Uuid(1, 1);
    private static final Uuid BAR = new Uuid(2, 2);
    private static final Uuid DIR_A = new Uuid(7, 1);
    private static final Uuid DIR_B = new Uuid(7, 2);
    private static final Uuid DIR_C = new Uuid(7, 3);

    private static MetadataImage fooWithTwoPartitions() {
        return replay(MetadataImage.EMPTY, topic("foo", FOO), partition(FOO, 0, 1, 2, 3), partition(FOO, 1, 2, 3, 1));
    }

    @Test
    void createdTopicIsFoundByNameAndByIdWithItsPartitions() {
        MetadataImage image = fooWithTwoPartitions();

        TopicImage foo = image.topics().topic("foo").orElseThrow();
        assertEquals(foo, image.topics().topic(FOO).orElseThrow());
        assertEquals(FOO, foo.id());
        assertEquals(Set.of(0, 1), foo.partitions().keySet());
        PartitionRegistration p1 = foo.partition(1).orElseThrow();
        assertEquals(List.of(2, 3, 1), p1.replicas());
        assertEquals(List.of(2, 3, 1), p1.isr());
        assertEquals(2, p1.leader());
        assertEquals(0, p1.leaderEpoch());
        assertEquals(0, p1.partitionEpoch());
        assertEquals(LeaderRecoveryState.RECOVERED, p1.leaderRecoveryState());
    }

    @Test
    void newLeaderBumpsLeaderEpochAndPartitionEpoch() {
        MetadataImage image = replay(fooWithTwoPartitions(), partitionChange(FOO, 0).setLeader(2).setIsr(List.of(2, 3)));

        PartitionRegistration p0 = image.topics().topic(FOO).orElseThrow().partition(0).orElseThrow();
        assertEquals(2, p0.leader());
        assertEquals(List.of(2, 3), p0.isr());
        assertEquals(List.of(1, 2, 3), p0.replicas());
        assertEquals(1, p0.leaderEpoch());
        assertEquals(1, p0.partitionEpoch());
    }

    @Test
    void isrChangeWithoutLeaderKeepsLeaderEpochAndBumpsPartitionEpoch() {
        MetadataImage image = replay(fooWithTwoPartitions(), partitionChange(FOO, 0).setIsr(List.of(1)));

        PartitionRegistration p0 = image.topics().topic(FOO).orElseThrow().partition(0).orElseThrow();
        assertEquals(1, p0.leader());
        assertEquals(List.of(1), p0.isr());
        assertEquals(0, p0.leaderEpoch());
        assertEquals(1, p0.partitionEpoch());
    }

    @Test
    void namingTheSameLeaderAgainStillBumpsTheLeaderEpoch() {
        MetadataImage image = replay(fooWithTwoPartitions(), partitionChange(FOO, 0).setLeader(1));

        assertEquals(1, image.topics().topic(FOO).orElseThrow().partition(0).orElseThrow().leaderEpoch());
    }

    @Test
    void leaderMinusOneLeavesThePartitionWithoutLeader() {
        MetadataImage image = replay(fooWithTwoPartitions(), partitionChange(FOO, 0).setLeader(-1).setIsr(List.of()));

        PartitionRegistration p0 = image.topics().topic(FOO).orElseThrow().partition(0).orElseThrow();
        assertFalse(p0.hasLeader());
        assertEquals(1, p0.leaderEpoch());
    }

    @Test
    void severalChangesInOneDeltaAccumulate() {
        MetadataImage image = replay(fooWithTwoPartitions(),
                partitionChange(FOO, 0).setLeader(2),
                partitionChange(FOO, 0).setLeader(3),
                partitionChange(FOO, 0).setIsr(List.of(3)));

        PartitionRegistration p0 = image.topics().topic(FOO).orElseThrow().partition(0).orElseThrow();
        assertEquals(3, p0.leader());
        assertEquals(List.of(3), p0.isr());
        assertEquals(2, p0.leaderEpoch());
        assertEquals(3, p0.partitionEpoch());
    }

    @Test
    void reassignmentKeepsTheDirectoryOfEveryRetainedReplica() {
        MetadataImage image = replay(MetadataImage.EMPTY, topic("foo", FOO),
                partition(FOO, 0, 1, 2, 3).setDirectories(List.of(DIR_A, DIR_B, DIR_C)));
        image = replay(image, partitionChange(FOO, 0).setReplicas(List.of(3, 4, 1)));

        PartitionRegistration p0 = image.topics().topic(FOO).orElseThrow().partition(0).orElseThrow();
        assertEquals(List.of(DIR_C, Uuid.ZERO_UUID, DIR_A), p0.directories());
    }

    @Test
    void directoriesThatDoNotMatchTheReplicasAreImpossible() {
        MetadataDelta delta = new MetadataDelta(replay(MetadataImage.EMPTY, topic("foo", FOO)));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> delta.replay(partition(FOO, 0, 1, 2).setDirectories(List.of(DIR_A))));
        assertEquals("partition 0 of topic foo (" + FOO + "): 1 directories [" + DIR_A + "] for 2 replicas [1, 2]", e.getMessage());
    }

    @Test
    void removingATopicRemovesItAndItsPartitions() {
        MetadataImage image = replay(fooWithTwoPartitions(), topic("bar", BAR), partition(BAR, 0, 1));
        image = replay(image, removeTopic(FOO));

        assertTrue(image.topics().topic("foo").isEmpty());
        assertTrue(image.topics().topic(FOO).isEmpty());
        assertEquals(Set.of(BAR), image.topics().topicsById().keySet());
    }

    @Test
    void aTopicCreatedAndRemovedInOneDeltaLeavesNoTrace() {
        MetadataDelta delta = new MetadataDelta(MetadataImage.EMPTY);
        delta.replay(topic("foo", FOO));
        delta.replay(partition(FOO, 0, 1));
        delta.replay(removeTopic(FOO));

        TopicsDelta topics = delta.topicsDelta().orElseThrow();
        assertTrue(topics.createdTopicIds().isEmpty());
        assertTrue(topics.deletedTopicIds().isEmpty());
        assertTrue(topics.changedTopics().isEmpty());
        assertTrue(delta.apply(MetadataProvenance.EMPTY).topics().isEmpty());
    }

    @Test
    void aRemovedTopicsNameCanBeUsedByANewTopicInTheSameDelta() {
        MetadataImage image = replay(fooWithTwoPartitions(), removeTopic(FOO), topic("foo", BAR), partition(BAR, 0, 5));

        TopicImage foo = image.topics().topic("foo").orElseThrow();
        assertEquals(BAR, foo.id());
        assertEquals(Set.of(0), foo.partitions().keySet());
    }

    @Test
    void deltaReportsCreatedDeletedAndChangedTopics() {
        MetadataDelta delta = new MetadataDelta(fooWithTwoPartitions());
        delta.replay(topic("bar", BAR));
        delta.replay(partition(BAR, 0, 1));
        delta.replay(partitionChange(FOO, 1).setIsr(List.of(2)));

        TopicsDelta topics = delta.topicsDelta().orElseThrow();
        assertEquals(Set.of(BAR), topics.createdTopicIds());
        assertEquals(Set.of(FOO, BAR), topics.changedTopics().keySet());
        assertEquals(Set.of(1), topics.changedTopics().get(FOO).partitionChanges().keySet());
        assertEquals(Set.of(), topics.changedTopics().get(FOO).newPartitions());
        assertEquals(Set.of(0), topics.changedTopics().get(BAR).newPartitions());
    }

    @Test
    void partitionOfUnknownTopicIsImpossible() {
        MetadataDelta delta = new MetadataDelta(MetadataImage.EMPTY);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> delta.replay(partition(FOO, 0, 1)));
        assertEquals("PartitionRecord for partition 0 of unknown topic id " + FOO, e.getMessage());
    }

    @Test
    void changeOfUnknownPartitionIsImpossible() {
        MetadataDelta delta = new MetadataDelta(fooWithTwoPartitions());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> delta.replay(partitionChange(FOO, 7).setLeader(1)));
        assertEquals("PartitionChangeRecord for unknown partition 7 of topic foo (" + FOO + ")", e.getMessage());
    }

    @Test
    void secondTopicWithTheSameNameIsImpossible() {
        MetadataDelta delta = new MetadataDelta(fooWithTwoPartitions());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> delta.replay(topic("foo", BAR)));
        assertEquals("TopicRecord for topic foo with id " + BAR + ", but a topic of that name exists with id " + FOO, e.getMessage());
    }

    @Test
    void secondTopicWithTheSameIdIsImpossible() {
        MetadataDelta delta = new MetadataDelta(fooWithTwoPartitions());
        assertThrows(IllegalStateException.class, () -> delta.replay(topic("other", FOO)));
    }

    @Test
    void removingAnUnknownTopicIsImpossible() {
        MetadataDelta delta = new MetadataDelta(fooWithTwoPartitions());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> delta.replay(removeTopic(BAR)));
        assertEquals("RemoveTopicRecord for unknown topic id " + BAR, e.getMessage());
    }

    @Test
    void localChangesListPartitionsTheBrokerNowLeadsAndFollows() {
        MetadataDelta delta = new MetadataDelta(MetadataImage.EMPTY);
        delta.replay(topic("foo", FOO));
        delta.replay(partition(FOO, 0, 1, 2));
        delta.replay(partition(FOO, 1, 2, 1));
        delta.replay(partition(FOO, 2, 2, 3));

        LocalReplicaChanges changes = delta.topicsDelta().orElseThrow().localChanges(1);
        assertEquals(List.of(0), changes.leaders().stream().map(LocalReplicaChanges.Replica::partitionId).toList());
        assertEquals(List.of(1), changes.followers().stream().map(LocalReplicaChanges.Replica::partitionId).toList());
        assertTrue(changes.deletes().isEmpty());
        assertEquals("foo", changes.leaders().get(0).topicName());
    }

    @Test
    void localChangesListReplicasToDeleteWhenTheTopicIsRemovedOrTheBrokerReassignedAway() {
        MetadataImage image = replay(fooWithTwoPartitions(), topic("bar", BAR), partition(BAR, 0, 1, 2));
        MetadataDelta delta = new MetadataDelta(image);
        delta.replay(removeTopic(FOO));
        delta.replay(partitionChange(BAR, 0).setReplicas(List.of(2, 3)).setIsr(List.of(2)).setLeader(2));

        LocalReplicaChanges changes = delta.topicsDelta().orElseThrow().localChanges(1);
        assertEquals(List.of("foo-0", "foo-1", "bar-0"),
                changes.deletes().stream().map(r -> r.topicName() + "-" + r.partitionId()).toList());
        assertTrue(changes.leaders().isEmpty());
        assertTrue(changes.followers().isEmpty());
        LocalReplicaChanges forBroker3 = delta.topicsDelta().orElseThrow().localChanges(3);
        assertEquals(List.of("bar"), forBroker3.followers().stream().map(LocalReplicaChanges.Replica::topicName).toList());
    }
}
