package io.tributary.storage.producer;

/**
 * Where an append comes from, which decides how much of a producer's state is checked
 * (Kafka's {@code AppendOrigin}).
 *
 * <table>
 *   <caption>Checks by origin</caption>
 *   <tr><th>origin</th><th>epoch</th><th>sequence</th><th>transaction state</th></tr>
 *   <tr><td>CLIENT</td><td>enforced</td><td>enforced</td><td>enforced</td></tr>
 *   <tr><td>COORDINATOR</td><td>enforced</td><td>not checked</td><td>enforced</td></tr>
 *   <tr><td>REPLICATION</td><td>logged only</td><td>not checked</td><td>not checked</td></tr>
 *   <tr><td>LOG_RECOVERY</td><td>logged only</td><td>not checked</td><td>not checked</td></tr>
 * </table>
 */
public enum AppendOrigin {

    /** A produce request from a client on the partition leader: everything is validated. */
    CLIENT,

    /**
     * A write by a group or transaction coordinator on its own partition. Such batches carry a
     * producer id and epoch but no meaningful sequence, so only the epoch is checked.
     */
    COORDINATOR,

    /** Batches fetched from the leader by a follower: the leader validated them; just record. */
    REPLICATION,

    /** Batches re-read from this partition's own log at load or after truncation: just record. */
    LOG_RECOVERY;

    /** Whether a batch from this origin is refused when it breaks the producer's epoch or transaction rules. */
    boolean enforcesEpoch() {
        return this == CLIENT || this == COORDINATOR;
    }

    /** Whether a batch from this origin is refused when its sequence does not follow the last one. */
    boolean enforcesSequence() {
        return this == CLIENT;
    }
}
