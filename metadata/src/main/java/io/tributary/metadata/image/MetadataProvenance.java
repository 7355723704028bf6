package io.tributary.metadata.image;

/**
 * Where in the metadata log an image comes from: the last record it contains.
 *
 * @param lastContainedOffset    the offset of the last record applied, or -1 for the empty image
 * @param lastContainedEpoch     the leader epoch of the batch holding that record, or -1
 * @param lastContainedLogTimeMs the append time of that batch, or -1
 */
public record MetadataProvenance(long lastContainedOffset, int lastContainedEpoch, long lastContainedLogTimeMs) {

    /** The provenance of {@link MetadataImage#EMPTY}: no record applied. */
    public static final MetadataProvenance EMPTY = new MetadataProvenance(-1L, -1, -1L);

    public MetadataProvenance {
        if (lastContainedOffset < -1) {
            throw new IllegalArgumentException("lastContainedOffset " + lastContainedOffset + " is below -1");
        }
    }
}
