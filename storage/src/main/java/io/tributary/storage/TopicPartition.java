package io.tributary.storage;

import java.util.Comparator;
import java.util.Objects;

/**
 * One partition of one topic: the unit that owns a log directory, a leader epoch and offsets.
 *
 * <p>{@link #toString()} is Kafka's {@code "<topic>-<partition>"}, which is also the name of the
 * partition's directory under a log directory (DESIGN D4); {@link #parse(String)} reads it back.
 * Topic names may themselves contain {@code '-'}, so the partition is what follows the last one.
 *
 * <p>Immutable and thread safe.
 *
 * @param topic     the topic name, not empty
 * @param partition the partition number, {@code >= 0}
 */
public record TopicPartition(String topic, int partition) implements Comparable<TopicPartition> {

    private static final Comparator<TopicPartition> ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    public TopicPartition {
        Objects.requireNonNull(topic, "topic");
        if (topic.isEmpty()) {
            throw new IllegalArgumentException("topic name is empty (partition " + partition + ")");
        }
        if (partition < 0) {
            throw new IllegalArgumentException("partition of topic '" + topic + "' is negative: " + partition);
        }
    }

    /**
     * Parses a partition directory name {@code "<topic>-<partition>"}, splitting at the last
     * {@code '-'}; the partition must be a non-negative decimal number.
     *
     * @throws IllegalArgumentException naming {@code name} if it has no such shape
     */
    public static TopicPartition parse(String name) {
        Objects.requireNonNull(name, "name");
        int dash = name.lastIndexOf('-');
        if (dash <= 0 || dash == name.length() - 1) {
            throw new IllegalArgumentException("'" + name + "' is not of the form <topic>-<partition>");
        }
        String digits = name.substring(dash + 1);
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + name + "': partition '" + digits + "' is not a non-negative number");
        }
        try {
            return new TopicPartition(name.substring(0, dash), Integer.parseInt(digits));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + name + "': partition '" + digits + "' is out of range", e);
        }
    }

    /** Orders by topic name, then partition number. */
    @Override
    public int compareTo(TopicPartition other) {
        return ORDER.compare(this, other);
    }

    /** Kafka's form, {@code "<topic>-<partition>"}, also the partition's directory name. */
    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
