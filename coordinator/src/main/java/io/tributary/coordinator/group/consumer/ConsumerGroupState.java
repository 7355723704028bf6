package io.tributary.coordinator.group.consumer;

/** The states of a consumer group, with Kafka's names (ListGroups, ConsumerGroupDescribe). */
public enum ConsumerGroupState {

    /** No members. */
    EMPTY("Empty"),
    /** The group epoch moved past the target assignment's: a new target is due. */
    ASSIGNING("Assigning"),
    /** Some member has not reached the target assignment yet. */
    RECONCILING("Reconciling"),
    /** Every member owns its target assignment at the group epoch. */
    STABLE("Stable"),
    /** Deleted; only seen by whoever still holds a reference. */
    DEAD("Dead");

    private final String stateName;

    ConsumerGroupState(String stateName) {
        this.stateName = stateName;
    }

    public String stateName() {
        return stateName;
    }
}
