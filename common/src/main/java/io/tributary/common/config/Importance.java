package io.tributary.common.config;

/** How much an operator should care about a setting; Kafka's three levels, used to order documentation. */
public enum Importance {
    HIGH,
    MEDIUM,
    LOW
}
