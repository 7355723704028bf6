package io.tributary.coordinator.group.consumer;

import io.tributary.coordinator.record.ConsumerGroupCurrentMemberAssignmentValue;
import io.tributary.protocol.Uuid;
import io.tributary.protocol.message.ConsumerGroupHeartbeatRequestData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A set of partitions by topic id: what a member owns, must revoke, or is targeted to own.
 * Immutable; topics without partitions are dropped, so two equal sets of partitions are equal.
 */
public record PartitionAssignment(Map<Uuid, SortedSet<Integer>> partitions) {

    public static final PartitionAssignment EMPTY = new PartitionAssignment(Map.of());

    public PartitionAssignment {
        TreeMap<Uuid, SortedSet<Integer>> copy = new TreeMap<>();
        partitions.forEach((topicId, ids) -> {
            if (!ids.isEmpty()) {
                copy.put(topicId, Collections.unmodifiableSortedSet(new TreeSet<>(ids)));
            }
        });
        partitions = Collections.unmodifiableSortedMap(copy);
    }

    public static PartitionAssignment of(Map<Uuid, ? extends Set<Integer>> partitions) {
        Map<Uuid, SortedSet<Integer>> sorted = new TreeMap<>();
        partitions.forEach((topicId, ids) -> sorted.put(topicId, new TreeSet<>(ids)));
        return new PartitionAssignment(sorted);
    }

    public static PartitionAssignment fromRecord(List<ConsumerGroupCurrentMemberAssignmentValue.TopicPartitions> topics) {
        Map<Uuid, SortedSet<Integer>> map = new TreeMap<>();
        for (ConsumerGroupCurrentMemberAssignmentValue.TopicPartitions topic : topics) {
            map.computeIfAbsent(topic.topicId(), id -> new TreeSet<>()).addAll(topic.partitions());
        }
        return new PartitionAssignment(map);
    }

    /** What a heartbeat reports as owned; {@code null} (not reported) stays {@code null}. */
    public static PartitionAssignment fromRequest(List<ConsumerGroupHeartbeatRequestData.TopicPartitions> topics) {
        if (topics == null) {
            return null;
        }
        Map<Uuid, SortedSet<Integer>> map = new TreeMap<>();
        for (ConsumerGroupHeartbeatRequestData.TopicPartitions topic : topics) {
            map.computeIfAbsent(topic.topicId(), id -> new TreeSet<>()).addAll(topic.partitions());
        }
        return new PartitionAssignment(map);
    }

    public List<ConsumerGroupCurrentMemberAssignmentValue.TopicPartitions> toRecord() {
        List<ConsumerGroupCurrentMemberAssignmentValue.TopicPartitions> topics = new ArrayList<>();
        partitions.forEach((topicId, ids) -> topics.add(new ConsumerGroupCurrentMemberAssignmentValue.TopicPartitions()
                .setTopicId(topicId).setPartitions(new ArrayList<>(ids))));
        return topics;
    }

    public Set<Integer> partitions(Uuid topicId) {
        return partitions.getOrDefault(topicId, Collections.emptySortedSet());
    }

    public boolean contains(Uuid topicId, int partition) {
        return partitions(topicId).contains(partition);
    }

    public boolean isEmpty() {
        return partitions.isEmpty();
    }

    public int size() {
        return partitions.values().stream().mapToInt(Set::size).sum();
    }

    /** Whether every partition of this set is also in {@code other}. */
    public boolean isSubsetOf(PartitionAssignment other) {
        for (Map.Entry<Uuid, SortedSet<Integer>> e : partitions.entrySet()) {
            if (!other.partitions(e.getKey()).containsAll(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Whether any partition of this set is also in {@code other}. */
    public boolean intersects(PartitionAssignment other) {
        for (Map.Entry<Uuid, SortedSet<Integer>> e : partitions.entrySet()) {
            for (int partition : e.getValue()) {
                if (other.contains(e.getKey(), partition)) {
                    return true;
                }
            }
        }
        return false;
    }
}
