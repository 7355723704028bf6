package io.tributary.metadata.image;

import io.tributary.metadata.record.BrokerRegistrationChangeRecord;
import io.tributary.metadata.record.ConfigRecord;
import io.tributary.metadata.record.FeatureLevelRecord;
import io.tributary.metadata.record.FenceBrokerRecord;
import io.tributary.metadata.record.PartitionChangeRecord;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.ProducerIdsRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.record.RemoveTopicRecord;
import io.tributary.metadata.record.TopicRecord;
import io.tributary.metadata.record.UnfenceBrokerRecord;
import io.tributary.metadata.record.UnregisterBrokerRecord;
import io.tributary.protocol.ApiMessage;
import io.tributary.protocol.Uuid;
import java.util.ArrayList;
import java.util.List;

/** Builders for the records a controller writes, and replay of a list of them, for readable tests. */
final class TestRecords {

    private TestRecords() {
    }

    /** The image after replaying {@code records} onto {@code image} in one delta, at the next offsets. */
    static MetadataImage replay(MetadataImage image, ApiMessage... records) {
        return replay(image, List.of(records));
    }

    static MetadataImage replay(MetadataImage image, List<? extends ApiMessage> records) {
        MetadataDelta delta = new MetadataDelta(image);
        records.forEach(delta::replay);
        return delta.apply(after(image.provenance(), records.size()));
    }

    static MetadataProvenance after(MetadataProvenance provenance, int records) {
        return new MetadataProvenance(provenance.lastContainedOffset() + records, 1, 1_000L + provenance.lastContainedOffset() + records);
    }

    static TopicRecord topic(String name, Uuid id) {
        return new TopicRecord().setName(name).setTopicId(id);
    }

    /** A new partition led by the first replica, every replica in the ISR, epochs 0. */
    static PartitionRecord partition(Uuid topicId, int partitionId, Integer... replicas) {
        return new PartitionRecord()
                .setTopicId(topicId)
                .setPartitionId(partitionId)
                .setReplicas(List.of(replicas))
                .setIsr(List.of(replicas))
                .setLeader(replicas.length == 0 ? PartitionRegistration.NO_LEADER : replicas[0])
                .setLeaderEpoch(0)
                .setPartitionEpoch(0);
    }

    static PartitionChangeRecord partitionChange(Uuid topicId, int partitionId) {
        return new PartitionChangeRecord().setTopicId(topicId).setPartitionId(partitionId);
    }

    static RemoveTopicRecord removeTopic(Uuid id) {
        return new RemoveTopicRecord().setTopicId(id);
    }

    static ConfigRecord topicConfig(String topic, String key, String value) {
        return config(ConfigResource.Type.TOPIC, topic, key, value);
    }

    static ConfigRecord config(ConfigResource.Type type, String resource, String key, String value) {
        return new ConfigRecord().setResourceType(type.id()).setResourceName(resource).setName(key).setValue(value);
    }

    static RegisterBrokerRecord registerBroker(int brokerId, long epoch) {
        List<RegisterBrokerRecord.BrokerEndpoint> endpoints = new ArrayList<>();
        endpoints.add(new RegisterBrokerRecord.BrokerEndpoint()
                .setName("PLAINTEXT").setHost("broker-" + brokerId).setPort(9092).setSecurityProtocol((short) 0));
        return new RegisterBrokerRecord()
                .setBrokerId(brokerId)
                .setBrokerEpoch(epoch)
                .setIncarnationId(new Uuid(brokerId, epoch))
                .setEndPoints(endpoints)
                .setFenced(true);
    }

    static UnregisterBrokerRecord unregisterBroker(int brokerId, long epoch) {
        return new UnregisterBrokerRecord().setBrokerId(brokerId).setBrokerEpoch(epoch);
    }

    static FenceBrokerRecord fenceBroker(int brokerId, long epoch) {
        return new FenceBrokerRecord().setId(brokerId).setEpoch(epoch);
    }

    static UnfenceBrokerRecord unfenceBroker(int brokerId, long epoch) {
        return new UnfenceBrokerRecord().setId(brokerId).setEpoch(epoch);
    }

    static BrokerRegistrationChangeRecord brokerChange(int brokerId, long epoch) {
        return new BrokerRegistrationChangeRecord().setBrokerId(brokerId).setBrokerEpoch(epoch);
    }

    static FeatureLevelRecord featureLevel(String name, int level) {
        return new FeatureLevelRecord().setName(name).setFeatureLevel((short) level);
    }

    static ProducerIdsRecord producerIds(int brokerId, long nextProducerId) {
        return new ProducerIdsRecord().setBrokerId(brokerId).setBrokerEpoch(1).setNextProducerId(nextProducerId);
    }
}
