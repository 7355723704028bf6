package io.tributary.coordinator.group.consumer;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.protocol.message.ConsumerGroupDescribeResponseData;
import io.tributary.protocol.message.ConsumerGroupDescribeResponseData.DescribedGroup;
import java.util.ArrayList;
import java.util.List;

/** Builds the ConsumerGroupDescribe answer for a consumer group; topic names come from the metadata image. */
final class ConsumerGroupDescriber {

    /** {@code MemberType} of a member speaking the consumer (KIP-848) protocol. */
    static final byte CONSUMER_MEMBER_TYPE = 1;

    private ConsumerGroupDescriber() {
    }

    static DescribedGroup describe(ConsumerGroup group, String assignorName, MetadataImage image) {
        List<ConsumerGroupDescribeResponseData.Member> members = new ArrayList<>();
        for (ConsumerGroupMember member : group.members().values()) {
            members.add(new ConsumerGroupDescribeResponseData.Member()
                    .setMemberId(member.memberId())
                    .setInstanceId(member.instanceId())
                    .setRackId(member.rackId())
                    .setMemberEpoch(member.memberEpoch())
                    .setClientId(member.clientId())
                    .setClientHost(member.clientHost())
                    .setSubscribedTopicNames(new ArrayList<>(member.subscribedTopicNames()))
                    .setSubscribedTopicRegex(member.subscribedTopicRegex())
                    .setAssignment(assignment(member.assignedPartitions(), image))
                    .setTargetAssignment(assignment(group.targetAssignment(member.memberId()), image))
                    .setMemberType(CONSUMER_MEMBER_TYPE));
        }
        return new DescribedGroup()
                .setGroupId(group.groupId())
                .setGroupState(group.stateName())
                .setGroupEpoch(group.groupEpoch())
                .setAssignmentEpoch(group.assignmentEpoch())
                .setAssignorName(assignorName)
                .setMembers(members);
    }

    /** Partitions of topics that no longer exist are left out: a client could not name them. */
    private static ConsumerGroupDescribeResponseData.Assignment assignment(PartitionAssignment partitions, MetadataImage image) {
        List<ConsumerGroupDescribeResponseData.TopicPartitions> topics = new ArrayList<>();
        partitions.partitions().forEach((topicId, ids) -> image.topics().topic(topicId).ifPresent(topic ->
                topics.add(new ConsumerGroupDescribeResponseData.TopicPartitions()
                        .setTopicId(topicId).setTopicName(topic.name()).setPartitions(new ArrayList<>(ids)))));
        return new ConsumerGroupDescribeResponseData.Assignment().setTopicPartitions(topics);
    }
}
