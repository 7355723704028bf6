package io.tributary.storage.producer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batches of one producer within one log append, checked against that producer's state and
 * staged, not yet applied (Kafka's {@code ProducerAppendInfo}). Obtained from
 * {@link ProducerStateManager#prepareUpdate}; every batch of that producer in the append goes through
 * {@link #appendDataBatch}, in log order; once the log has written them,
 * {@link ProducerStateManager#update} applies the staged state. If the write fails, the instance is
 * dropped and the producer's state is unchanged.
 *
 * <h2>Checks, mirroring Kafka 4.x {@code ProducerAppendInfo.checkProducerEpoch/checkSequence}</h2>
 * <ol>
 *   <li>Epoch lower than the producer's current epoch: {@link InvalidProducerEpochException} for
 *       {@link AppendOrigin#enforcesEpoch() enforcing} origins; REPLICATION and LOG_RECOVERY log it
 *       and record the batch anyway (the leader decided).</li>
 *   <li>For CLIENT only, sequences:
 *     <ul>
 *       <li>Epoch differs from the current one (a bump): the first sequence must be 0, else
 *           {@link OutOfOrderSequenceException} — unless the partition has no state for this
 *           producer id at all.</li>
 *       <li>Unknown producer id (never seen, expired, or its state lost with deleted segments): any
 *           first sequence is accepted. Since Kafka 2.5 (KIP-360) the broker no longer returns
 *           UNKNOWN_PRODUCER_ID from Produce; Kafka 4.x only demands sequence 0 here on its
 *           transactions-v2 verification path (KIP-890), which Tributary does not have yet, so we
 *           never raise UNKNOWN_PRODUCER_ID.</li>
 *       <li>Same epoch: the first sequence must directly follow the last appended one, wrapping from
 *           {@link Integer#MAX_VALUE} to 0, else {@link OutOfOrderSequenceException}. A retry of a
 *           batch older than the last five lands here too: Kafka answers it OUT_OF_ORDER_SEQUENCE_NUMBER.
 *           A known producer with no retained batch at the current epoch must start at 0.</li>
 *     </ul></li>
 *   <li>A non-transactional batch while the producer has a transaction open:
 *       {@link InvalidTxnStateException} for enforcing origins (Kafka raises it for every origin; we
 *       trust replicated and recovered data instead of making the log unloadable).</li>
 * </ol>
 * Duplicates are not detected here: the log asks {@link ProducerStateManager#findDuplicate} first.
 *
 * <p>Thread safety: none; used by the partition's writer thread within one append.
 */
public final class ProducerAppendInfo {

    private static final Logger LOG = LoggerFactory.getLogger(ProducerAppendInfo.class);

    private final String partition;
    private final long producerId;
    /** The producer's live entry when prepared, or null if the partition had none. */
    private final ProducerStateEntry liveEntry;
    private final int liveEntryVersion;
    private final ProducerStateEntry currentEntry;
    private final AppendOrigin origin;
    private final ProducerStateEntry updatedEntry;

    ProducerAppendInfo(String partition, long producerId, ProducerStateEntry liveEntry, AppendOrigin origin) {
        this.partition = partition;
        this.producerId = producerId;
        this.liveEntry = liveEntry;
        this.liveEntryVersion = liveEntry == null ? -1 : liveEntry.version();
        this.currentEntry = liveEntry == null ? ProducerStateEntry.empty(producerId) : liveEntry;
        this.origin = origin;
        this.updatedEntry = currentEntry.withoutBatches();
    }

    public long producerId() {
        return producerId;
    }

    public AppendOrigin origin() {
        return origin;
    }

    /** Whether at least one batch was staged; an empty instance changes nothing when applied. */
    public boolean hasBatches() {
        return !updatedEntry.isEmpty();
    }

    /**
     * Checks one data batch of this producer against its state and stages it. The arguments are the
     * batch header's fields, with the base offset the log assigned.
     *
     * @throws InvalidProducerEpochException the epoch is older than the producer's current epoch
     * @throws OutOfOrderSequenceException   (CLIENT) the sequence does not follow the last appended one
     * @throws InvalidTxnStateException      a non-transactional batch while a transaction is open
     */
    public void appendDataBatch(short producerEpoch, int baseSequence, long baseOffset, int lastOffsetDelta,
                                long maxTimestamp, boolean isTransactional) {
        checkProducerEpoch(producerEpoch, baseOffset);
        if (origin.enforcesSequence()) {
            checkSequence(producerEpoch, baseSequence, baseOffset);
        }
        if (updatedEntry.currentTxnFirstOffset().isPresent() && !isTransactional && origin.enforcesEpoch()) {
            throw new InvalidTxnStateException(describe(baseOffset) + ": non-transactional batch while transaction"
                    + " starting at offset " + updatedEntry.currentTxnFirstOffset().getAsLong() + " is open");
        }
        int lastSeq = SequenceNumbers.lastSequence(baseSequence, lastOffsetDelta);
        updatedEntry.addBatch(producerEpoch,
                new BatchMetadata(lastSeq, baseOffset + lastOffsetDelta, lastOffsetDelta, maxTimestamp));
        if (isTransactional && updatedEntry.currentTxnFirstOffset().isEmpty()) {
            updatedEntry.setCurrentTxnFirstOffset(baseOffset);
        }
    }

    /** The staged state, to be merged into the producer's entry. */
    ProducerStateEntry updatedEntry() {
        return updatedEntry;
    }

    /**
     * Whether {@code entry}, the producer's entry now, is still the state this was checked against:
     * nothing was applied for the producer, nor was it expired or reloaded, since {@code prepareUpdate}.
     */
    boolean isBasedOn(ProducerStateEntry entry) {
        return entry == liveEntry && (entry == null || entry.version() == liveEntryVersion);
    }

    private void checkProducerEpoch(short producerEpoch, long offset) {
        short current = updatedEntry.producerEpoch();
        if (producerEpoch >= current) {
            return;
        }
        String message = describe(offset) + ": epoch " + producerEpoch + " is older than the current epoch " + current;
        if (origin.enforcesEpoch()) {
            throw new InvalidProducerEpochException(message);
        }
        LOG.warn("{} ({} batch recorded anyway)", message, origin);
    }

    private void checkSequence(short producerEpoch, int firstSeq, long offset) {
        if (producerEpoch != updatedEntry.producerEpoch()) {
            if (firstSeq != 0 && updatedEntry.producerEpoch() != ProducerStateEntry.NO_PRODUCER_EPOCH) {
                throw new OutOfOrderSequenceException(describe(offset) + ": new epoch " + producerEpoch
                        + " (current " + updatedEntry.producerEpoch() + ") must start at sequence 0, got " + firstSeq);
            }
            return;
        }
        int lastSeq;
        if (!updatedEntry.isEmpty()) {
            lastSeq = updatedEntry.lastSeq();
        } else if (producerEpoch == currentEntry.producerEpoch()) {
            lastSeq = currentEntry.lastSeq();
        } else {
            lastSeq = SequenceNumbers.NO_SEQUENCE;
        }
        boolean noEpochYet = currentEntry.producerEpoch() == ProducerStateEntry.NO_PRODUCER_EPOCH;
        if (!noEpochYet && !SequenceNumbers.isNext(lastSeq, firstSeq)) {
            throw new OutOfOrderSequenceException(describe(offset) + ": sequence " + firstSeq + " at epoch "
                    + producerEpoch + " does not follow the last appended sequence " + lastSeq);
        }
    }

    private String describe(long offset) {
        return "partition " + partition + ", producer " + producerId + ", batch at offset " + offset;
    }

    @Override
    public String toString() {
        return "ProducerAppendInfo(" + origin + ", " + updatedEntry + ")";
    }
}
