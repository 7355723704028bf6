package io.tributary.metadata.image;

import io.tributary.metadata.record.ProducerIdsRecord;

/**
 * The change to a {@link ProducerIdsImage}. The next producer id only grows: a record that would
 * hand out an id again throws {@link IllegalStateException}.
 *
 * <p>Not thread safe: owned by the thread replaying the metadata log, read-only once applied.
 */
public final class ProducerIdsDelta {

    private final ProducerIdsImage image;
    private long nextProducerId;

    ProducerIdsDelta(ProducerIdsImage image) {
        this.image = image;
        this.nextProducerId = image.nextProducerId();
    }

    public ProducerIdsImage image() {
        return image;
    }

    /** The next producer id with this delta's changes. */
    public long nextProducerId() {
        return nextProducerId;
    }

    void replay(ProducerIdsRecord record) {
        if (record.nextProducerId() <= nextProducerId) {
            throw new IllegalStateException("ProducerIdsRecord for broker " + record.brokerId() + " moves the next producer id from "
                    + nextProducerId + " back to " + record.nextProducerId());
        }
        nextProducerId = record.nextProducerId();
    }

    public ProducerIdsImage apply() {
        return nextProducerId == image.nextProducerId() ? image : new ProducerIdsImage(nextProducerId);
    }

    @Override
    public String toString() {
        return "ProducerIdsDelta(nextProducerId=" + nextProducerId + ")";
    }
}
