package io.tributary.metadata.image;

import io.tributary.metadata.MetadataRecordType;
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
import java.util.Objects;
import java.util.Optional;

/**
 * The changes that records make to a {@link MetadataImage}: the only way metadata changes (DESIGN
 * D7). Replay records in log order with {@link #replay}, then {@link #apply} gives the new image;
 * the base image is never modified. Replaying records one delta at a time or all in one delta gives
 * the same final image.
 *
 * <pre>{@code
 * MetadataDelta delta = new MetadataDelta(image);
 * for (ApiMessageAndVersion record : batch) {
 *     delta.replay(record.message());
 * }
 * MetadataImage next = delta.apply(new MetadataProvenance(lastOffset, epoch, appendTimeMs));
 * listeners.forEach(l -> l.onMetadataUpdate(delta, next));
 * }</pre>
 *
 * <p>Records are trusted (only controllers write the log), so one that cannot occur in a correct
 * log, such as a partition of an unknown topic, throws {@link IllegalStateException} naming the
 * record: continuing would build a wrong image. The delta is then unusable.
 *
 * <p>Not thread safe: owned by the thread replaying the metadata log. Once applied it refuses
 * further records and may be read by the listeners on that thread.
 */
public final class MetadataDelta {

    private final MetadataImage image;
    private FeaturesDelta featuresDelta;
    private ClusterDelta clusterDelta;
    private TopicsDelta topicsDelta;
    private ConfigurationsDelta configsDelta;
    private ProducerIdsDelta producerIdsDelta;
    private boolean applied;

    public MetadataDelta(MetadataImage image) {
        this.image = Objects.requireNonNull(image, "image");
    }

    /** The image the records are replayed onto. */
    public MetadataImage image() {
        return image;
    }

    public Optional<FeaturesDelta> featuresDelta() {
        return Optional.ofNullable(featuresDelta);
    }

    public Optional<ClusterDelta> clusterDelta() {
        return Optional.ofNullable(clusterDelta);
    }

    public Optional<TopicsDelta> topicsDelta() {
        return Optional.ofNullable(topicsDelta);
    }

    public Optional<ConfigurationsDelta> configsDelta() {
        return Optional.ofNullable(configsDelta);
    }

    public Optional<ProducerIdsDelta> producerIdsDelta() {
        return Optional.ofNullable(producerIdsDelta);
    }

    /**
     * Applies one record.
     *
     * @throws IllegalArgumentException if {@code record} is not a metadata record
     * @throws IllegalStateException    if the record cannot occur after the records before it, or
     *                                  this delta was already applied
     */
    public void replay(ApiMessage record) {
        if (applied) {
            throw new IllegalStateException("delta already applied; cannot replay " + record);
        }
        switch (MetadataRecordType.of(record)) {
            case REGISTER_BROKER -> cluster().replay((RegisterBrokerRecord) record);
            case UNREGISTER_BROKER -> cluster().replay((UnregisterBrokerRecord) record);
            case FENCE_BROKER -> cluster().replay((FenceBrokerRecord) record);
            case UNFENCE_BROKER -> cluster().replay((UnfenceBrokerRecord) record);
            case BROKER_REGISTRATION_CHANGE -> cluster().replay((BrokerRegistrationChangeRecord) record);
            case TOPIC -> topics().replay((TopicRecord) record);
            case PARTITION -> topics().replay((PartitionRecord) record);
            case PARTITION_CHANGE -> topics().replay((PartitionChangeRecord) record);
            case REMOVE_TOPIC -> replayRemoveTopic((RemoveTopicRecord) record);
            case CONFIG -> replayConfig((ConfigRecord) record);
            case FEATURE_LEVEL -> features().replay((FeatureLevelRecord) record);
            case PRODUCER_IDS -> producerIds().replay((ProducerIdsRecord) record);
            case NO_OP -> { }
        }
    }

    /** A topic's partitions and configs go with it. */
    private void replayRemoveTopic(RemoveTopicRecord record) {
        String name = topics().replay(record);
        configs().deleteAll(ConfigResource.topic(name));
    }

    /** Topic configs exist only for existing topics: a controller writes them after the TopicRecord. */
    private void replayConfig(ConfigRecord record) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.forId(record.resourceType()), record.resourceName());
        if (resource.type() == ConfigResource.Type.TOPIC && !topicExists(resource.name())) {
            throw new IllegalStateException("ConfigRecord " + record.name() + " for unknown topic " + resource.name());
        }
        configs().replay(resource, record);
    }

    private boolean topicExists(String name) {
        return topicsDelta != null ? topicsDelta.topicId(name).isPresent() : image.topics().topic(name).isPresent();
    }

    /**
     * The image with every record replayed so far. Parts no record touched are shared with the
     * base image. After this call the delta refuses further records.
     *
     * @param provenance the last record replayed
     */
    public MetadataImage apply(MetadataProvenance provenance) {
        applied = true;
        return new MetadataImage(
                Objects.requireNonNull(provenance, "provenance"),
                featuresDelta == null ? image.features() : featuresDelta.apply(),
                clusterDelta == null ? image.cluster() : clusterDelta.apply(),
                topicsDelta == null ? image.topics() : topicsDelta.apply(),
                configsDelta == null ? image.configs() : configsDelta.apply(),
                producerIdsDelta == null ? image.producerIds() : producerIdsDelta.apply());
    }

    private FeaturesDelta features() {
        if (featuresDelta == null) {
            featuresDelta = new FeaturesDelta(image.features());
        }
        return featuresDelta;
    }

    private ClusterDelta cluster() {
        if (clusterDelta == null) {
            clusterDelta = new ClusterDelta(image.cluster());
        }
        return clusterDelta;
    }

    private TopicsDelta topics() {
        if (topicsDelta == null) {
            topicsDelta = new TopicsDelta(image.topics());
        }
        return topicsDelta;
    }

    private ConfigurationsDelta configs() {
        if (configsDelta == null) {
            configsDelta = new ConfigurationsDelta(image.configs());
        }
        return configsDelta;
    }

    private ProducerIdsDelta producerIds() {
        if (producerIdsDelta == null) {
            producerIdsDelta = new ProducerIdsDelta(image.producerIds());
        }
        return producerIdsDelta;
    }

    @Override
    public String toString() {
        return "MetadataDelta(" + featuresDelta + ", " + clusterDelta + ", " + topicsDelta + ", " + configsDelta + ", " + producerIdsDelta + ")";
    }
}
