package io.tributary.metadata.image;

import io.tributary.protocol.Uuid;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The topics of the metadata image, by id and by name (both in key order).
 *
 * <p>Immutable and thread safe.
 */
public final class TopicsImage {

    public static final TopicsImage EMPTY = new TopicsImage(Map.of());

    private final Map<Uuid, TopicImage> topicsById;
    private final Map<String, TopicImage> topicsByName;

    /**
     * @param topicsById the topics by id
     * @throws IllegalArgumentException if a key is not its topic's id, or two topics share a name
     */
    public TopicsImage(Map<Uuid, TopicImage> topicsById) {
        TreeMap<Uuid, TopicImage> byId = new TreeMap<>(topicsById);
        TreeMap<String, TopicImage> byName = new TreeMap<>();
        for (Map.Entry<Uuid, TopicImage> e : byId.entrySet()) {
            TopicImage topic = e.getValue();
            if (!topic.id().equals(e.getKey())) {
                throw new IllegalArgumentException("topic " + topic.name() + " with id " + topic.id() + " is keyed by " + e.getKey());
            }
            TopicImage previous = byName.put(topic.name(), topic);
            if (previous != null) {
                throw new IllegalArgumentException("topic name " + topic.name() + " is used by ids " + previous.id() + " and " + topic.id());
            }
        }
        this.topicsById = Collections.unmodifiableMap(byId);
        this.topicsByName = Collections.unmodifiableMap(byName);
    }

    public Map<Uuid, TopicImage> topicsById() {
        return topicsById;
    }

    public Map<String, TopicImage> topicsByName() {
        return topicsByName;
    }

    public Optional<TopicImage> topic(Uuid id) {
        return Optional.ofNullable(topicsById.get(id));
    }

    public Optional<TopicImage> topic(String name) {
        return Optional.ofNullable(topicsByName.get(name));
    }

    public boolean isEmpty() {
        return topicsById.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicsImage other && topicsById.equals(other.topicsById);
    }

    @Override
    public int hashCode() {
        return topicsById.hashCode();
    }

    @Override
    public String toString() {
        return "TopicsImage(" + topicsById.values() + ")";
    }
}
