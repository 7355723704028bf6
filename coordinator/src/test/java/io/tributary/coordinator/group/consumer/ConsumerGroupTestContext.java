package io.tributary.coordinator.group.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tributary.common.ManualTime;
import io.tributary.coordinator.group.GroupConfig;
import io.tributary.coordinator.group.GroupStore;
import io.tributary.coordinator.group.RequestInfo;
import io.tributary.coordinator.record.GroupMetadataKey;
import io.tributary.coordinator.runtime.CoordinatorRecord;
import io.tributary.coordinator.runtime.CoordinatorResult;
import io.tributary.coordinator.runtime.ShardContext;
import io.tributary.metadata.image.ClusterImage;
import io.tributary.metadata.image.ConfigurationsImage;
import io.tributary.metadata.image.FeaturesImage;
import io.tributary.metadata.image.LeaderRecoveryState;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.MetadataProvenance;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.ProducerIdsImage;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metadata.image.TopicsImage;
import io.tributary.protocol.Errors;
import io.tributary.protocol.Uuid;
import io.tributary.protocol.message.ConsumerGroupHeartbeatRequestData;
import io.tributary.protocol.message.ConsumerGroupHeartbeatResponseData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One shard's consumer group manager driven by hand: a manual clock and timer, a metadata image
 * the test edits, and every record written kept in order so a fresh manager can replay them.
 * Records are replayed the way the runtime does: at once, after the operation returns.
 */
final class ConsumerGroupTestContext {

    static final String GROUP = "group";
    static final short VERSION = 1;

    final ManualTime time = new ManualTime();
    final ManualCoordinatorTimer timer = new ManualCoordinatorTimer(time);
    final GroupConfig config;
    final GroupStore groups = new GroupStore();
    final ConsumerGroupManager manager;
    final List<CoordinatorRecord> log = new ArrayList<>();
    private final Map<Uuid, TopicImage> topics = new TreeMap<>();
    private final Map<String, Uuid> topicIds = new HashMap<>();

    ConsumerGroupTestContext() {
        this(GroupConfig.defaults());
    }

    ConsumerGroupTestContext(GroupConfig config) {
        this.config = config;
        this.manager = new ConsumerGroupManager(new ShardContext(0, time, timer), config, groups, this::image);
    }

    /** Creates (or grows) a topic. */
    ConsumerGroupTestContext topic(String name, int partitions) {
        Uuid id = topicIds.computeIfAbsent(name, n -> new Uuid(0x5eed, topicIds.size() + 1));
        Map<Integer, PartitionRegistration> registrations = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            registrations.put(p, new PartitionRegistration(List.of(1), List.of(), List.of(1), List.of(), List.of(), 1,
                    LeaderRecoveryState.RECOVERED, 0, 0));
        }
        topics.put(id, new TopicImage(name, id, registrations));
        return this;
    }

    Uuid topicId(String name) {
        return topicIds.get(name);
    }

    MetadataImage image() {
        return new MetadataImage(MetadataProvenance.EMPTY, FeaturesImage.EMPTY, ClusterImage.EMPTY,
                new TopicsImage(topics), ConfigurationsImage.EMPTY, ProducerIdsImage.EMPTY);
    }

    ConsumerGroup group() {
        return groups.get(GROUP, ConsumerGroup.class).orElseThrow();
    }

    ConsumerGroupMember member(String memberId) {
        return group().member(memberId);
    }

    /** The request a v1 consumer sends when it (re-)joins, subscribing to {@code topicNames}. */
    static ConsumerGroupHeartbeatRequestData joinRequest(String memberId, String... topicNames) {
        return new ConsumerGroupHeartbeatRequestData().setGroupId(GROUP).setMemberId(memberId).setMemberEpoch(0)
                .setRebalanceTimeoutMs(30_000).setSubscribedTopicNames(List.of(topicNames)).setTopicPartitions(List.of());
    }

    /** A steady-state heartbeat reporting {@code owned}. */
    static ConsumerGroupHeartbeatRequestData heartbeatRequest(String memberId, int epoch, PartitionAssignment owned) {
        List<ConsumerGroupHeartbeatRequestData.TopicPartitions> topics = new ArrayList<>();
        owned.partitions().forEach((id, partitions) -> topics.add(new ConsumerGroupHeartbeatRequestData.TopicPartitions()
                .setTopicId(id).setPartitions(new ArrayList<>(partitions))));
        return new ConsumerGroupHeartbeatRequestData().setGroupId(GROUP).setMemberId(memberId).setMemberEpoch(epoch)
                .setTopicPartitions(topics);
    }

    ConsumerGroupHeartbeatResponseData heartbeat(ConsumerGroupHeartbeatRequestData request) {
        return heartbeat(VERSION, request);
    }

    ConsumerGroupHeartbeatResponseData heartbeat(short version, ConsumerGroupHeartbeatRequestData request) {
        return write(manager.heartbeat(new RequestInfo("client", "/127.0.0.1", version), request));
    }

    /** A heartbeat expected to succeed. */
    ConsumerGroupHeartbeatResponseData heartbeatOk(ConsumerGroupHeartbeatRequestData request) {
        ConsumerGroupHeartbeatResponseData response = heartbeat(request);
        assertEquals(Errors.NONE.code(), response.errorCode(), response.errorMessage());
        assertNull(response.errorMessage());
        return response;
    }

    /** A heartbeat expected to fail with {@code error}; it must write nothing. */
    ConsumerGroupHeartbeatResponseData heartbeatFails(Errors error, ConsumerGroupHeartbeatRequestData request) {
        int logSize = log.size();
        ConsumerGroupHeartbeatResponseData response = heartbeat(request);
        assertEquals(error.code(), response.errorCode(), response.errorMessage());
        assertEquals(logSize, log.size(), "a failed heartbeat writes no records");
        return response;
    }

    <T> T write(CoordinatorResult<T> result) {
        for (CoordinatorRecord record : result.records()) {
            replay(manager, groups, record);
            log.add(record);
        }
        return result.response();
    }

    /** Moves the clock and runs the timers that come due, as the runtime would. */
    void advance(long ms) {
        time.advance(ms, TimeUnit.MILLISECONDS);
        for (ManualCoordinatorTimer.Scheduled due : timer.expired()) {
            write(due.operation().get());
        }
    }

    /** Routes a record like GroupCoordinatorShard: classic group tombstones stand in for the classic manager. */
    static void replay(ConsumerGroupManager manager, GroupStore groups, CoordinatorRecord record) {
        if (record.key() instanceof GroupMetadataKey key) {
            groups.remove(key.group());
        } else {
            manager.replay(record);
        }
    }

    /** A new shard loaded from this one's log. */
    ConsumerGroupTestContext reloaded() {
        ConsumerGroupTestContext copy = new ConsumerGroupTestContext(config);
        copy.topics.putAll(topics);
        copy.topicIds.putAll(topicIds);
        copy.time.advance(time.milliseconds() - copy.time.milliseconds(), TimeUnit.MILLISECONDS);
        for (CoordinatorRecord record : log) {
            replay(copy.manager, copy.groups, record);
            copy.log.add(record);
        }
        copy.manager.onLoaded();
        return copy;
    }

    static PartitionAssignment partitions(Uuid topicId, Integer... partitions) {
        return PartitionAssignment.of(Map.of(topicId, java.util.Set.of(partitions)));
    }

    static PartitionAssignment assignment(ConsumerGroupHeartbeatResponseData response) {
        Map<Uuid, java.util.Set<Integer>> map = new HashMap<>();
        response.assignment().topicPartitions().forEach(tp -> map.put(tp.topicId(), java.util.Set.copyOf(tp.partitions())));
        return PartitionAssignment.of(map);
    }
}
