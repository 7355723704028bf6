package io.tributary.coordinator.group.consumer;

/**
 * Where a member is in its reconciliation towards the group's target assignment, with Kafka's
 * byte values as written in {@code ConsumerGroupCurrentMemberAssignmentValue.State}.
 */
public enum MemberState {

    /** The member owns exactly its share of the target assignment of its epoch. */
    STABLE((byte) 0),
    /** The member must revoke partitions (still at its old epoch) before it may move on. */
    UNREVOKED_PARTITIONS((byte) 1),
    /** The member is at the new epoch but waits for partitions other members still own. */
    UNRELEASED_PARTITIONS((byte) 2),
    /** A state written by a newer version; the member is fenced on its next heartbeat. */
    UNKNOWN((byte) 127);

    private final byte value;

    MemberState(byte value) {
        this.value = value;
    }

    public byte value() {
        return value;
    }

    public static MemberState fromValue(byte value) {
        for (MemberState state : values()) {
            if (state.value == value) {
                return state;
            }
        }
        return UNKNOWN;
    }
}
