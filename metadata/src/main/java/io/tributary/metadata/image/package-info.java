/**
 * The metadata image and its deltas (DESIGN D7): {@link io.tributary.metadata.image.MetadataImage}
 * is immutable and changes only by replaying records into a
 * {@link io.tributary.metadata.image.MetadataDelta}, which yields the next image;
 * {@link io.tributary.metadata.image.MetadataListener}s react to each new image.
 */
package io.tributary.metadata.image;
