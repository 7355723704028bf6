package io.tributary.coordinator.group.consumer;

import io.tributary.protocol.Uuid;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A server-side assignor (KIP-848 {@code group.consumer.assignors}): maps the members' resolved
 * subscriptions onto the partitions of the subscribed topics. Implementations are deterministic
 * (the same spec gives the same assignment), stateless and called on the shard's thread.
 */
public interface ConsumerGroupAssignor {

    /** The name clients ask for in {@code ServerAssignor}. */
    String name();

    /**
     * @return the target assignment of every member of {@code spec}; each partition of a subscribed
     *         topic goes to at most one member, and only to a member subscribed to its topic
     */
    Map<String, PartitionAssignment> assign(GroupSpec spec);

    /**
     * What an assignor sees of a group.
     *
     * @param members         the members by id (sorted)
     * @param partitionCounts the number of partitions of each subscribed topic that exists (sorted)
     */
    record GroupSpec(SortedMap<String, MemberSubscription> members, SortedMap<Uuid, Integer> partitionCounts) {

        public GroupSpec {
            members = Collections.unmodifiableSortedMap(new TreeMap<>(members));
            partitionCounts = Collections.unmodifiableSortedMap(new TreeMap<>(partitionCounts));
        }
    }

    /**
     * One member as an assignor sees it.
     *
     * @param topicIds          the existing topics it subscribes to
     * @param currentAssignment what it owns now (assigned and pending revocation), for stickiness
     */
    record MemberSubscription(Set<Uuid> topicIds, PartitionAssignment currentAssignment) {

        public MemberSubscription {
            topicIds = Set.copyOf(topicIds);
        }
    }
}
