package io.tributary.broker.coordinator;

import io.tributary.metadata.image.LocalReplicaChanges;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.MetadataListener;
import java.util.function.IntConsumer;

/**
 * Tells a coordinator which partitions of its state topic this node leads (DESIGN D9: a
 * coordinator loads a partition's state when it becomes its leader). Registered after the
 * partitions publisher, so the partition's log is hosted before its shard loads.
 */
public final class CoordinatorElections implements MetadataListener {

    /** What a coordinator does on a leadership change. */
    public interface Coordinator {
        void onElection(int partition, int leaderEpoch);

        void onResignation(int partition);
    }

    private final String topic;
    private final int nodeId;
    private final Coordinator coordinator;

    public CoordinatorElections(String topic, int nodeId, Coordinator coordinator) {
        this.topic = topic;
        this.nodeId = nodeId;
        this.coordinator = coordinator;
    }

    @Override
    public String name() {
        return "coordinator-elections(" + topic + ")";
    }

    @Override
    public void onMetadataUpdate(MetadataDelta delta, MetadataImage newImage) {
        delta.topicsDelta().ifPresent(topics -> {
            LocalReplicaChanges changes = topics.localChanges(nodeId);
            for (LocalReplicaChanges.Replica leader : changes.leaders()) {
                if (leader.topicName().equals(topic)) {
                    coordinator.onElection(leader.partitionId(), leader.registration().leaderEpoch());
                }
            }
            for (LocalReplicaChanges.Replica other : changes.followers()) {
                resign(other, coordinator::onResignation);
            }
            for (LocalReplicaChanges.Replica deleted : changes.deletes()) {
                resign(deleted, coordinator::onResignation);
            }
        });
    }

    private void resign(LocalReplicaChanges.Replica replica, IntConsumer resignation) {
        if (replica.topicName().equals(topic)) {
            resignation.accept(replica.partitionId());
        }
    }
}
