package io.tributary.metadata.image;

import io.tributary.protocol.Uuid;
import java.util.List;

/**
 * What one broker must do with its replicas after a {@link TopicsDelta}: the partitions it now
 * leads, those it now follows, and the replicas it must delete (topic deleted, or the broker
 * removed from the partition's replicas). Only partitions the delta touched are listed, in topic id
 * then partition order.
 *
 * @param leaders   partitions whose new registration names this broker as leader
 * @param followers partitions where this broker is a replica but not the leader
 * @param deletes   replicas on this broker that no longer belong there, with their last registration
 */
public record LocalReplicaChanges(List<Replica> leaders, List<Replica> followers, List<Replica> deletes) {

    public LocalReplicaChanges {
        leaders = List.copyOf(leaders);
        followers = List.copyOf(followers);
        deletes = List.copyOf(deletes);
    }

    public boolean isEmpty() {
        return leaders.isEmpty() && followers.isEmpty() && deletes.isEmpty();
    }

    /**
     * One partition's replica on the broker.
     *
     * @param topicName    the topic's name
     * @param topicId      the topic's id
     * @param partitionId  the partition
     * @param registration the partition's registration after the delta (before it, for a delete)
     */
    public record Replica(String topicName, Uuid topicId, int partitionId, PartitionRegistration registration) {
    }
}
