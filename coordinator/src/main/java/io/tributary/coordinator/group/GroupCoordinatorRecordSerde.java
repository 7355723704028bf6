package io.tributary.coordinator.group;

import io.tributary.coordinator.record.ConsumerGroupCurrentMemberAssignmentKey;
import io.tributary.coordinator.record.ConsumerGroupCurrentMemberAssignmentValue;
import io.tributary.coordinator.record.ConsumerGroupMemberMetadataKey;
import io.tributary.coordinator.record.ConsumerGroupMemberMetadataValue;
import io.tributary.coordinator.record.ConsumerGroupMetadataKey;
import io.tributary.coordinator.record.ConsumerGroupMetadataValue;
import io.tributary.coordinator.record.GroupMetadataKey;
import io.tributary.coordinator.record.GroupMetadataValue;
import io.tributary.coordinator.record.OffsetCommitKey;
import io.tributary.coordinator.record.OffsetCommitValue;
import io.tributary.coordinator.runtime.CoordinatorRecordSerde;
import io.tributary.protocol.ApiMessage;

/**
 * The records of {@code __consumer_offsets}, by Kafka's record types: 0 and 1 offset commits (0 is
 * Kafka's legacy key, same fields), 2 classic group metadata, 3 consumer group metadata, 5
 * consumer group member metadata, 8 consumer group member current assignment. Kafka's other types
 * (target assignments, share and streams groups) are not written by Tributary and are skipped when
 * loading.
 */
public final class GroupCoordinatorRecordSerde extends CoordinatorRecordSerde {

    public static final short LEGACY_OFFSET_COMMIT = 0;
    public static final short OFFSET_COMMIT = 1;
    public static final short GROUP_METADATA = 2;
    public static final short CONSUMER_GROUP_METADATA = 3;
    public static final short CONSUMER_GROUP_MEMBER_METADATA = 5;
    public static final short CONSUMER_GROUP_CURRENT_MEMBER_ASSIGNMENT = 8;

    @Override
    protected ApiMessage newKey(short type) {
        return switch (type) {
            case LEGACY_OFFSET_COMMIT, OFFSET_COMMIT -> new OffsetCommitKey();
            case GROUP_METADATA -> new GroupMetadataKey();
            case CONSUMER_GROUP_METADATA -> new ConsumerGroupMetadataKey();
            case CONSUMER_GROUP_MEMBER_METADATA -> new ConsumerGroupMemberMetadataKey();
            case CONSUMER_GROUP_CURRENT_MEMBER_ASSIGNMENT -> new ConsumerGroupCurrentMemberAssignmentKey();
            default -> throw new UnknownRecordTypeException(type);
        };
    }

    @Override
    protected ApiMessage newValue(short type) {
        return switch (type) {
            case LEGACY_OFFSET_COMMIT, OFFSET_COMMIT -> new OffsetCommitValue();
            case GROUP_METADATA -> new GroupMetadataValue();
            case CONSUMER_GROUP_METADATA -> new ConsumerGroupMetadataValue();
            case CONSUMER_GROUP_MEMBER_METADATA -> new ConsumerGroupMemberMetadataValue();
            case CONSUMER_GROUP_CURRENT_MEMBER_ASSIGNMENT -> new ConsumerGroupCurrentMemberAssignmentValue();
            default -> throw new UnknownRecordTypeException(type);
        };
    }
}
