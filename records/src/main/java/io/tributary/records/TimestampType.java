package io.tributary.records;

/** Which clock a batch's timestamps come from: attribute bit 3 of a magic 2 batch. */
public enum TimestampType {
    /** Timestamps set by the producer; each record's is baseTimestamp + its delta. */
    CREATE_TIME,
    /** The broker's append time, held in maxTimestamp and reported for every record. */
    LOG_APPEND_TIME
}
