package io.tributary.coordinator.group.offset;

/**
 * A committed offset as {@code __consumer_offsets} keeps it.
 *
 * @param expireTimestampMs an explicit expiry (OffsetCommit v2–v4 retention time), or -1 to expire
 *                          {@code offsets.retention.minutes} after the commit once the group is empty
 */
public record OffsetAndMetadata(long offset, int leaderEpoch, String metadata, long commitTimestampMs, long expireTimestampMs) {
}
