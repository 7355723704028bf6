package io.tributary.coordinator.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.ManualTime;
import io.tributary.coordinator.runtime.CoordinatorRecord;
import io.tributary.coordinator.runtime.CoordinatorResult;
import io.tributary.coordinator.runtime.CoordinatorTimer;
import io.tributary.coordinator.runtime.ShardContext;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.protocol.message.OffsetCommitRequestData;
import io.tributary.protocol.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import io.tributary.protocol.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The shard's periodic cleanup: expired offsets, then groups left with neither members nor offsets. */
class GroupCoordinatorShardExpiryTest {

    private static final CoordinatorTimer IGNORED_TIMERS = new CoordinatorTimer() {
        @Override
        public void schedule(String key, long delayMs, Supplier<CoordinatorResult<Void>> operation) {
        }

        @Override
        public void cancel(String key) {
        }

        @Override
        public boolean isScheduled(String key) {
            return false;
        }
    };

    private final ManualTime time = new ManualTime();
    private final GroupConfig config = GroupConfig.defaults();
    private final GroupCoordinatorShard shard = new GroupCoordinatorShard(new ShardContext(0, time, IGNORED_TIMERS), config,
            () -> MetadataImage.EMPTY);

    private void apply(List<CoordinatorRecord> records) {
        records.forEach(r -> shard.replay(-1, r));
    }

    private void commit(String group, String topic, long offset) {
        OffsetCommitRequestData request = new OffsetCommitRequestData().setGroupId(group).setGenerationIdOrMemberEpoch(-1)
                .setMemberId("").setTopics(List.of(new OffsetCommitRequestTopic().setName(topic).setPartitions(List.of(
                        new OffsetCommitRequestPartition().setPartitionIndex(0).setCommittedOffset(offset).setCommittedMetadata("")))));
        apply(shard.offsets().commit(request, (short) 9, time.milliseconds()).records());
    }

    @Test
    void anEmptyGroupWhoseOffsetsAllExpireIsDeletedWithThem() {
        commit("simple", "orders", 5);
        time.advance(config.offsetsRetentionMs(), TimeUnit.MILLISECONDS);

        apply(shard.expireOffsetsAndEmptyGroups());

        assertTrue(shard.groups().get("simple").isEmpty());
        assertEquals(0, shard.offsets().offsetCount("simple"));
    }

    @Test
    void anEmptyGroupKeepsLivingWhileOneOfItsOffsetsIsUnexpired() {
        commit("simple", "old", 5);
        time.advance(config.offsetsRetentionMs() / 2, TimeUnit.MILLISECONDS);
        commit("simple", "recent", 7);
        time.advance(config.offsetsRetentionMs() / 2, TimeUnit.MILLISECONDS);

        apply(shard.expireOffsetsAndEmptyGroups());

        assertTrue(shard.groups().get("simple").isPresent());
        assertEquals(1, shard.offsets().offsetCount("simple"));
    }

    @Test
    void nothingExpiresBeforeTheRetention() {
        commit("simple", "orders", 5);
        time.advance(config.offsetsRetentionMs() - 1, TimeUnit.MILLISECONDS);

        assertTrue(shard.expireOffsetsAndEmptyGroups().isEmpty());
    }
}
