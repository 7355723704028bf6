package io.tributary.coordinator.group.consumer;

import io.tributary.protocol.Uuid;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code uniform} assignor (Kafka's default): spreads the partitions as evenly as the
 * subscriptions allow while moving as few as it can.
 * <ol>
 *   <li>every member keeps the partitions it owns that it still subscribes to;</li>
 *   <li>free partitions (topics with the fewest subscribers first) go one by one to the least
 *       loaded subscribed member;</li>
 *   <li>while some member could take a partition from a member owning at least two more, the
 *       partition moves (each move lowers the sum of squared loads, so this ends).</li>
 * </ol>
 * When all members subscribe to the same topics, loads end within one of each other. Ties are
 * broken by member id, so the result is deterministic.
 */
public final class UniformAssignor implements ConsumerGroupAssignor {

    public static final String NAME = "uniform";

    private record TopicPartition(Uuid topicId, int partition) implements Comparable<TopicPartition> {
        @Override
        public int compareTo(TopicPartition o) {
            int c = topicId.compareTo(o.topicId);
            return c != 0 ? c : Integer.compare(partition, o.partition);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, PartitionAssignment> assign(GroupSpec spec) {
        Map<Uuid, List<String>> subscribers = subscribersByTopic(spec);
        Map<String, TreeSet<TopicPartition>> owned = new TreeMap<>();
        spec.members().keySet().forEach(memberId -> owned.put(memberId, new TreeSet<>()));
        Set<TopicPartition> taken = keepCurrentPartitions(spec, owned);
        assignFreePartitions(spec, subscribers, owned, taken);
        balance(subscribers, owned);

        Map<String, PartitionAssignment> result = new TreeMap<>();
        owned.forEach((memberId, partitions) -> {
            Map<Uuid, SortedSet<Integer>> map = new TreeMap<>();
            partitions.forEach(tp -> map.computeIfAbsent(tp.topicId(), id -> new TreeSet<>()).add(tp.partition()));
            result.put(memberId, new PartitionAssignment(map));
        });
        return result;
    }

    private static Map<Uuid, List<String>> subscribersByTopic(GroupSpec spec) {
        Map<Uuid, List<String>> subscribers = new TreeMap<>();
        spec.partitionCounts().keySet().forEach(topicId -> subscribers.put(topicId, new ArrayList<>()));
        spec.members().forEach((memberId, member) -> member.topicIds().forEach(topicId -> {
            List<String> list = subscribers.get(topicId);
            if (list != null) {
                list.add(memberId);
            }
        }));
        return subscribers;
    }

    private static Set<TopicPartition> keepCurrentPartitions(GroupSpec spec, Map<String, TreeSet<TopicPartition>> owned) {
        Set<TopicPartition> taken = new HashSet<>();
        spec.members().forEach((memberId, member) -> member.currentAssignment().partitions().forEach((topicId, partitions) -> {
            Integer count = spec.partitionCounts().get(topicId);
            if (count == null || !member.topicIds().contains(topicId)) {
                return;
            }
            for (int partition : partitions) {
                TopicPartition tp = new TopicPartition(topicId, partition);
                if (partition < count && taken.add(tp)) {
                    owned.get(memberId).add(tp);
                }
            }
        }));
        return taken;
    }

    private static void assignFreePartitions(GroupSpec spec, Map<Uuid, List<String>> subscribers,
                                             Map<String, TreeSet<TopicPartition>> owned, Set<TopicPartition> taken) {
        List<Uuid> topics = new ArrayList<>(subscribers.keySet());
        topics.sort(Comparator.comparingInt((Uuid id) -> subscribers.get(id).size()).thenComparing(id -> id));
        for (Uuid topicId : topics) {
            List<String> candidates = subscribers.get(topicId);
            if (candidates.isEmpty()) {
                continue;
            }
            for (int partition = 0; partition < spec.partitionCounts().get(topicId); partition++) {
                TopicPartition tp = new TopicPartition(topicId, partition);
                if (!taken.contains(tp)) {
                    owned.get(leastLoaded(candidates, owned, null)).add(tp);
                }
            }
        }
    }

    private static void balance(Map<Uuid, List<String>> subscribers, Map<String, TreeSet<TopicPartition>> owned) {
        boolean moved;
        do {
            moved = false;
            List<String> byLoad = new ArrayList<>(owned.keySet());
            byLoad.sort(Comparator.comparingInt((String m) -> -owned.get(m).size()).thenComparing(m -> m));
            for (String from : byLoad) {
                for (TopicPartition tp : new ArrayList<>(owned.get(from).descendingSet())) {
                    String to = leastLoaded(subscribers.get(tp.topicId()), owned, from);
                    if (to != null && owned.get(to).size() + 1 < owned.get(from).size()) {
                        owned.get(from).remove(tp);
                        owned.get(to).add(tp);
                        moved = true;
                    }
                }
            }
        } while (moved);
    }

    private static String leastLoaded(List<String> candidates, Map<String, TreeSet<TopicPartition>> owned, String except) {
        String best = null;
        for (String memberId : candidates) {
            if (memberId.equals(except)) {
                continue;
            }
            if (best == null || owned.get(memberId).size() < owned.get(best).size()
                    || (owned.get(memberId).size() == owned.get(best).size() && memberId.compareTo(best) < 0)) {
                best = memberId;
            }
        }
        return best;
    }
}
