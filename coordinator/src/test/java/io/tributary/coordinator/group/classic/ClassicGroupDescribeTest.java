package io.tributary.coordinator.group.classic;

import static io.tributary.coordinator.group.classic.ClassicGroupHarness.GROUP;
import static io.tributary.coordinator.group.classic.ClassicGroupHarness.assignmentOf;
import static io.tributary.coordinator.group.classic.ClassicGroupHarness.error;
import static io.tributary.coordinator.group.classic.ClassicGroupHarness.join;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.runtime.CoordinatorRecord;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.DescribeGroupsResponseData.DescribedGroup;
import io.tributary.protocol.message.JoinGroupResponseData;
import io.tributary.protocol.message.SyncGroupResponseData;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ClassicGroupDescribeTest {

    private final ClassicGroupHarness harness = new ClassicGroupHarness();

    @Test
    void missingGroupIsDeadWithoutErrorBeforeV6() {
        DescribedGroup described = harness.manager.describeGroup("nope", (short) 5);
        assertEquals(Errors.NONE.code(), described.errorCode());
        assertEquals("Dead", described.groupState());
    }

    @Test
    void missingGroupIsNotFoundFromV6() {
        DescribedGroup described = harness.manager.describeGroup("nope", (short) 6);
        assertEquals(Errors.GROUP_ID_NOT_FOUND.code(), described.errorCode());
        assertNotNull(described.errorMessage());
    }

    @Test
    void groupOfTheOtherProtocolIsNotFoundFromV6() {
        harness.groups.put(consumerGroup("modern"));
        DescribedGroup described = harness.manager.describeGroup("modern", (short) 6);
        assertEquals(Errors.GROUP_ID_NOT_FOUND.code(), described.errorCode());
        assertEquals("Group modern is not a classic group.", described.errorMessage());
        assertEquals("Dead", harness.manager.describeGroup("modern", (short) 5).groupState());
    }

    @Test
    void stableGroupShowsMembersWithMetadataAndAssignment() {
        List<JoinGroupResponseData> joined = harness.formStableGroup(2);
        DescribedGroup described = harness.manager.describeGroup(GROUP, (short) 5);
        assertEquals("Stable", described.groupState());
        assertEquals("consumer", described.protocolType());
        assertEquals("range", described.protocolData());
        assertEquals(2, described.members().size());
        assertEquals("c1", described.members().get(1).clientId());
        assertEquals("/127.0.0.1", described.members().get(1).clientHost());
        assertArrayEquals(ClassicGroupHarness.subscription("t"), described.members().get(1).memberMetadata());
        assertArrayEquals(assignmentOf(joined.get(1).memberId()), described.members().get(1).memberAssignment());
    }

    @Test
    void rebalancingGroupShowsMembersWithoutMetadata() {
        harness.formGroup(2);
        DescribedGroup described = harness.manager.describeGroup(GROUP, (short) 5);
        assertEquals("CompletingRebalance", described.groupState());
        assertEquals("", described.protocolData());
        assertEquals(0, described.members().get(0).memberMetadata().length);
    }

    @Test
    void emptyGroupCreatedForOffsetsIsDescribedEmpty() {
        harness.manager.getOrCreateEmptyGroup("simple");
        DescribedGroup described = harness.manager.describeGroup("simple", (short) 5);
        assertEquals("Empty", described.groupState());
        assertEquals("", described.protocolType());
    }

    @Test
    void tombstoneRemovesTheGroup() {
        harness.formStableGroup(1);
        ClassicGroup group = harness.group();
        for (CoordinatorRecord record : group.deletionRecords()) {
            harness.apply(io.tributary.coordinator.runtime.CoordinatorResult.records(List.of(record)));
        }
        assertNull(harness.group());
        assertEquals(ClassicGroupState.DEAD, group.state());
        assertNull(harness.restarted().group());
    }

    @Test
    void unloadAnswersParkedRequestsNotCoordinator() {
        List<JoinGroupResponseData> joined = harness.formGroup(2);
        CompletableFuture<SyncGroupResponseData> parkedSync = harness.sync(joined.get(1).memberId(), 1, List.of());
        CompletableFuture<JoinGroupResponseData> parkedJoin = harness.join(join().member(joined.get(0).memberId())
                .protocols(ClassicGroupHarness.protocol("range", ClassicGroupHarness.subscription("x"))));
        harness.manager.onUnloaded();
        assertEquals(Errors.REBALANCE_IN_PROGRESS, error(parkedSync.join()), "the rebalance answered it first");
        assertEquals(Errors.NOT_COORDINATOR, error(parkedJoin.join()));
    }

    /** A stand-in for a KIP-848 consumer group: only its id and type matter here. */
    static Group consumerGroup(String groupId) {
        return (Group) Proxy.newProxyInstance(Group.class.getClassLoader(), new Class<?>[] {Group.class}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "groupId" -> groupId;
                    case "type" -> Group.Type.CONSUMER;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}
