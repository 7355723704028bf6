package io.tributary.metadata.image;

/**
 * Something that reacts to new metadata images: the broker creating and deleting partitions,
 * a coordinator loading the partitions it now leads, a metadata cache answering Metadata requests.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>Called on the single thread that replays the metadata log, once per published image, in
 *       log order; {@code delta.image()} is the image the previous call received.</li>
 *   <li>Must not block: hand work that waits (disk, network) to another thread. A slow listener
 *       delays every later image for every listener.</li>
 *   <li>Must not replay records into {@code delta} (it is already applied and refuses them); the
 *       delta is for reading what changed, e.g. {@link TopicsDelta#localChanges(int)}.</li>
 *   <li>May keep {@code newImage}: images are immutable. Must not keep {@code delta}, which is
 *       not thread safe.</li>
 * </ul>
 *
 * <p>Not named {@code *Publisher} as in Kafka: in this code base that suffix means an outbound
 * encoder (STYLE.md).
 */
@FunctionalInterface
public interface MetadataListener {

    /**
     * @param delta    the changes from the previous image to {@code newImage}
     * @param newImage the image after the changes
     */
    void onMetadataUpdate(MetadataDelta delta, MetadataImage newImage);

    /** A name for logs and metrics. */
    default String name() {
        return getClass().getSimpleName();
    }
}
