package io.tributary.coordinator.group;

import io.tributary.coordinator.runtime.CoordinatorException;
import io.tributary.coordinator.runtime.CoordinatorRecord;
import java.util.List;

/**
 * A group of either protocol, as the offset, list, describe and delete paths see it. Group ids
 * share one namespace: an id is a classic group or a consumer group, never both.
 */
public interface Group {

    enum Type {
        CLASSIC("classic"), CONSUMER("consumer");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        /** The name in ListGroups v5+ ({@code GroupType}) and its filters. */
        public String wireName() {
            return wireName;
        }
    }

    String groupId();

    Type type();

    /**
     * Kafka's state name: classic groups {@code Empty}, {@code PreparingRebalance},
     * {@code CompletingRebalance}, {@code Stable}, {@code Dead}; consumer groups {@code Empty},
     * {@code Assigning}, {@code Reconciling}, {@code Stable}, {@code Dead}.
     */
    String stateName();

    /** The protocol type ({@code consumer} for consumers; a classic group's may be anything or empty). */
    String protocolType();

    /** No members: offsets may be expired and the group deleted. */
    boolean isEmpty();

    /**
     * Checks an OffsetCommit (or TxnOffsetCommit) against the group's members.
     *
     * @param generationIdOrMemberEpoch the classic generation id or the KIP-848 member epoch; -1
     *                                  from admin clients and consumers without group membership
     * @throws CoordinatorException with Kafka's error (UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION,
     *                              FENCED_INSTANCE_ID, REBALANCE_IN_PROGRESS, STALE_MEMBER_EPOCH, ...)
     */
    void validateOffsetCommit(String memberId, String groupInstanceId, int generationIdOrMemberEpoch, boolean transactional,
                              short apiVersion);

    /**
     * Checks an OffsetFetch that names a member (v9+, KIP-848 consumers); classic groups accept any.
     *
     * @throws CoordinatorException UNKNOWN_MEMBER_ID or STALE_MEMBER_EPOCH
     */
    void validateOffsetFetch(String memberId, int memberEpoch);

    /**
     * Checks a DeleteGroups.
     *
     * @throws CoordinatorException NON_EMPTY_GROUP while the group has members
     */
    void validateDeleteGroup();

    /**
     * Checks an OffsetDelete before any partition is looked at.
     *
     * @throws CoordinatorException GROUP_ID_NOT_FOUND for a dead group, NON_EMPTY_GROUP for a
     *                              classic group with members whose protocol type is not {@code consumer}
     */
    void validateOffsetDelete();

    /** Tombstones for the group's own records (not its offsets), written when it is deleted. */
    List<CoordinatorRecord> deletionRecords();

    /** Whether a member subscribes to {@code topic} (OffsetDelete answers GROUP_SUBSCRIBED_TO_TOPIC). */
    boolean isSubscribedTo(String topic);
}
