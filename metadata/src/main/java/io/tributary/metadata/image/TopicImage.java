package io.tributary.metadata.image;

import io.tributary.protocol.Uuid;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One topic in the metadata image: its name, id and partitions.
 *
 * <p>Immutable and thread safe.
 *
 * @param name       the topic name
 * @param id         the topic id, never {@link Uuid#ZERO_UUID}
 * @param partitions the partitions by partition id, in id order
 */
public record TopicImage(String name, Uuid id, Map<Integer, PartitionRegistration> partitions) {

    public TopicImage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        partitions = Collections.unmodifiableMap(new TreeMap<>(partitions));
    }

    public Optional<PartitionRegistration> partition(int partitionId) {
        return Optional.ofNullable(partitions.get(partitionId));
    }
}
