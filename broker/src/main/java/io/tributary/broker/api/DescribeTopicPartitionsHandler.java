package io.tributary.broker.api;

import io.tributary.controller.TopicNames;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.Uuid;
import io.tributary.protocol.message.DescribeTopicPartitionsRequestData;
import io.tributary.protocol.message.DescribeTopicPartitionsRequestData.TopicRequest;
import io.tributary.protocol.message.DescribeTopicPartitionsResponseData;
import io.tributary.protocol.message.DescribeTopicPartitionsResponseData.Cursor;
import io.tributary.protocol.message.DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponsePartition;
import io.tributary.protocol.message.DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponseTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * DescribeTopicPartitions (KIP-966; what Kafka 4's Admin {@code describeTopics} and
 * {@code kafka-topics.sh --describe} use): topics and their partitions, paged by partition count,
 * with Kafka 4.3.1's rules (checked against a running Kafka broker):
 *
 * <ul>
 *   <li>The topics are the requested names, or every topic for an empty list, without duplicates,
 *       in name order, from the cursor's topic on. With a cursor and a list, the list must contain
 *       the cursor's topic; a cursor's partition must not be negative. Breaking either fails the
 *       request: every requested topic (duplicates too) gets INVALID_REQUEST.</li>
 *   <li>At most {@code min(maxPartitionsPerResponse, ResponsePartitionLimit)} partitions are returned,
 *       and at least one. The cursor's topic starts at the cursor's partition, the others at 0.
 *       When the budget runs out inside a topic, {@code NextCursor} points at its first partition not
 *       returned; when it runs out exactly at a topic's end and more topics follow, at partition 0
 *       of the next one (which need not exist). A topic starting past its last partition is returned
 *       with no partitions.</li>
 *   <li>A requested topic that does not exist is UNKNOWN_TOPIC_OR_PARTITION (INVALID_TOPIC_EXCEPTION
 *       for an illegal name) with the zero topic id, and uses none of the budget.</li>
 *   <li>The leader is -1 unless its broker is registered with the request's listener; replicas and
 *       ISR are listed as they are; a replica is offline when its broker is not registered, is
 *       fenced, lacks the listener, or has lost the replica's log directory. Tributary keeps no
 *       eligible leader replicas, so both ELR lists are empty, as Kafka sends them without ELR.</li>
 *   <li>Topic authorized operations are always filled in (the request has no flag to ask); with no
 *       authorizer, every topic operation is allowed, as in Kafka.</li>
 * </ul>
 *
 * <p>Immutable; runs on the connection's event loop and reads one metadata image per request.
 */
public final class DescribeTopicPartitionsHandler implements ApiHandler {

    /** Kafka's default for {@code max.request.partition.size.limit}. */
    public static final int DEFAULT_MAX_PARTITIONS_PER_RESPONSE = 2000;

    /**
     * Every operation on a topic, as Kafka's AclOperation codes in a bit field: READ (3), WRITE (4),
     * CREATE (5), DELETE (6), ALTER (7), DESCRIBE (8), DESCRIBE_CONFIGS (10), ALTER_CONFIGS (11).
     */
    static final int ALL_TOPIC_OPERATIONS = bits(3, 4, 5, 6, 7, 8, 10, 11);

    /** Kafka's {@code DirectoryId.UNASSIGNED} and {@code DirectoryId.LOST}; the zero id is MIGRATING. */
    private static final Uuid UNASSIGNED_DIRECTORY = new Uuid(0L, 1L);
    private static final Uuid LOST_DIRECTORY = new Uuid(0L, 2L);

    private final Supplier<MetadataImage> images;
    private final int maxPartitionsPerResponse;

    /**
     * @param images                   the latest metadata image, e.g. {@code controller::image}
     * @param maxPartitionsPerResponse Kafka's {@code max.request.partition.size.limit}
     */
    public DescribeTopicPartitionsHandler(Supplier<MetadataImage> images, int maxPartitionsPerResponse) {
        if (maxPartitionsPerResponse < 1) {
            throw new IllegalArgumentException("maxPartitionsPerResponse must be at least 1, not " + maxPartitionsPerResponse);
        }
        this.images = images;
        this.maxPartitionsPerResponse = maxPartitionsPerResponse;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_TOPIC_PARTITIONS;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        DescribeTopicPartitionsRequestData describe = (DescribeTopicPartitionsRequestData) request.body();
        MetadataImage image = images.get();
        DescribeTopicPartitionsRequestData.Cursor cursor = describe.cursor();
        String cursorTopic = cursor == null ? "" : cursor.topicName();
        boolean allTopics = describe.topics().isEmpty();
        SortedSet<String> topics = new TreeSet<>();
        if (allTopics) {
            topics.addAll(image.topics().topicsByName().keySet());
        } else {
            describe.topics().forEach(t -> topics.add(t.name()));
        }
        topics.headSet(cursorTopic).clear();
        if (cursor != null && !allTopics && !topics.contains(cursorTopic)) {
            return ApiHandler.respond(request, failed(describe, Errors.INVALID_REQUEST));
        }
        if (cursor != null && cursor.partitionIndex() < 0) {
            return ApiHandler.respond(request, failed(describe, Errors.INVALID_REQUEST));
        }
        int budget = Math.max(Math.min(maxPartitionsPerResponse, describe.responsePartitionLimit()), 1);
        DescribeTopicPartitionsResponseData response = describeTopics(image, topics, cursor, budget, allTopics,
                request.listenerName());
        response.topics().forEach(t -> t.setTopicAuthorizedOperations(ALL_TOPIC_OPERATIONS));
        return ApiHandler.respond(request, response);
    }

    /** Kafka's {@code KRaftMetadataCache.describeTopicResponse}: the paging described in the class comment. */
    private static DescribeTopicPartitionsResponseData describeTopics(MetadataImage image, SortedSet<String> topics,
            DescribeTopicPartitionsRequestData.Cursor cursor, int budget, boolean allTopics, String listener) {
        DescribeTopicPartitionsResponseData response = new DescribeTopicPartitionsResponseData();
        int remaining = budget;
        for (String name : topics) {
            if (remaining == 0) {
                response.setNextCursor(new Cursor().setTopicName(name).setPartitionIndex(0));
                break;
            }
            TopicImage topic = image.topics().topic(name).orElse(null);
            if (topic == null) {
                if (!allTopics) {
                    response.topics().add(missing(name));
                }
                continue;
            }
            int first = cursor != null && cursor.topicName().equals(name) ? cursor.partitionIndex() : 0;
            int end = (int) Math.min(topic.partitions().size(), (long) first + remaining);
            List<DescribeTopicPartitionsResponsePartition> partitions = new ArrayList<>();
            for (int id = first; id < end; id++) {
                PartitionRegistration partition = topic.partitions().get(id);
                if (partition != null) {
                    partitions.add(describe(image, id, partition, listener));
                }
            }
            response.topics().add(new DescribeTopicPartitionsResponseTopic().setErrorCode(Errors.NONE.code())
                    .setName(name).setTopicId(topic.id()).setIsInternal(TopicNames.isInternal(name)).setPartitions(partitions));
            remaining -= partitions.size();
            if (end < topic.partitions().size()) {
                response.setNextCursor(new Cursor().setTopicName(name).setPartitionIndex(end));
                break;
            }
        }
        return response;
    }

    private static DescribeTopicPartitionsResponsePartition describe(MetadataImage image, int id,
                                                                     PartitionRegistration partition, String listener) {
        BrokerRegistration leader = image.cluster().broker(partition.leader()).orElse(null);
        boolean leaderReachable = leader != null && leader.listener(listener).isPresent();
        List<Integer> offline = new ArrayList<>();
        for (int i = 0; i < partition.replicas().size(); i++) {
            int replica = partition.replicas().get(i);
            BrokerRegistration broker = image.cluster().broker(replica).orElse(null);
            if (broker == null || broker.fenced() || broker.listener(listener).isEmpty() || lostDirectory(partition, i, broker)) {
                offline.add(replica);
            }
        }
        return new DescribeTopicPartitionsResponsePartition()
                .setErrorCode(Errors.NONE.code())
                .setPartitionIndex(id)
                .setLeaderId(leaderReachable ? partition.leader() : PartitionRegistration.NO_LEADER)
                .setLeaderEpoch(partition.leaderEpoch())
                .setReplicaNodes(new ArrayList<>(partition.replicas()))
                .setIsrNodes(new ArrayList<>(partition.isr()))
                .setEligibleLeaderReplicas(new ArrayList<>())
                .setLastKnownElr(new ArrayList<>())
                .setOfflineReplicas(offline);
    }

    /** Kafka's {@code DirectoryId.isOnline}, negated, for the directory of the replica at {@code index}. */
    private static boolean lostDirectory(PartitionRegistration partition, int index, BrokerRegistration broker) {
        if (partition.directories().isEmpty()) {
            return false;
        }
        Uuid directory = partition.directories().get(index);
        if (directory.equals(Uuid.ZERO_UUID) || directory.equals(UNASSIGNED_DIRECTORY)) {
            return false;
        }
        return directory.equals(LOST_DIRECTORY) || !broker.directories().isEmpty() && !broker.directories().contains(directory);
    }

    private static DescribeTopicPartitionsResponseTopic missing(String name) {
        Errors error = TopicNames.invalidReason(name) == null ? Errors.UNKNOWN_TOPIC_OR_PARTITION : Errors.INVALID_TOPIC_EXCEPTION;
        return new DescribeTopicPartitionsResponseTopic().setErrorCode(error.code()).setName(name)
                .setTopicId(Uuid.ZERO_UUID).setIsInternal(TopicNames.isInternal(name));
    }

    /** Kafka's {@code DescribeTopicPartitionsRequest.getErrorResponse}: the error for every requested topic. */
    private static DescribeTopicPartitionsResponseData failed(DescribeTopicPartitionsRequestData describe, Errors error) {
        DescribeTopicPartitionsResponseData response = new DescribeTopicPartitionsResponseData();
        for (TopicRequest topic : describe.topics()) {
            response.topics().add(new DescribeTopicPartitionsResponseTopic().setName(topic.name())
                    .setErrorCode(error.code()).setIsInternal(false).setPartitions(new ArrayList<>()));
        }
        return response;
    }

    private static int bits(int... positions) {
        int field = 0;
        for (int position : positions) {
            field |= 1 << position;
        }
        return field;
    }
}
