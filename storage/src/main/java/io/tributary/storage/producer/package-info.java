/**
 * Per-partition producer state for idempotent (and later transactional) producers, with Kafka's
 * semantics: {@link io.tributary.storage.producer.ProducerStateManager} keeps, per producer id, its
 * epoch and last five batches; {@link io.tributary.storage.producer.ProducerAppendInfo} checks new
 * batches against it; {@link io.tributary.storage.producer.ProducerStateSnapshotFile} persists it in
 * Kafka's {@code .snapshot} format. Nothing here reads record batches: the partition log passes the
 * header fields.
 *
 * <h2>Contract with the partition log</h2>
 * All calls come from the partition's writer thread. "Header fields" are the v2 batch header's
 * {@code producerId, producerEpoch, baseSequence, lastOffsetDelta, maxTimestamp} and the transactional
 * attribute bit; {@code maxTimestamp} is the value written to disk (the broker's append time for
 * LogAppendTime topics). Batches with {@code producerId == -1} are skipped; control batches
 * (transaction markers) are skipped until transactions are implemented.
 *
 * <p><b>Client append (leader)</b>, after validating the batch and before writing it:
 * <pre>{@code
 * Optional<BatchMetadata> dup = state.findDuplicate(pid, epoch, baseSequence, lastOffsetDelta);
 * if (dup.isPresent())        // a retry: write nothing, answer with the original batch's
 *     return duplicate(dup);  // firstOffset(), lastOffset() and maxTimestamp()
 * ProducerAppendInfo info = state.prepareUpdate(pid, AppendOrigin.CLIENT);
 * info.appendDataBatch(epoch, baseSequence, baseOffset, lastOffsetDelta, maxTimestamp, isTransactional);
 *                             // throws OutOfOrderSequence / InvalidProducerEpoch / InvalidTxnState:
 *                             // nothing written, the error goes to the client
 * segment.append(batch);      // baseOffset = the log end offset being assigned to this batch
 * state.update(info);         // only if the write succeeded
 * state.updateMapEndOffset(lastOffset + 1);   // after every append, producer batch or not
 * }</pre>
 *
 * <p><b>Follower append</b> ({@link io.tributary.storage.producer.AppendOrigin#REPLICATION}) and
 * <b>coordinator append</b> ({@code COORDINATOR}): no duplicate check; one {@code ProducerAppendInfo} per
 * producer id per append, through which all of that producer's batches in the append go in log order;
 * {@code update} each after the write; then {@code updateMapEndOffset(lastOffset + 1)}.
 *
 * <p><b>Segment roll</b>: {@code updateMapEndOffset(newSegmentBaseOffset)} (normally already true), then
 * {@code takeSnapshot()}, which writes {@code <newSegmentBaseOffset>.snapshot}. Also on clean shutdown.
 *
 * <p><b>Load</b> (after segment recovery, knowing {@code logStartOffset} and {@code logEndOffset}):
 * <pre>{@code
 * ProducerStateManager state = new ProducerStateManager(partitionDir, config);
 * long from = state.truncateAndReload(logStartOffset, logEndOffset, time.milliseconds());
 * for each batch with a producer id at offsets [from, logEndOffset):      // one at a time is fine
 *     ProducerAppendInfo info = state.prepareUpdate(pid, AppendOrigin.LOG_RECOVERY);
 *     info.appendDataBatch(epoch, baseSequence, baseOffset, lastOffsetDelta, maxTimestamp, isTransactional);
 *     state.update(info);
 * state.updateMapEndOffset(logEndOffset);
 * if (from < logEndOffset) state.takeSnapshot();                         // optional: shortens the next load
 * }</pre>
 *
 * <p><b>Truncation</b> to {@code offset} (follower divergence, unclean recovery): after truncating the
 * segments, the same as load with {@code logEndOffset = offset}: {@code truncateAndReload} deletes
 * snapshots above it and reloads, then replay {@code [from, offset)}. Truncating everything (the log
 * restarts at {@code offset}): {@code truncateFullyAndStartAt(offset)}.
 *
 * <p><b>Log start offset moves up</b> (retention, DeleteRecords): {@code onLogStartOffsetIncremented}.
 * <b>Snapshot cleanup</b>: after the recovery point is checkpointed, {@code deleteSnapshotsBefore(b)}
 * with {@code b} the base offset of the segment that holds the recovery point (Kafka keeps the
 * snapshots a recovery would start from); when a segment is deleted, at least those below the new log
 * start offset.
 *
 * <p><b>Expiration</b>: every {@code producer.id.expiration.check.interval.ms} (Kafka: 10 minutes),
 * {@code removeExpiredProducers(time.milliseconds())}.
 */
package io.tributary.storage.producer;
