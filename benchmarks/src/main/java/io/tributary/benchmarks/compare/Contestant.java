package io.tributary.benchmarks.compare;

import java.util.List;

/** A broker under comparison: Apache Kafka, or Tributary in one of its two flush modes. */
public enum Contestant {
    KAFKA("kafka", "Apache Kafka 4.3.1"),
    /** Tributary's default: an {@code acks=all} produce is answered after its batch is fsynced. */
    TRIBUTARY("tributary", "Tributary, default (fsync before acking acks=all)"),
    /** {@code log.flush.on.acks.all=false}: acknowledged from the page cache, as Kafka does. */
    TRIBUTARY_PAGECACHE("tributary-pagecache", "Tributary, Kafka's page-cache mode (log.flush.on.acks.all=false)");

    private final String id;
    private final String description;

    Contestant(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The name used on the command line ({@code --only}), in file names and in CSV. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public boolean isTributary() {
        return this != KAFKA;
    }

    public static Contestant byId(String id) {
        for (Contestant c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown contestant '" + id + "'; expected one of " + List.of(ids()));
    }

    private static String[] ids() {
        Contestant[] all = values();
        String[] ids = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            ids[i] = all[i].id;
        }
        return ids;
    }
}
