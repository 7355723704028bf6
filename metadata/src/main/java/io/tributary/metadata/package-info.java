/**
 * Metadata records (DESIGN D7): the record types, generated from {@code src/main/schemas} into
 * {@code io.tributary.metadata.record}, and their framing as values of the metadata log
 * ({@link io.tributary.metadata.MetadataRecordSerde}). The log itself lives elsewhere; this module
 * does no I/O.
 */
package io.tributary.metadata;
