package io.tributary.metadata.image;

/**
 * The producer ids handed out so far: brokers receive blocks of ids from the controller, and every
 * block starts at the next producer id recorded here.
 *
 * <p>Immutable and thread safe.
 *
 * @param nextProducerId the first producer id of the next block, or -1 if no block was handed out
 */
public record ProducerIdsImage(long nextProducerId) {

    public static final ProducerIdsImage EMPTY = new ProducerIdsImage(-1L);

    public boolean isEmpty() {
        return nextProducerId == -1L;
    }
}
