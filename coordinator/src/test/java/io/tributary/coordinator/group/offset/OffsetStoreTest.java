package io.tributary.coordinator.group.offset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.group.GroupConfig;
import io.tributary.coordinator.group.GroupStore;
import io.tributary.coordinator.record.OffsetCommitKey;
import io.tributary.coordinator.record.OffsetCommitValue;
import io.tributary.coordinator.runtime.CoordinatorException;
import io.tributary.coordinator.runtime.CoordinatorRecord;
import io.tributary.coordinator.runtime.CoordinatorResult;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.OffsetCommitRequestData;
import io.tributary.protocol.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import io.tributary.protocol.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import io.tributary.protocol.message.OffsetCommitResponseData;
import io.tributary.protocol.message.OffsetDeleteRequestData;
import io.tributary.protocol.message.OffsetDeleteResponseData;
import io.tributary.protocol.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import io.tributary.protocol.message.OffsetFetchRequestData.OffsetFetchRequestTopics;
import io.tributary.protocol.message.OffsetFetchResponseData.OffsetFetchResponseGroup;
import io.tributary.protocol.message.OffsetFetchResponseData.OffsetFetchResponsePartitions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Offset commit, fetch, delete and expiry of one shard, with a stand-in group. */
class OffsetStoreTest {

    private static final long NOW = 1_700_000_000_000L;

    /** A group whose checks the test sets. */
    static final class StubGroup implements Group {
        final String id;
        Errors commitError = Errors.NONE;
        boolean empty = true;
        List<String> subscribed = List.of();

        StubGroup(String id) {
            this.id = id;
        }

        public String groupId() { return id; }
        public Type type() { return Type.CLASSIC; }
        public String stateName() { return empty ? "Empty" : "Stable"; }
        public String protocolType() { return "consumer"; }
        public boolean isEmpty() { return empty; }
        public void validateOffsetCommit(String memberId, String instanceId, int generation, boolean txn, short version) {
            if (commitError != Errors.NONE) {
                throw new CoordinatorException(commitError, "stub");
            }
        }
        public void validateOffsetFetch(String memberId, int memberEpoch) { }
        public void validateDeleteGroup() { }
        public void validateOffsetDelete() { }
        public List<CoordinatorRecord> deletionRecords() { return List.of(); }
        public boolean isSubscribedTo(String topic) { return subscribed.contains(topic); }
    }

    private final GroupStore groups = new GroupStore();
    private final List<String> created = new ArrayList<>();
    private final OffsetStore store = new OffsetStore(GroupConfig.defaults(), groups, id -> {
        created.add(id);
        groups.put(new StubGroup(id));
    });

    private <T> T apply(CoordinatorResult<T> result) {
        result.records().forEach(r -> store.replay((OffsetCommitKey) r.key(), (OffsetCommitValue) r.value()));
        return result.response();
    }

    private static OffsetCommitRequestData commit(String group, int generation, String topic, int partition, long offset, String metadata) {
        return new OffsetCommitRequestData().setGroupId(group).setGenerationIdOrMemberEpoch(generation).setMemberId("")
                .setTopics(List.of(new OffsetCommitRequestTopic().setName(topic).setPartitions(List.of(
                        new OffsetCommitRequestPartition().setPartitionIndex(partition).setCommittedOffset(offset)
                                .setCommittedLeaderEpoch(4).setCommittedMetadata(metadata)))));
    }

    private static short firstError(OffsetCommitResponseData response) {
        return response.topics().get(0).partitions().get(0).errorCode();
    }

    private OffsetFetchResponsePartitions fetchOne(String group, String topic, int partition) {
        OffsetFetchResponseGroup response = store.fetch(new OffsetFetchRequestGroup().setGroupId(group).setMemberId(null).setMemberEpoch(-1)
                .setTopics(List.of(new OffsetFetchRequestTopics().setName(topic).setPartitionIndexes(List.of(partition)))));
        return response.topics().get(0).partitions().get(0);
    }

    @Test
    void committedOffsetIsFetchedWithItsLeaderEpochAndMetadata() {
        apply(store.commit(commit("g", -1, "orders", 2, 41, "meta"), (short) 9, NOW));

        OffsetFetchResponsePartitions fetched = fetchOne("g", "orders", 2);

        assertEquals(41, fetched.committedOffset());
        assertEquals(4, fetched.committedLeaderEpoch());
        assertEquals("meta", fetched.metadata());
    }

    @Test
    void partitionWithoutCommitIsFetchedAsMinusOne() {
        OffsetFetchResponsePartitions fetched = fetchOne("nobody", "orders", 0);

        assertEquals(-1, fetched.committedOffset());
        assertEquals(-1, fetched.committedLeaderEpoch());
    }

    @Test
    void commitWithoutMembershipToAnUnknownGroupCreatesAnEmptyGroup() {
        apply(store.commit(commit("simple", -1, "orders", 0, 1, ""), (short) 8, NOW));

        assertEquals(List.of("simple"), created);
    }

    @Test
    void commitWithAGenerationToAnUnknownGroupIsIllegalGenerationBeforeV9() {
        OffsetCommitResponseData response = apply(store.commit(commit("ghost", 3, "orders", 0, 1, ""), (short) 8, NOW));

        assertEquals(Errors.ILLEGAL_GENERATION.code(), firstError(response));
        assertEquals(-1, fetchOne("ghost", "orders", 0).committedOffset());
    }

    @Test
    void commitWithAGenerationToAnUnknownGroupIsGroupIdNotFoundFromV9() {
        OffsetCommitResponseData response = apply(store.commit(commit("ghost", 3, "orders", 0, 1, ""), (short) 9, NOW));

        assertEquals(Errors.GROUP_ID_NOT_FOUND.code(), firstError(response));
    }

    @Test
    void commitRejectedByTheGroupWritesNothingAndCarriesItsError() {
        StubGroup group = new StubGroup("g");
        group.commitError = Errors.REBALANCE_IN_PROGRESS;
        groups.put(group);

        CoordinatorResult<OffsetCommitResponseData> result = store.commit(commit("g", 1, "orders", 0, 5, ""), (short) 9, NOW);

        assertEquals(Errors.REBALANCE_IN_PROGRESS.code(), firstError(result.response()));
        assertTrue(result.records().isEmpty());
    }

    @Test
    void metadataLongerThanTheLimitIsOffsetMetadataTooLarge() {
        String tooLong = "x".repeat(GroupConfig.defaults().offsetMetadataMaxBytes() + 1);

        OffsetCommitResponseData response = apply(store.commit(commit("g", -1, "orders", 0, 5, tooLong), (short) 9, NOW));

        assertEquals(Errors.OFFSET_METADATA_TOO_LARGE.code(), firstError(response));
    }

    @Test
    void fetchWithoutTopicsReturnsEveryCommittedPartition() {
        apply(store.commit(commit("g", -1, "a", 0, 1, ""), (short) 9, NOW));
        apply(store.commit(commit("g", -1, "b", 3, 2, ""), (short) 9, NOW));

        OffsetFetchResponseGroup all = store.fetch(new OffsetFetchRequestGroup().setGroupId("g").setMemberId(null).setTopics(null));

        assertEquals(List.of("a", "b"), all.topics().stream().map(t -> t.name()).toList());
        assertEquals(2, all.topics().get(1).partitions().get(0).committedOffset());
    }

    @Test
    void offsetDeleteRemovesUnsubscribedPartitionsOnly() {
        apply(store.commit(commit("g", -1, "kept", 0, 1, ""), (short) 9, NOW));
        apply(store.commit(commit("g", -1, "dropped", 0, 2, ""), (short) 9, NOW));
        ((StubGroup) groups.get("g").orElseThrow()).subscribed = List.of("kept");

        OffsetDeleteResponseData response = apply(store.delete(new OffsetDeleteRequestData().setGroupId("g").setTopics(List.of(
                new OffsetDeleteRequestData.OffsetDeleteRequestTopic().setName("kept").setPartitions(List.of(
                        new OffsetDeleteRequestData.OffsetDeleteRequestPartition().setPartitionIndex(0))),
                new OffsetDeleteRequestData.OffsetDeleteRequestTopic().setName("dropped").setPartitions(List.of(
                        new OffsetDeleteRequestData.OffsetDeleteRequestPartition().setPartitionIndex(0)))))));

        assertEquals(Errors.GROUP_SUBSCRIBED_TO_TOPIC.code(), response.topics().get(0).partitions().get(0).errorCode());
        assertEquals(Errors.NONE.code(), response.topics().get(1).partitions().get(0).errorCode());
        assertEquals(1, fetchOne("g", "kept", 0).committedOffset());
        assertEquals(-1, fetchOne("g", "dropped", 0).committedOffset());
    }

    @Test
    void offsetDeleteOfAnUnknownGroupIsGroupIdNotFound() {
        OffsetDeleteResponseData response = apply(store.delete(new OffsetDeleteRequestData().setGroupId("ghost")));

        assertEquals(Errors.GROUP_ID_NOT_FOUND.code(), response.errorCode());
    }

    @Test
    void offsetsOfAnEmptyGroupExpireAfterTheRetention() {
        apply(store.commit(commit("g", -1, "orders", 0, 1, ""), (short) 9, NOW));
        long retention = GroupConfig.defaults().offsetsRetentionMs();

        assertTrue(store.expire(NOW + retention - 1).isEmpty());
        List<CoordinatorRecord> expired = store.expire(NOW + retention);
        expired.forEach(r -> store.replay((OffsetCommitKey) r.key(), null));

        assertEquals(1, expired.size());
        assertFalse(store.hasOffsets("g"));
    }

    @Test
    void offsetsOfAGroupWithMembersNeverExpire() {
        apply(store.commit(commit("g", -1, "orders", 0, 1, ""), (short) 9, NOW));
        ((StubGroup) groups.get("g").orElseThrow()).empty = false;

        assertTrue(store.expire(NOW + GroupConfig.defaults().offsetsRetentionMs() * 10).isEmpty());
    }

    @Test
    void explicitRetentionTimeIsWrittenAsAVersionOneValueAndExpiresThen() {
        CoordinatorResult<OffsetCommitResponseData> result = store.commit(commit("g", -1, "orders", 0, 1, "")
                .setRetentionTimeMs(1000), (short) 2, NOW);
        apply(result);

        assertEquals(1, result.records().get(0).valueVersion());
        assertEquals(1, store.expire(NOW + 1000).size());
    }
}
