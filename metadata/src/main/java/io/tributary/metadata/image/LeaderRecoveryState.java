package io.tributary.metadata.image;

/**
 * Whether a partition's leader is recovering from an unclean election (KIP-704), with Kafka's
 * values as they appear in {@code PartitionRecord} and {@code PartitionChangeRecord}.
 */
public enum LeaderRecoveryState {

    /** The leader was elected from the ISR, or has finished recovering. */
    RECOVERED((byte) 0),
    /** The leader was elected by unclean election and has not yet recovered. */
    RECOVERING((byte) 1);

    /** The value a {@code PartitionChangeRecord} carries when the state does not change. */
    public static final byte NO_CHANGE = -1;

    private final byte value;

    LeaderRecoveryState(byte value) {
        this.value = value;
    }

    public byte value() {
        return value;
    }

    /** @throws IllegalStateException for a value Kafka does not define */
    public static LeaderRecoveryState of(byte value) {
        return switch (value) {
            case 0 -> RECOVERED;
            case 1 -> RECOVERING;
            default -> throw new IllegalStateException("unknown leader recovery state " + value);
        };
    }

    /** The state after a {@code PartitionChangeRecord} carrying {@code change}. */
    LeaderRecoveryState changeTo(byte change) {
        return change == NO_CHANGE ? this : of(change);
    }
}
