package io.tributary.metadata.image;

import io.tributary.metadata.record.PartitionChangeRecord;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.protocol.Uuid;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The changes to one topic's partitions within a {@link TopicsDelta}. For a topic created in the
 * same delta the base image has no partitions.
 *
 * <p>Not thread safe: owned by the thread replaying the metadata log, read-only once applied.
 */
public final class TopicDelta {

    private final TopicImage image;
    private final Map<Integer, PartitionRegistration> partitionChanges = new TreeMap<>();

    TopicDelta(TopicImage image) {
        this.image = image;
    }

    /** The topic as it was before this delta; without partitions for a topic the delta creates. */
    public TopicImage image() {
        return image;
    }

    public String name() {
        return image.name();
    }

    public Uuid id() {
        return image.id();
    }

    /** The new registration of every partition created or changed in this delta, by partition id. */
    public Map<Integer, PartitionRegistration> partitionChanges() {
        return Collections.unmodifiableMap(partitionChanges);
    }

    /** The ids of partitions this delta creates. */
    public Set<Integer> newPartitions() {
        Set<Integer> created = new TreeSet<>(partitionChanges.keySet());
        created.removeAll(image.partitions().keySet());
        return created;
    }

    /** The partition's registration with this delta's changes so far. */
    public Optional<PartitionRegistration> partition(int partitionId) {
        PartitionRegistration changed = partitionChanges.get(partitionId);
        return changed != null ? Optional.of(changed) : image.partition(partitionId);
    }

    void replay(PartitionRecord record) {
        if (record.partitionId() < 0) {
            throw new IllegalStateException("PartitionRecord for topic " + describe() + " has partition id " + record.partitionId());
        }
        partitionChanges.put(record.partitionId(), inTopic(record.partitionId(), () -> PartitionRegistration.fromRecord(record)));
    }

    void replay(PartitionChangeRecord record) {
        int partitionId = record.partitionId();
        PartitionRegistration current = partition(partitionId).orElseThrow(() -> new IllegalStateException(
                "PartitionChangeRecord for unknown partition " + partitionId + " of topic " + describe()));
        partitionChanges.put(partitionId, inTopic(partitionId, () -> current.merge(record)));
    }

    private PartitionRegistration inTopic(int partitionId, Supplier<PartitionRegistration> registration) {
        try {
            return registration.get();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("partition " + partitionId + " of topic " + describe() + ": " + e.getMessage(), e);
        }
    }

    private String describe() {
        return image.name() + " (" + image.id() + ")";
    }

    public TopicImage apply() {
        if (partitionChanges.isEmpty()) {
            return image;
        }
        Map<Integer, PartitionRegistration> partitions = new HashMap<>(image.partitions());
        partitions.putAll(partitionChanges);
        return new TopicImage(image.name(), image.id(), partitions);
    }

    /** Adds to the lists what {@code brokerId} must do for this topic's changed partitions. */
    void localChanges(int brokerId, List<LocalReplicaChanges.Replica> leaders, List<LocalReplicaChanges.Replica> followers,
            List<LocalReplicaChanges.Replica> deletes) {
        for (Map.Entry<Integer, PartitionRegistration> e : partitionChanges.entrySet()) {
            int partitionId = e.getKey();
            PartitionRegistration now = e.getValue();
            PartitionRegistration before = image.partitions().get(partitionId);
            if (now.equals(before)) {
                continue;
            }
            if (now.hasReplica(brokerId)) {
                var replica = new LocalReplicaChanges.Replica(name(), id(), partitionId, now);
                (now.leader() == brokerId ? leaders : followers).add(replica);
            } else if (before != null && before.hasReplica(brokerId)) {
                deletes.add(new LocalReplicaChanges.Replica(name(), id(), partitionId, before));
            }
        }
    }

    @Override
    public String toString() {
        return "TopicDelta(" + describe() + ", partitionChanges=" + partitionChanges + ")";
    }
}
