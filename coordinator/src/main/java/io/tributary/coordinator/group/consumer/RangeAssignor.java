package io.tributary.coordinator.group.consumer;

import io.tributary.protocol.Uuid;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code range} assignor: topic by topic, the members subscribed to the topic (in member id
 * order) each get a contiguous range of its partitions; the first {@code partitions % members}
 * members get one more. Members subscribing to the same topics with the same partition counts
 * therefore get the same partition numbers of every topic (co-partitioning, as joins need).
 */
public final class RangeAssignor implements ConsumerGroupAssignor {

    public static final String NAME = "range";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, PartitionAssignment> assign(GroupSpec spec) {
        Map<String, Map<Uuid, SortedSet<Integer>>> result = new TreeMap<>();
        spec.members().keySet().forEach(memberId -> result.put(memberId, new TreeMap<>()));
        spec.partitionCounts().forEach((topicId, partitionCount) -> {
            List<String> subscribers = new ArrayList<>();
            spec.members().forEach((memberId, member) -> {
                if (member.topicIds().contains(topicId)) {
                    subscribers.add(memberId);
                }
            });
            if (subscribers.isEmpty()) {
                return;
            }
            int quota = partitionCount / subscribers.size();
            int extra = partitionCount % subscribers.size();
            int next = 0;
            for (int i = 0; i < subscribers.size(); i++) {
                int count = quota + (i < extra ? 1 : 0);
                SortedSet<Integer> range = new TreeSet<>();
                for (int p = next; p < next + count; p++) {
                    range.add(p);
                }
                next += count;
                if (!range.isEmpty()) {
                    result.get(subscribers.get(i)).put(topicId, range);
                }
            }
        });
        Map<String, PartitionAssignment> assignments = new TreeMap<>();
        result.forEach((memberId, partitions) -> assignments.put(memberId, new PartitionAssignment(partitions)));
        return assignments;
    }
}
