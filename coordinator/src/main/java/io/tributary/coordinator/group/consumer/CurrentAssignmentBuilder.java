package io.tributary.coordinator.group.consumer;

import io.tributary.coordinator.runtime.CoordinatorException;
import io.tributary.protocol.Errors;
import io.tributary.protocol.Uuid;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Moves one member a step towards its target assignment (KIP-848 reconciliation). The rules that
 * keep a partition from ever being owned by two members:
 * <ul>
 *   <li>a member first revokes what is not in its target: it stays at its epoch in
 *       {@link MemberState#UNREVOKED_PARTITIONS} until a heartbeat no longer reports any of them;</li>
 *   <li>then it moves to the target epoch and gets the target partitions no other member owns;
 *       partitions still owned elsewhere leave it in {@link MemberState#UNRELEASED_PARTITIONS}
 *       until their owner releases them.</li>
 * </ul>
 * Pure: it returns the next member (or the same one) and changes nothing.
 */
public final class CurrentAssignmentBuilder {

    private final ConsumerGroupMember member;
    private int targetEpoch;
    private PartitionAssignment target = PartitionAssignment.EMPTY;
    private Set<Uuid> subscribedTopicIds = Set.of();
    private PartitionAssignment ownedPartitions;
    private BiFunction<Uuid, Integer, String> currentOwner = (topicId, partition) -> null;

    public CurrentAssignmentBuilder(ConsumerGroupMember member) {
        this.member = Objects.requireNonNull(member);
    }

    public CurrentAssignmentBuilder withTargetAssignment(int epoch, PartitionAssignment assignment) {
        this.targetEpoch = epoch;
        this.target = Objects.requireNonNull(assignment);
        return this;
    }

    /** The topics the member subscribes to now; partitions of other topics are revoked whatever the target says. */
    public CurrentAssignmentBuilder withSubscribedTopicIds(Set<Uuid> topicIds) {
        this.subscribedTopicIds = Objects.requireNonNull(topicIds);
        return this;
    }

    /** The partitions the heartbeat reports as owned; {@code null} when it did not report them. */
    public CurrentAssignmentBuilder withOwnedPartitions(PartitionAssignment owned) {
        this.ownedPartitions = owned;
        return this;
    }

    /** The member id owning a partition (assigned or pending revocation), or null when it is free. */
    public CurrentAssignmentBuilder withCurrentOwner(BiFunction<Uuid, Integer, String> owner) {
        this.currentOwner = Objects.requireNonNull(owner);
        return this;
    }

    public ConsumerGroupMember build() {
        return switch (member.state()) {
            case STABLE -> member.memberEpoch() == targetEpoch ? member : computeNextAssignment();
            case UNREVOKED_PARTITIONS -> ownsAnyOf(member.partitionsPendingRevocation()) ? member : computeNextAssignment();
            case UNRELEASED_PARTITIONS -> computeNextAssignment();
            case UNKNOWN -> {
                if (ownedPartitions == null || !ownedPartitions.isEmpty()) {
                    throw new CoordinatorException(Errors.FENCED_MEMBER_EPOCH, "The consumer group member is in an unknown state. "
                            + "The member must abandon all its partitions and rejoin.");
                }
                yield computeNextAssignment();
            }
        };
    }

    private boolean ownsAnyOf(PartitionAssignment partitions) {
        // A heartbeat without owned partitions says nothing: assume the worst.
        return ownedPartitions == null || ownedPartitions.intersects(partitions);
    }

    private ConsumerGroupMember computeNextAssignment() {
        Map<Uuid, SortedSet<Integer>> assigned = new TreeMap<>();
        Map<Uuid, SortedSet<Integer>> revoking = new TreeMap<>();
        Map<Uuid, SortedSet<Integer>> toAssign = new TreeMap<>();
        boolean unreleased = false;

        Set<Uuid> topics = new TreeSet<>(target.partitions().keySet());
        topics.addAll(member.assignedPartitions().partitions().keySet());
        for (Uuid topicId : topics) {
            Set<Integer> targetPartitions = subscribedTopicIds.contains(topicId) ? target.partitions(topicId) : Set.of();
            Set<Integer> current = member.assignedPartitions().partitions(topicId);

            SortedSet<Integer> kept = new TreeSet<>(current);
            kept.retainAll(targetPartitions);
            SortedSet<Integer> revoked = new TreeSet<>(current);
            revoked.removeAll(kept);
            SortedSet<Integer> added = new TreeSet<>(targetPartitions);
            added.removeAll(kept);
            for (java.util.Iterator<Integer> it = added.iterator(); it.hasNext(); ) {
                String owner = currentOwner.apply(topicId, it.next());
                if (owner != null && !owner.equals(member.memberId())) {
                    it.remove();
                    unreleased = true;
                }
            }
            putIfNotEmpty(assigned, topicId, kept);
            putIfNotEmpty(revoking, topicId, revoked);
            putIfNotEmpty(toAssign, topicId, added);
        }

        PartitionAssignment pendingRevocation = new PartitionAssignment(revoking);
        if (!pendingRevocation.isEmpty() && ownsAnyOf(pendingRevocation)) {
            return member.withAssignment(member.memberEpoch(), MemberState.UNREVOKED_PARTITIONS,
                    new PartitionAssignment(assigned), pendingRevocation);
        }
        toAssign.forEach((topicId, partitions) -> assigned.computeIfAbsent(topicId, id -> new TreeSet<>()).addAll(partitions));
        MemberState state = unreleased ? MemberState.UNRELEASED_PARTITIONS : MemberState.STABLE;
        return member.withAssignment(targetEpoch, state, new PartitionAssignment(assigned), PartitionAssignment.EMPTY);
    }

    private static void putIfNotEmpty(Map<Uuid, SortedSet<Integer>> map, Uuid topicId, SortedSet<Integer> partitions) {
        if (!partitions.isEmpty()) {
            map.put(topicId, partitions);
        }
    }
}
