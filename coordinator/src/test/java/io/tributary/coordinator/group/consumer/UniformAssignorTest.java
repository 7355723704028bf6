package io.tributary.coordinator.group.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.coordinator.group.consumer.ConsumerGroupAssignor.GroupSpec;
import io.tributary.coordinator.group.consumer.ConsumerGroupAssignor.MemberSubscription;
import io.tributary.protocol.Uuid;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class UniformAssignorTest {

    private static final Uuid T1 = new Uuid(1, 1);
    private static final Uuid T2 = new Uuid(1, 2);
    private final UniformAssignor assignor = new UniformAssignor();

    private static MemberSubscription subscribes(PartitionAssignment current, Uuid... topics) {
        return new MemberSubscription(Set.of(topics), current);
    }

    private static GroupSpec spec(Map<String, MemberSubscription> members, Map<Uuid, Integer> partitionCounts) {
        return new GroupSpec(new TreeMap<>(members), new TreeMap<>(partitionCounts));
    }

    @Test
    void spreadsPartitionsEvenlyAcrossMembers() {
        Map<String, PartitionAssignment> result = assignor.assign(spec(Map.of(
                "a", subscribes(PartitionAssignment.EMPTY, T1, T2),
                "b", subscribes(PartitionAssignment.EMPTY, T1, T2),
                "c", subscribes(PartitionAssignment.EMPTY, T1, T2)), Map.of(T1, 4, T2, 3)));

        Set<String> all = new HashSet<>();
        result.forEach((member, partitions) -> {
            assertTrue(partitions.size() == 2 || partitions.size() == 3, member + " has " + partitions);
            partitions.partitions().forEach((t, ps) -> ps.forEach(p -> assertTrue(all.add(t + "-" + p))));
        });
        assertEquals(7, all.size());
    }

    @Test
    void keepsCurrentOwnersWhereBalanced() {
        PartitionAssignment aOwns = ConsumerGroupTestContext.partitions(T1, 0, 1, 2);
        PartitionAssignment bOwns = ConsumerGroupTestContext.partitions(T1, 3, 4, 5);

        Map<String, PartitionAssignment> result = assignor.assign(spec(Map.of(
                "a", subscribes(aOwns, T1), "b", subscribes(bOwns, T1), "c", subscribes(PartitionAssignment.EMPTY, T1)),
                Map.of(T1, 6)));

        assertTrue(result.get("a").isSubsetOf(aOwns));
        assertTrue(result.get("b").isSubsetOf(bOwns));
        assertEquals(2, result.get("a").size());
        assertEquals(2, result.get("b").size());
        assertEquals(2, result.get("c").size());
    }

    @Test
    void assignsTopicsOnlyToTheirSubscribers() {
        Map<String, PartitionAssignment> result = assignor.assign(spec(Map.of(
                "a", subscribes(PartitionAssignment.EMPTY, T1),
                "b", subscribes(PartitionAssignment.EMPTY, T2)), Map.of(T1, 2, T2, 2)));

        assertEquals(ConsumerGroupTestContext.partitions(T1, 0, 1), result.get("a"));
        assertEquals(ConsumerGroupTestContext.partitions(T2, 0, 1), result.get("b"));
    }
}
