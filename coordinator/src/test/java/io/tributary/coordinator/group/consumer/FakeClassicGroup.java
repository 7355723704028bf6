package io.tributary.coordinator.group.consumer;

import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.runtime.CoordinatorRecord;
import java.util.List;

/** A classic group as the consumer protocol sees one: only its type and whether it has members matter. */
record FakeClassicGroup(String groupId, boolean isEmpty) implements Group {

    @Override
    public Type type() {
        return Type.CLASSIC;
    }

    @Override
    public String stateName() {
        return isEmpty ? "Empty" : "Stable";
    }

    @Override
    public String protocolType() {
        return "consumer";
    }

    @Override
    public void validateOffsetCommit(String memberId, String groupInstanceId, int generation, boolean transactional, short apiVersion) {
    }

    @Override
    public void validateOffsetFetch(String memberId, int memberEpoch) {
    }

    @Override
    public void validateDeleteGroup() {
    }

    @Override
    public void validateOffsetDelete() {
    }

    @Override
    public List<CoordinatorRecord> deletionRecords() {
        return List.of();
    }

    @Override
    public boolean isSubscribedTo(String topic) {
        return false;
    }
}
