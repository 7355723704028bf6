package io.tributary.coordinator.group;

import io.tributary.coordinator.group.classic.ClassicGroupManager;
import io.tributary.coordinator.group.consumer.ConsumerGroupManager;
import io.tributary.coordinator.group.offset.OffsetStore;
import io.tributary.coordinator.record.GroupMetadataKey;
import io.tributary.coordinator.record.GroupMetadataValue;
import io.tributary.coordinator.record.OffsetCommitKey;
import io.tributary.coordinator.record.OffsetCommitValue;
import io.tributary.coordinator.runtime.CoordinatorException;
import io.tributary.coordinator.runtime.CoordinatorRecord;
import io.tributary.coordinator.runtime.CoordinatorResult;
import io.tributary.coordinator.runtime.CoordinatorShard;
import io.tributary.coordinator.runtime.ShardContext;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.DeleteGroupsResponseData.DeletableGroupResult;
import io.tributary.protocol.message.ListGroupsResponseData.ListedGroup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One partition of {@code __consumer_offsets}: its groups of both protocols and their committed
 * offsets. Records are dispatched by type to the part that owns them; operations that span both
 * protocols (list, delete, offset expiry) live here. Owned by the runtime thread of its partition.
 */
public final class GroupCoordinatorShard implements CoordinatorShard {

    static final String EXPIRE_OFFSETS_TIMER = "expire-offsets";

    private final ShardContext context;
    private final GroupConfig config;
    private final GroupStore groups = new GroupStore();
    private final ClassicGroupManager classic;
    private final ConsumerGroupManager consumer;
    private final OffsetStore offsets;

    public GroupCoordinatorShard(ShardContext context, GroupConfig config, Supplier<MetadataImage> metadata) {
        this.context = context;
        this.config = config;
        this.classic = new ClassicGroupManager(context, config, groups);
        this.consumer = new ConsumerGroupManager(context, config, groups, metadata);
        this.offsets = new OffsetStore(config, groups, classic::getOrCreateEmptyGroup);
    }

    public ClassicGroupManager classic() {
        return classic;
    }

    public ConsumerGroupManager consumer() {
        return consumer;
    }

    public OffsetStore offsets() {
        return offsets;
    }

    public GroupStore groups() {
        return groups;
    }

    public long timeMs() {
        return context.time().milliseconds();
    }

    @Override
    public void replay(long offset, CoordinatorRecord record) {
        switch (record.type()) {
            case GroupCoordinatorRecordSerde.LEGACY_OFFSET_COMMIT, GroupCoordinatorRecordSerde.OFFSET_COMMIT ->
                    offsets.replay((OffsetCommitKey) record.key(), (OffsetCommitValue) record.value());
            case GroupCoordinatorRecordSerde.GROUP_METADATA ->
                    classic.replay((GroupMetadataKey) record.key(), (GroupMetadataValue) record.value());
            case GroupCoordinatorRecordSerde.CONSUMER_GROUP_METADATA,
                 GroupCoordinatorRecordSerde.CONSUMER_GROUP_MEMBER_METADATA,
                 GroupCoordinatorRecordSerde.CONSUMER_GROUP_CURRENT_MEMBER_ASSIGNMENT -> consumer.replay(record);
            default -> throw new IllegalArgumentException("unexpected record type " + record.type());
        }
    }

    @Override
    public void onLoaded() {
        classic.onLoaded();
        consumer.onLoaded();
        scheduleOffsetExpiry();
    }

    @Override
    public void onUnloaded() {
        classic.onUnloaded();
        consumer.onUnloaded();
    }

    private void scheduleOffsetExpiry() {
        context.timer().schedule(EXPIRE_OFFSETS_TIMER, config.offsetsRetentionCheckIntervalMs(), () -> {
            scheduleOffsetExpiry();
            return CoordinatorResult.records(expireOffsetsAndEmptyGroups());
        });
    }

    /**
     * Expired offsets, and then groups left without members or offsets: Kafka's periodic cleanup.
     */
    List<CoordinatorRecord> expireOffsetsAndEmptyGroups() {
        List<CoordinatorRecord> records = new ArrayList<>(offsets.expire(context.time().milliseconds()));
        Map<String, Long> expiringPerGroup = records.stream()
                .collect(Collectors.groupingBy(r -> ((OffsetCommitKey) r.key()).group(), Collectors.counting()));
        for (Group group : groups.all()) {
            if (group.isEmpty() && offsets.offsetCount(group.groupId()) == expiringPerGroup.getOrDefault(group.groupId(), 0L)) {
                records.addAll(group.deletionRecords());
            }
        }
        return records;
    }

    /** ListGroups: groups whose state and type pass the (case-insensitive) filters; empty filters pass all. */
    public List<ListedGroup> listGroups(List<String> statesFilter, List<String> typesFilter) {
        Set<String> states = lowerCase(statesFilter);
        Set<String> types = lowerCase(typesFilter);
        List<ListedGroup> listed = new ArrayList<>();
        for (Group group : groups.all()) {
            if (!states.isEmpty() && !states.contains(group.stateName().toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (!types.isEmpty() && !types.contains(group.type().wireName())) {
                continue;
            }
            listed.add(new ListedGroup().setGroupId(group.groupId()).setProtocolType(group.protocolType())
                    .setGroupState(group.stateName()).setGroupType(group.type().wireName()));
        }
        return listed;
    }

    private static Set<String> lowerCase(List<String> values) {
        Set<String> set = new HashSet<>();
        if (values != null) {
            values.forEach(v -> set.add(v.toLowerCase(Locale.ROOT)));
        }
        return set;
    }

    /** DeleteGroups for the ids this shard owns: tombstones for the group and all its offsets. */
    public CoordinatorResult<List<DeletableGroupResult>> deleteGroups(List<String> groupIds) {
        List<CoordinatorRecord> records = new ArrayList<>();
        List<DeletableGroupResult> results = new ArrayList<>();
        for (String groupId : groupIds) {
            Errors error = Errors.NONE;
            try {
                Group group = groups.get(groupId)
                        .orElseThrow(() -> new CoordinatorException(Errors.GROUP_ID_NOT_FOUND, "group " + groupId + " does not exist"));
                group.validateDeleteGroup();
                records.addAll(offsets.deleteAll(groupId));
                records.addAll(group.deletionRecords());
            } catch (CoordinatorException e) {
                error = e.error();
            }
            results.add(new DeletableGroupResult().setGroupId(groupId).setErrorCode(error.code()));
        }
        return CoordinatorResult.of(records, results);
    }
}
