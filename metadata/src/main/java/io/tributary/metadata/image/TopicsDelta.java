package io.tributary.metadata.image;

import io.tributary.metadata.record.PartitionChangeRecord;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.RemoveTopicRecord;
import io.tributary.metadata.record.TopicRecord;
import io.tributary.protocol.Uuid;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The changes to the topics of a {@link TopicsImage}: topics created, topics deleted, and partition
 * changes of the others. A topic created and deleted within the same delta leaves no trace.
 *
 * <p>Records that cannot occur in a log written by a correct controller (a partition of an unknown
 * topic, a second topic with the same name or id, removing an unknown topic) throw
 * {@link IllegalStateException}: the log is trusted, so they mean a bug.
 *
 * <p>Not thread safe: owned by the thread replaying the metadata log, read-only once applied.
 */
public final class TopicsDelta {

    private static final Comparator<LocalReplicaChanges.Replica> REPLICA_ORDER = Comparator
            .comparing(LocalReplicaChanges.Replica::topicId)
            .thenComparingInt(LocalReplicaChanges.Replica::partitionId);

    private final TopicsImage image;
    private final Map<Uuid, TopicDelta> changedTopics = new TreeMap<>();
    private final Set<Uuid> createdTopicIds = new TreeSet<>();
    private final Set<Uuid> deletedTopicIds = new TreeSet<>();
    /** Names of topics created in this delta and not deleted again. */
    private final Map<String, Uuid> createdTopicNames = new HashMap<>();

    TopicsDelta(TopicsImage image) {
        this.image = image;
    }

    public TopicsImage image() {
        return image;
    }

    /** Every topic created or with changed partitions, by id; deleted topics are not here. */
    public Map<Uuid, TopicDelta> changedTopics() {
        return Collections.unmodifiableMap(changedTopics);
    }

    /** Topics this delta creates. */
    public Set<Uuid> createdTopicIds() {
        return Collections.unmodifiableSet(createdTopicIds);
    }

    /** Topics of the base image this delta deletes. */
    public Set<Uuid> deletedTopicIds() {
        return Collections.unmodifiableSet(deletedTopicIds);
    }

    /** The id of the topic named {@code name} with this delta's changes so far. */
    public Optional<Uuid> topicId(String name) {
        Uuid created = createdTopicNames.get(name);
        if (created != null) {
            return Optional.of(created);
        }
        return image.topic(name).map(TopicImage::id).filter(id -> !deletedTopicIds.contains(id));
    }

    private boolean exists(Uuid id) {
        return changedTopics.containsKey(id) || (image.topicsById().containsKey(id) && !deletedTopicIds.contains(id));
    }

    void replay(TopicRecord record) {
        Uuid id = record.topicId();
        if (id.equals(Uuid.ZERO_UUID)) {
            throw new IllegalStateException("TopicRecord for topic " + record.name() + " has the zero topic id");
        }
        if (exists(id) || deletedTopicIds.contains(id)) {
            throw new IllegalStateException("TopicRecord for topic " + record.name() + " reuses topic id " + id);
        }
        Optional<Uuid> existing = topicId(record.name());
        if (existing.isPresent()) {
            throw new IllegalStateException("TopicRecord for topic " + record.name() + " with id " + id
                    + ", but a topic of that name exists with id " + existing.get());
        }
        changedTopics.put(id, new TopicDelta(new TopicImage(record.name(), id, Map.of())));
        createdTopicIds.add(id);
        createdTopicNames.put(record.name(), id);
    }

    void replay(PartitionRecord record) {
        topicDelta(record.topicId(), "PartitionRecord for partition " + record.partitionId()).replay(record);
    }

    void replay(PartitionChangeRecord record) {
        topicDelta(record.topicId(), "PartitionChangeRecord for partition " + record.partitionId()).replay(record);
    }

    /** Removes the topic and returns its name, so its configs can be removed too. */
    String replay(RemoveTopicRecord record) {
        Uuid id = record.topicId();
        if (createdTopicIds.remove(id)) {
            TopicDelta created = changedTopics.remove(id);
            createdTopicNames.remove(created.name());
            return created.name();
        }
        if (!exists(id)) {
            throw new IllegalStateException("RemoveTopicRecord for unknown topic id " + id);
        }
        changedTopics.remove(id);
        deletedTopicIds.add(id);
        return image.topicsById().get(id).name();
    }

    private TopicDelta topicDelta(Uuid id, String what) {
        if (!exists(id)) {
            throw new IllegalStateException(what + " of unknown topic id " + id);
        }
        return changedTopics.computeIfAbsent(id, i -> new TopicDelta(image.topicsById().get(i)));
    }

    public TopicsImage apply() {
        if (changedTopics.isEmpty() && deletedTopicIds.isEmpty()) {
            return image;
        }
        Map<Uuid, TopicImage> topics = new HashMap<>(image.topicsById());
        topics.keySet().removeAll(deletedTopicIds);
        changedTopics.forEach((id, delta) -> topics.put(id, delta.apply()));
        return new TopicsImage(topics);
    }

    /** What broker {@code brokerId} must do with its replicas because of this delta. */
    public LocalReplicaChanges localChanges(int brokerId) {
        List<LocalReplicaChanges.Replica> leaders = new ArrayList<>();
        List<LocalReplicaChanges.Replica> followers = new ArrayList<>();
        List<LocalReplicaChanges.Replica> deletes = new ArrayList<>();
        for (Uuid id : deletedTopicIds) {
            TopicImage topic = image.topicsById().get(id);
            topic.partitions().forEach((partitionId, registration) -> {
                if (registration.hasReplica(brokerId)) {
                    deletes.add(new LocalReplicaChanges.Replica(topic.name(), id, partitionId, registration));
                }
            });
        }
        for (TopicDelta delta : changedTopics.values()) {
            delta.localChanges(brokerId, leaders, followers, deletes);
        }
        deletes.sort(REPLICA_ORDER);
        return new LocalReplicaChanges(leaders, followers, deletes);
    }

    @Override
    public String toString() {
        return "TopicsDelta(created=" + createdTopicIds + ", deleted=" + deletedTopicIds + ", changed=" + changedTopics.values() + ")";
    }
}
