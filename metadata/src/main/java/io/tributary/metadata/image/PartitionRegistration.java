package io.tributary.metadata.image;

import io.tributary.metadata.record.PartitionChangeRecord;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.protocol.Uuid;
import java.util.ArrayList;
import java.util.List;

/**
 * One partition's state in the metadata image: its replicas and where they live, the ISR, the
 * leader and the epochs. Built from a {@link PartitionRecord} and changed only by merging a
 * {@link PartitionChangeRecord}, with Kafka's rules: any change bumps the partition epoch; naming a
 * leader (even the same one) bumps the leader epoch.
 *
 * <p>Immutable and thread safe.
 *
 * @param replicas            the replicas, in preferred order
 * @param directories         the log directory of each replica, in the order of {@code replicas}; empty
 *                            when unknown (records of version 0)
 * @param isr                 the in-sync replicas
 * @param removingReplicas    replicas being removed by a reassignment
 * @param addingReplicas      replicas being added by a reassignment
 * @param leader              the leader's broker id, or {@link #NO_LEADER}
 * @param leaderRecoveryState whether the leader is recovering from an unclean election
 * @param leaderEpoch         the leader epoch
 * @param partitionEpoch      the epoch of the registration, bumped by every change
 * @throws IllegalStateException if there are directories but not one for each replica
 */
public record PartitionRegistration(
        List<Integer> replicas,
        List<Uuid> directories,
        List<Integer> isr,
        List<Integer> removingReplicas,
        List<Integer> addingReplicas,
        int leader,
        LeaderRecoveryState leaderRecoveryState,
        int leaderEpoch,
        int partitionEpoch) {

    /** The leader of a partition that has none. */
    public static final int NO_LEADER = -1;
    /** The leader a {@code PartitionChangeRecord} carries when the leader does not change. */
    public static final int NO_LEADER_CHANGE = -2;

    public PartitionRegistration {
        replicas = List.copyOf(replicas);
        directories = List.copyOf(directories);
        isr = List.copyOf(isr);
        removingReplicas = List.copyOf(removingReplicas);
        addingReplicas = List.copyOf(addingReplicas);
        if (leaderRecoveryState == null) {
            throw new NullPointerException("leaderRecoveryState");
        }
        if (!directories.isEmpty() && directories.size() != replicas.size()) {
            throw new IllegalStateException(directories.size() + " directories " + directories + " for "
                    + replicas.size() + " replicas " + replicas);
        }
    }

    /**
     * The registration a {@link PartitionRecord} describes.
     *
     * @throws IllegalStateException if the record is inconsistent (directories not matching replicas,
     *                               an unknown leader recovery state)
     */
    public static PartitionRegistration fromRecord(PartitionRecord record) {
        return new PartitionRegistration(
                record.replicas(),
                record.directories(),
                record.isr(),
                record.removingReplicas(),
                record.addingReplicas(),
                record.leader(),
                LeaderRecoveryState.of(record.leaderRecoveryState()),
                record.leaderEpoch(),
                record.partitionEpoch());
    }

    /**
     * This registration with {@code change} applied: null lists and {@link #NO_LEADER_CHANGE} keep
     * what is here. When the replicas change without new directories, retained replicas keep their
     * directory and new ones get {@link Uuid#ZERO_UUID} (Kafka's "unassigned").
     *
     * @throws IllegalStateException if the change leaves the registration inconsistent
     */
    public PartitionRegistration merge(PartitionChangeRecord change) {
        List<Integer> newReplicas = change.replicas() == null ? replicas : change.replicas();
        List<Uuid> newDirectories = change.directories() != null
                ? change.directories()
                : directoriesFor(newReplicas);
        boolean leaderChanges = change.leader() != NO_LEADER_CHANGE;
        return new PartitionRegistration(
                newReplicas,
                newDirectories,
                change.isr() == null ? isr : change.isr(),
                change.removingReplicas() == null ? removingReplicas : change.removingReplicas(),
                change.addingReplicas() == null ? addingReplicas : change.addingReplicas(),
                leaderChanges ? change.leader() : leader,
                leaderRecoveryState.changeTo(change.leaderRecoveryState()),
                leaderChanges ? leaderEpoch + 1 : leaderEpoch,
                partitionEpoch + 1);
    }

    private List<Uuid> directoriesFor(List<Integer> newReplicas) {
        if (directories.isEmpty() || newReplicas.equals(replicas)) {
            return directories;
        }
        List<Uuid> result = new ArrayList<>(newReplicas.size());
        for (int replica : newReplicas) {
            int index = replicas.indexOf(replica);
            result.add(index < 0 ? Uuid.ZERO_UUID : directories.get(index));
        }
        return result;
    }

    /** This registration as the {@link PartitionRecord} that recreates it. */
    public PartitionRecord toRecord(Uuid topicId, int partitionId) {
        return new PartitionRecord()
                .setTopicId(topicId)
                .setPartitionId(partitionId)
                .setReplicas(new ArrayList<>(replicas))
                .setDirectories(new ArrayList<>(directories))
                .setIsr(new ArrayList<>(isr))
                .setRemovingReplicas(new ArrayList<>(removingReplicas))
                .setAddingReplicas(new ArrayList<>(addingReplicas))
                .setLeader(leader)
                .setLeaderRecoveryState(leaderRecoveryState.value())
                .setLeaderEpoch(leaderEpoch)
                .setPartitionEpoch(partitionEpoch);
    }

    public boolean hasLeader() {
        return leader != NO_LEADER;
    }

    /** Whether {@code brokerId} holds a replica of this partition. */
    public boolean hasReplica(int brokerId) {
        return replicas.contains(brokerId);
    }
}
