package io.tributary.coordinator.group;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.TopicImage;
import io.tributary.protocol.Errors;
import io.tributary.protocol.Uuid;
import io.tributary.protocol.message.OffsetCommitRequestData;
import io.tributary.protocol.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import io.tributary.protocol.message.OffsetCommitResponseData;
import io.tributary.protocol.message.OffsetCommitResponseData.OffsetCommitResponsePartition;
import io.tributary.protocol.message.OffsetCommitResponseData.OffsetCommitResponseTopic;
import io.tributary.protocol.message.OffsetFetchResponseData.OffsetFetchResponseGroup;
import java.util.Optional;

/** Topic resolution and whole-request errors for OffsetCommit and OffsetFetch. */
final class OffsetResponses {

    private OffsetResponses() {
    }

    /** Every partition of the request answered with {@code error}. */
    static OffsetCommitResponseData commitError(OffsetCommitRequestData request, Errors error) {
        OffsetCommitResponseData response = new OffsetCommitResponseData();
        for (OffsetCommitRequestTopic topic : request.topics()) {
            OffsetCommitResponseTopic responseTopic = new OffsetCommitResponseTopic().setName(topic.name()).setTopicId(topic.topicId());
            topic.partitions().forEach(p -> responseTopic.partitions().add(
                    new OffsetCommitResponsePartition().setPartitionIndex(p.partitionIndex()).setErrorCode(error.code())));
            response.topics().add(responseTopic);
        }
        return response;
    }

    /**
     * The part of a commit whose topics and partitions exist, names filled in from v10 topic ids;
     * the rest is answered into {@code unknown} with UNKNOWN_TOPIC_ID (by id) or
     * UNKNOWN_TOPIC_OR_PARTITION (by name), as Kafka checks its metadata cache.
     */
    static OffsetCommitRequestData splitUnknownTopics(OffsetCommitRequestData request, MetadataImage image, short apiVersion,
                                                     OffsetCommitResponseData unknown) {
        OffsetCommitRequestData known = new OffsetCommitRequestData().setGroupId(request.groupId())
                .setGenerationIdOrMemberEpoch(request.generationIdOrMemberEpoch()).setMemberId(request.memberId())
                .setGroupInstanceId(request.groupInstanceId()).setRetentionTimeMs(request.retentionTimeMs());
        boolean byId = apiVersion >= 10;
        for (OffsetCommitRequestTopic topic : request.topics()) {
            Optional<TopicImage> image1 = byId ? image.topics().topic(topic.topicId()) : image.topics().topic(topic.name());
            if (image1.isEmpty()) {
                Errors error = byId ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION;
                unknown.topics().add(topicError(topic, error));
                continue;
            }
            TopicImage t = image1.get();
            OffsetCommitRequestTopic knownTopic = new OffsetCommitRequestTopic().setName(t.name()).setTopicId(topic.topicId());
            OffsetCommitResponseTopic unknownPartitions = new OffsetCommitResponseTopic().setName(topic.name()).setTopicId(topic.topicId());
            for (OffsetCommitRequestData.OffsetCommitRequestPartition p : topic.partitions()) {
                if (t.partitions().containsKey(p.partitionIndex())) {
                    knownTopic.partitions().add(p);
                } else {
                    unknownPartitions.partitions().add(new OffsetCommitResponsePartition().setPartitionIndex(p.partitionIndex())
                            .setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code()));
                }
            }
            if (!knownTopic.partitions().isEmpty()) {
                known.topics().add(knownTopic);
            }
            if (!unknownPartitions.partitions().isEmpty()) {
                unknown.topics().add(unknownPartitions);
            }
        }
        return known;
    }

    private static OffsetCommitResponseTopic topicError(OffsetCommitRequestTopic topic, Errors error) {
        OffsetCommitResponseTopic responseTopic = new OffsetCommitResponseTopic().setName(topic.name()).setTopicId(topic.topicId());
        topic.partitions().forEach(p -> responseTopic.partitions().add(
                new OffsetCommitResponsePartition().setPartitionIndex(p.partitionIndex()).setErrorCode(error.code())));
        return responseTopic;
    }

    /** From v10 topics are answered by id: fill the ids of the topics the group committed by name. */
    static OffsetFetchResponseGroup withTopicIds(OffsetFetchResponseGroup group, MetadataImage image, short apiVersion) {
        if (apiVersion >= 10) {
            group.topics().forEach(topic -> {
                if (topic.topicId() == null || Uuid.ZERO_UUID.equals(topic.topicId())) {
                    topic.setTopicId(image.topics().topic(topic.name()).map(TopicImage::id).orElse(Uuid.ZERO_UUID));
                }
            });
        }
        return group;
    }
}
