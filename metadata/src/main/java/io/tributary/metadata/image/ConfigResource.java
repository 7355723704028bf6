package io.tributary.metadata.image;

import java.util.Comparator;
import java.util.Objects;

/**
 * What a configuration belongs to: a topic, a broker (or the cluster-wide broker default, whose
 * name is empty), and so on, with Kafka's resource type ids as {@code ConfigRecord} carries them.
 *
 * @param type the resource type
 * @param name the resource name: a topic name, a broker id in decimal, or empty for the broker default
 */
public record ConfigResource(Type type, String name) implements Comparable<ConfigResource> {

    private static final Comparator<ConfigResource> ORDER =
            Comparator.comparing(ConfigResource::type).thenComparing(ConfigResource::name);

    public ConfigResource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
    }

    public static ConfigResource topic(String name) {
        return new ConfigResource(Type.TOPIC, name);
    }

    public static ConfigResource broker(int brokerId) {
        return new ConfigResource(Type.BROKER, Integer.toString(brokerId));
    }

    /** The resource of configs that apply to every broker without a broker-specific value. */
    public static ConfigResource brokerDefault() {
        return new ConfigResource(Type.BROKER, "");
    }

    @Override
    public int compareTo(ConfigResource other) {
        return ORDER.compare(this, other);
    }

    /** Kafka's {@code ConfigResource.Type}, for the types whose configs live in the metadata log. */
    public enum Type {
        TOPIC((byte) 2),
        BROKER((byte) 4),
        CLIENT_METRICS((byte) 16),
        GROUP((byte) 32);

        private final byte id;

        Type(byte id) {
            this.id = id;
        }

        public byte id() {
            return id;
        }

        /** @throws IllegalStateException for an id that is not one of these types */
        public static Type forId(byte id) {
            for (Type type : values()) {
                if (type.id == id) {
                    return type;
                }
            }
            throw new IllegalStateException("unknown config resource type " + id);
        }
    }
}
