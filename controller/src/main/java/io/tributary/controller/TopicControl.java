package io.tributary.controller;

import io.tributary.controller.Controller.Result;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metadata.record.ConfigRecord;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.RemoveTopicRecord;
import io.tributary.metadata.record.TopicRecord;
import io.tributary.protocol.ApiMessage;
import io.tributary.protocol.Errors;
import io.tributary.protocol.Uuid;
import io.tributary.protocol.message.CreatePartitionsRequestData;
import io.tributary.protocol.message.CreatePartitionsRequestData.CreatePartitionsAssignment;
import io.tributary.protocol.message.CreatePartitionsRequestData.CreatePartitionsTopic;
import io.tributary.protocol.message.CreatePartitionsResponseData;
import io.tributary.protocol.message.CreatePartitionsResponseData.CreatePartitionsTopicResult;
import io.tributary.protocol.message.CreateTopicsRequestData;
import io.tributary.protocol.message.CreateTopicsRequestData.CreatableReplicaAssignment;
import io.tributary.protocol.message.CreateTopicsRequestData.CreatableTopic;
import io.tributary.protocol.message.CreateTopicsRequestData.CreatableTopicConfig;
import io.tributary.protocol.message.CreateTopicsResponseData;
import io.tributary.protocol.message.CreateTopicsResponseData.CreatableTopicResult;
import io.tributary.protocol.message.DeleteTopicsRequestData;
import io.tributary.protocol.message.DeleteTopicsRequestData.DeleteTopicState;
import io.tributary.protocol.message.DeleteTopicsResponseData;
import io.tributary.protocol.message.DeleteTopicsResponseData.DeletableTopicResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Topic operations of the controller, with Kafka's validation and error codes: pure functions from
 * the current image and a request to the records to commit and the response. Run on the controller
 * thread through {@link Controller#submit}.
 */
public final class TopicControl {

    private final ControllerConfig config;

    public TopicControl(ControllerConfig config) {
        this.config = config;
    }

    public Result<CreateTopicsResponseData> createTopics(MetadataImage image, CreateTopicsRequestData request) {
        CreateTopicsResponseData response = new CreateTopicsResponseData();
        List<ApiMessage> records = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new HashSet<>();
        request.topics().forEach(t -> {
            if (!seen.add(t.name())) {
                duplicates.add(t.name());
            }
        });
        for (CreatableTopic topic : request.topics()) {
            CreatableTopicResult result = new CreatableTopicResult().setName(topic.name());
            if (duplicates.contains(topic.name())) {
                fail(result, Errors.INVALID_REQUEST, "Create topics request from client contains multiple entries for topic " + topic.name());
            } else {
                createTopic(image, topic, request.validateOnly(), result, records);
            }
            response.topics().add(result);
        }
        return new Result<>(records, response);
    }

    /** Creates one topic: validation in Kafka's order, then its records (or none for validate-only). */
    private void createTopic(MetadataImage image, CreatableTopic topic, boolean validateOnly, CreatableTopicResult result,
                             List<ApiMessage> records) {
        String invalidName = TopicNames.invalidReason(topic.name());
        if (invalidName != null) {
            fail(result, Errors.INVALID_TOPIC_EXCEPTION, invalidName);
            return;
        }
        if (image.topics().topic(topic.name()).isPresent()) {
            fail(result, Errors.TOPIC_ALREADY_EXISTS, "Topic '" + topic.name() + "' already exists.");
            return;
        }
        String collision = collidingTopic(image, topic.name());
        if (collision != null) {
            fail(result, Errors.INVALID_TOPIC_EXCEPTION, "Topic '" + topic.name() + "' collides with existing topic: " + collision);
            return;
        }
        List<List<Integer>> assignment = assignment(image, topic, result);
        if (assignment == null) {
            return;
        }
        Map<String, String> configs = new LinkedHashMap<>();
        for (CreatableTopicConfig c : topic.configs()) {
            configs.put(c.name(), c.value());
        }
        String invalidConfig = config.topicConfigs().invalidReason(configs, image);
        if (invalidConfig != null) {
            fail(result, Errors.INVALID_CONFIG, invalidConfig);
            return;
        }
        // An empty list, not null: the broker fills in the topic's effective configs (it owns their definitions).
        result.setNumPartitions(assignment.size()).setReplicationFactor((short) assignment.get(0).size()).setConfigs(new ArrayList<>());
        if (validateOnly) {
            return;
        }
        Uuid id = Uuid.randomUuid();
        result.setTopicId(id);
        records.add(new TopicRecord().setName(topic.name()).setTopicId(id));
        for (int p = 0; p < assignment.size(); p++) {
            records.add(partitionRecord(id, p, assignment.get(p)));
        }
        configs.forEach((k, v) -> records.add(new ConfigRecord().setResourceType((byte) 2).setResourceName(topic.name()).setName(k).setValue(v)));
    }

    /** The replicas of each partition, or null after setting the error on {@code result}. */
    private List<List<Integer>> assignment(MetadataImage image, CreatableTopic topic, CreatableTopicResult result) {
        Set<Integer> brokers = image.cluster().brokers().keySet();
        if (!topic.assignments().isEmpty()) {
            if (topic.numPartitions() != -1 || topic.replicationFactor() != -1) {
                fail(result, Errors.INVALID_REQUEST, "Both numPartitions or replicationFactor and replicasAssignments were set. "
                        + "Both cannot be used at the same time.");
                return null;
            }
            return explicitAssignment(topic.assignments(), brokers, result);
        }
        int partitions = topic.numPartitions() == -1 ? config.defaultPartitions() : topic.numPartitions();
        if (partitions <= 0) {
            fail(result, Errors.INVALID_PARTITIONS, "Number of partitions was set to an invalid non-positive value.");
            return null;
        }
        int replicationFactor = topic.replicationFactor() == -1 ? config.defaultReplicationFactor() : topic.replicationFactor();
        if (replicationFactor <= 0) {
            fail(result, Errors.INVALID_REPLICATION_FACTOR, "Replication factor must be larger than 0, or -1 to use the default value.");
            return null;
        }
        if (replicationFactor > brokers.size()) {
            fail(result, Errors.INVALID_REPLICATION_FACTOR, "Unable to replicate the partition " + replicationFactor
                    + " time(s): The target replication factor of " + replicationFactor + " cannot be reached because only "
                    + brokers.size() + " broker(s) are registered.");
            return null;
        }
        List<Integer> sortedBrokers = brokers.stream().sorted().toList();
        List<List<Integer>> assignment = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            List<Integer> replicas = new ArrayList<>();
            for (int r = 0; r < replicationFactor; r++) {
                replicas.add(sortedBrokers.get((p + r) % sortedBrokers.size()));
            }
            assignment.add(replicas);
        }
        return assignment;
    }

    private static List<List<Integer>> explicitAssignment(List<CreatableReplicaAssignment> assignments, Set<Integer> brokers,
                                                          CreatableTopicResult result) {
        List<List<Integer>> byPartition = new ArrayList<>();
        for (int p = 0; p < assignments.size(); p++) {
            int index = p;
            CreatableReplicaAssignment a = assignments.stream().filter(x -> x.partitionIndex() == index).findFirst().orElse(null);
            if (a == null) {
                fail(result, Errors.INVALID_REPLICA_ASSIGNMENT, "Partitions should be consecutive, starting from 0, but partition "
                        + p + " is missing.");
                return null;
            }
            if (a.brokerIds().isEmpty() || new HashSet<>(a.brokerIds()).size() != a.brokerIds().size()) {
                fail(result, Errors.INVALID_REPLICA_ASSIGNMENT, "All partitions must have a non-empty list of distinct replicas.");
                return null;
            }
            for (int broker : a.brokerIds()) {
                if (!brokers.contains(broker)) {
                    fail(result, Errors.INVALID_REPLICA_ASSIGNMENT, "The manual partition assignment includes broker " + broker
                            + ", but no such broker is registered.");
                    return null;
                }
            }
            byPartition.add(List.copyOf(a.brokerIds()));
        }
        return byPartition;
    }

    /** Kafka refuses topics whose names differ only in '.' and '_', since metric names would collide. */
    private static String collidingTopic(MetadataImage image, String name) {
        String normalised = name.replace('.', '_');
        for (String existing : image.topics().topicsByName().keySet()) {
            if (!existing.equals(name) && existing.replace('.', '_').equals(normalised)) {
                return existing;
            }
        }
        return null;
    }

    /**
     * The replicas of each new partition: as assigned in the request (one list per new partition,
     * the topic's replication factor, registered brokers only; INVALID_REPLICA_ASSIGNMENT
     * otherwise), or round-robin over the brokers. Null after setting the error on {@code result}.
     */
    private static List<List<Integer>> newPartitionReplicas(MetadataImage image, TopicImage existing, CreatePartitionsTopic topic,
                                                            CreatePartitionsTopicResult result) {
        int replicationFactor = existing.partitions().get(0).replicas().size();
        int newCount = topic.count() - existing.partitions().size();
        Set<Integer> registered = image.cluster().brokers().keySet();
        List<List<Integer>> replicas = new ArrayList<>();
        if (topic.assignments() != null) {
            if (topic.assignments().size() != newCount) {
                return invalidAssignment(result, "Increasing the number of partitions by " + newCount + " but "
                        + topic.assignments().size() + " assignments provided.");
            }
            for (CreatePartitionsAssignment assignment : topic.assignments()) {
                List<Integer> brokers = assignment.brokerIds();
                if (brokers.size() != replicationFactor || new HashSet<>(brokers).size() != brokers.size()) {
                    return invalidAssignment(result, "Inconsistent replication factor between partitions, partition 0 has "
                            + replicationFactor + " while partitions [" + (existing.partitions().size() + replicas.size())
                            + "] have replication factors [" + brokers.size() + "], respectively.");
                }
                if (!registered.containsAll(brokers)) {
                    return invalidAssignment(result, "Unknown broker(s) in the assignment " + brokers + ".");
                }
                replicas.add(List.copyOf(brokers));
            }
            return replicas;
        }
        List<Integer> brokers = registered.stream().sorted().toList();
        for (int p = existing.partitions().size(); p < topic.count(); p++) {
            List<Integer> partitionReplicas = new ArrayList<>();
            for (int r = 0; r < replicationFactor; r++) {
                partitionReplicas.add(brokers.get((p + r) % brokers.size()));
            }
            replicas.add(partitionReplicas);
        }
        return replicas;
    }

    private static List<List<Integer>> invalidAssignment(CreatePartitionsTopicResult result, String message) {
        result.setErrorCode(Errors.INVALID_REPLICA_ASSIGNMENT.code()).setErrorMessage(message);
        return null;
    }

    private static PartitionRecord partitionRecord(Uuid topicId, int partition, List<Integer> replicas) {
        return new PartitionRecord().setTopicId(topicId).setPartitionId(partition)
                .setReplicas(new ArrayList<>(replicas)).setIsr(new ArrayList<>(replicas))
                .setLeader(replicas.get(0)).setLeaderEpoch(0).setPartitionEpoch(0);
    }

    private static void fail(CreatableTopicResult result, Errors error, String message) {
        result.setErrorCode(error.code()).setErrorMessage(message).setNumPartitions(-1).setReplicationFactor((short) -1).setConfigs(null);
    }

    public Result<DeleteTopicsResponseData> deleteTopics(MetadataImage image, DeleteTopicsRequestData request, short version) {
        DeleteTopicsResponseData response = new DeleteTopicsResponseData();
        List<ApiMessage> records = new ArrayList<>();
        List<DeleteTopicState> targets = new ArrayList<>(request.topics());
        request.topicNames().forEach(n -> targets.add(new DeleteTopicState().setName(n)));
        Set<Uuid> removed = new HashSet<>();
        for (DeleteTopicState target : targets) {
            DeletableTopicResult result = new DeletableTopicResult().setName(target.name()).setTopicId(target.topicId());
            boolean byId = target.name() == null;
            TopicImage topic = byId ? image.topics().topic(target.topicId()).orElse(null) : image.topics().topic(target.name()).orElse(null);
            if (!config.deleteTopicEnable()) {
                result.setErrorCode(Errors.TOPIC_DELETION_DISABLED.code()).setErrorMessage("Topic deletion is disabled.");
            } else if (topic == null) {
                Errors error = byId ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION;
                result.setErrorCode(error.code()).setErrorMessage(error.message());
            } else {
                result.setName(topic.name()).setTopicId(topic.id());
                if (removed.add(topic.id())) {
                    records.add(new RemoveTopicRecord().setTopicId(topic.id()));
                }
            }
            response.responses().add(result);
        }
        return new Result<>(records, response);
    }

    public Result<CreatePartitionsResponseData> createPartitions(MetadataImage image, CreatePartitionsRequestData request) {
        CreatePartitionsResponseData response = new CreatePartitionsResponseData();
        List<ApiMessage> records = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CreatePartitionsTopic topic : request.topics()) {
            CreatePartitionsTopicResult result = new CreatePartitionsTopicResult().setName(topic.name());
            TopicImage existing = image.topics().topic(topic.name()).orElse(null);
            if (!seen.add(topic.name())) {
                result.setErrorCode(Errors.INVALID_REQUEST.code()).setErrorMessage("Duplicate topic name.");
            } else if (existing == null) {
                result.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code()).setErrorMessage(Errors.UNKNOWN_TOPIC_OR_PARTITION.message());
            } else if (topic.count() < existing.partitions().size()) {
                result.setErrorCode(Errors.INVALID_PARTITIONS.code()).setErrorMessage("Topic currently has "
                        + existing.partitions().size() + " partitions, which is higher than the requested " + topic.count() + ".");
            } else if (topic.count() == existing.partitions().size()) {
                result.setErrorCode(Errors.INVALID_PARTITIONS.code()).setErrorMessage("Topic already has " + topic.count() + " partitions.");
            } else {
                List<List<Integer>> added = newPartitionReplicas(image, existing, topic, result);
                if (added != null && !request.validateOnly()) {
                    for (int i = 0; i < added.size(); i++) {
                        records.add(partitionRecord(existing.id(), existing.partitions().size() + i, added.get(i)));
                    }
                }
            }
            response.results().add(result);
        }
        return new Result<>(records, response);
    }
}
