package io.tributary.coordinator.group.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.coordinator.group.consumer.ConsumerGroupAssignor.GroupSpec;
import io.tributary.coordinator.group.consumer.ConsumerGroupAssignor.MemberSubscription;
import io.tributary.protocol.Uuid;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RangeAssignorTest {

    private static final Uuid T1 = new Uuid(1, 1);
    private static final Uuid T2 = new Uuid(1, 2);

    @Test
    void givesEachSubscriberAContiguousRangePerTopicWithExtrasFirst() {
        GroupSpec spec = new GroupSpec(new TreeMap<>(Map.of(
                "a", new MemberSubscription(Set.of(T1, T2), PartitionAssignment.EMPTY),
                "b", new MemberSubscription(Set.of(T1, T2), PartitionAssignment.EMPTY))), new TreeMap<>(Map.of(T1, 3, T2, 3)));

        Map<String, PartitionAssignment> result = new RangeAssignor().assign(spec);

        assertEquals(PartitionAssignment.of(Map.of(T1, Set.of(0, 1), T2, Set.of(0, 1))), result.get("a"));
        assertEquals(PartitionAssignment.of(Map.of(T1, Set.of(2), T2, Set.of(2))), result.get("b"));
    }

    @Test
    void membersNotSubscribedToATopicGetNoneOfIt() {
        GroupSpec spec = new GroupSpec(new TreeMap<>(Map.of(
                "a", new MemberSubscription(Set.of(T1), PartitionAssignment.EMPTY),
                "b", new MemberSubscription(Set.of(T1, T2), PartitionAssignment.EMPTY))), new TreeMap<>(Map.of(T1, 2, T2, 2)));

        Map<String, PartitionAssignment> result = new RangeAssignor().assign(spec);

        assertEquals(PartitionAssignment.of(Map.of(T1, Set.of(0))), result.get("a"));
        assertEquals(PartitionAssignment.of(Map.of(T1, Set.of(1), T2, Set.of(0, 1))), result.get("b"));
    }
}
