package io.tributary.broker.api;

import io.tributary.metadata.image.ConfigResource;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.MetadataProvenance;
import io.tributary.metadata.record.ConfigRecord;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.record.TopicRecord;
import io.tributary.protocol.ApiMessage;
import io.tributary.protocol.Uuid;
import java.util.ArrayList;
import java.util.List;

/**
 * A metadata image built the only way images are built: by replaying the records a controller
 * writes. Brokers listen on {@code PLAINTEXT}; each topic's id is derived from its name so tests
 * can predict it.
 */
final class TestImage {

    static final String LISTENER = "PLAINTEXT";

    private final List<ApiMessage> records = new ArrayList<>();

    static TestImage create() {
        return new TestImage();
    }

    /** An unfenced broker reachable on {@link #LISTENER}. */
    TestImage broker(int id) {
        return broker(id, false, List.of(LISTENER), List.of());
    }

    TestImage broker(int id, boolean fenced, List<String> listeners, List<Uuid> logDirs) {
        RegisterBrokerRecord record = new RegisterBrokerRecord().setBrokerId(id).setBrokerEpoch(10)
                .setIncarnationId(new Uuid(id, 1)).setFenced(fenced).setLogDirs(new ArrayList<>(logDirs));
        for (String listener : listeners) {
            record.endPoints().add(new RegisterBrokerRecord.BrokerEndpoint().setName(listener)
                    .setHost("broker-" + id).setPort(9092).setSecurityProtocol((short) 0));
        }
        records.add(record);
        return this;
    }

    /** A topic with {@code partitions} partitions, each replicated on {@code replicas}, led by the first. */
    TestImage topic(String name, int partitions, Integer... replicas) {
        records.add(new TopicRecord().setName(name).setTopicId(topicId(name)));
        for (int p = 0; p < partitions; p++) {
            partition(name, p, List.of(replicas), List.of(replicas), replicas[0], 0, List.of());
        }
        return this;
    }

    TestImage partition(String topic, int id, List<Integer> replicas, List<Integer> isr, int leader, int leaderEpoch,
                        List<Uuid> directories) {
        records.add(new PartitionRecord().setTopicId(topicId(topic)).setPartitionId(id)
                .setReplicas(new ArrayList<>(replicas)).setIsr(new ArrayList<>(isr)).setLeader(leader)
                .setLeaderEpoch(leaderEpoch).setPartitionEpoch(0).setDirectories(new ArrayList<>(directories)));
        return this;
    }

    TestImage topicConfig(String topic, String key, String value) {
        return config(ConfigResource.Type.TOPIC, topic, key, value);
    }

    /** A dynamic broker config: {@code broker} is a node id, or "" for the cluster-wide default. */
    TestImage brokerConfig(String broker, String key, String value) {
        return config(ConfigResource.Type.BROKER, broker, key, value);
    }

    TestImage config(ConfigResource.Type type, String resource, String key, String value) {
        records.add(new ConfigRecord().setResourceType(type.id()).setResourceName(resource).setName(key).setValue(value));
        return this;
    }

    MetadataImage build() {
        MetadataDelta delta = new MetadataDelta(MetadataImage.EMPTY);
        records.forEach(delta::replay);
        return delta.apply(new MetadataProvenance(records.size() - 1, 0, 1_000L));
    }

    /** The id {@link #topic} gives {@code name}. */
    static Uuid topicId(String name) {
        return new Uuid(name.hashCode() | 1L << 40, name.length() + 1L);
    }
}
