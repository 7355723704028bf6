package io.tributary.metadata.image;

import java.util.Objects;

/**
 * The cluster metadata as of one point of the metadata log (DESIGN D7): what every broker and
 * controller gets by replaying the log's records up to {@link #provenance()}, and nothing else.
 * A new image comes only from {@link MetadataDelta#apply}; an image never changes, so any thread
 * may read it without locks and hold on to it while newer images are published. Unchanged parts
 * are shared between consecutive images.
 *
 * <p>Two images are equal when their provenance and every part are equal, so replaying the same
 * records always gives an equal image.
 *
 * @param provenance  the last record this image contains
 * @param features    finalized feature levels
 * @param cluster     registered brokers
 * @param topics      topics and their partitions
 * @param configs     dynamic configs of topics, brokers and other resources
 * @param producerIds the producer id blocks handed out
 */
public record MetadataImage(
        MetadataProvenance provenance,
        FeaturesImage features,
        ClusterImage cluster,
        TopicsImage topics,
        ConfigurationsImage configs,
        ProducerIdsImage producerIds) {

    /** The image before any record: what replay starts from. */
    public static final MetadataImage EMPTY = new MetadataImage(
            MetadataProvenance.EMPTY,
            FeaturesImage.EMPTY,
            ClusterImage.EMPTY,
            TopicsImage.EMPTY,
            ConfigurationsImage.EMPTY,
            ProducerIdsImage.EMPTY);

    public MetadataImage {
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(configs, "configs");
        Objects.requireNonNull(producerIds, "producerIds");
    }

    /** Whether no record has changed anything: every part is empty (the provenance may be set). */
    public boolean isEmpty() {
        return features.isEmpty() && cluster.isEmpty() && topics.isEmpty() && configs.isEmpty() && producerIds.isEmpty();
    }
}
