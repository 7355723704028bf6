package io.tributary.broker.clients.groups;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/** Checks on what a group's members own, read from their last polls. */
final class Assignments {

    /** Long enough for a few rebalances with the short timings of {@link GroupTestBroker#FAST_GROUPS}. */
    static final Duration REBALANCE_TIMEOUT = Duration.ofSeconds(30);

    private Assignments() {
    }

    /**
     * Waits until the members own every partition of {@code topic} exactly once between them and
     * each owns its even share ({@code partitions / members}, one more for some when it does not divide).
     */
    static void awaitEvenSplit(String topic, int partitions, List<GroupMember> members) {
        int low = partitions / members.size();
        int high = partitions % members.size() == 0 ? low : low + 1;
        Await.until(REBALANCE_TIMEOUT, members.size() + " members owning the " + partitions + " partitions of "
                        + topic + " once each, " + low + " to " + high + " each",
                () -> ownedOnceEach(topic, partitions, members)
                        && members.stream().allMatch(m -> m.assignment().size() >= low && m.assignment().size() <= high),
                () -> describe(members));
    }

    /** Waits until the members own every partition of {@code topic} exactly once between them, however split. */
    static void awaitOwnedOnceEach(String topic, int partitions, List<GroupMember> members) {
        Await.until(REBALANCE_TIMEOUT, "the partitions of " + topic + " owned once each",
                () -> ownedOnceEach(topic, partitions, members), () -> describe(members));
    }

    static boolean ownedOnceEach(String topic, int partitions, List<GroupMember> members) {
        Set<TopicPartition> seen = new HashSet<>();
        for (GroupMember member : members) {
            for (TopicPartition partition : member.assignment()) {
                if (!seen.add(partition)) {
                    return false;
                }
            }
        }
        return seen.equals(Set.copyOf(Topics.partitions(topic, partitions)));
    }

    static String describe(List<GroupMember> members) {
        return members.stream().map(GroupMember::toString).collect(Collectors.joining("; "));
    }
}
