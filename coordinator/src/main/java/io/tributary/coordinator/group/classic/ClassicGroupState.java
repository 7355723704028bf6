package io.tributary.coordinator.group.classic;

/**
 * The states of a classic group, with Kafka's names (DescribeGroups, ListGroups):
 *
 * <pre>
 *   Empty ──join──▶ PreparingRebalance ──all joined / timeout──▶ CompletingRebalance ──leader sync──▶ Stable
 *     ▲                  ▲   │ no member left                          │ join, leave, expiry         │
 *     └──────────────────┼───┘                                          ▼                            │
 *                        └──────────────────────────────────────────────┴────── join, leave, expiry ─┘
 *   any ──deleted──▶ Dead
 * </pre>
 */
public enum ClassicGroupState {
    EMPTY("Empty"),
    PREPARING_REBALANCE("PreparingRebalance"),
    COMPLETING_REBALANCE("CompletingRebalance"),
    STABLE("Stable"),
    DEAD("Dead");

    private final String stateName;

    ClassicGroupState(String stateName) {
        this.stateName = stateName;
    }

    public String stateName() {
        return stateName;
    }
}
