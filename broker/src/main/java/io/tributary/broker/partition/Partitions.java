package io.tributary.broker.partition;

import io.tributary.protocol.Uuid;
import io.tributary.storage.LogConfig;
import io.tributary.storage.LogManager;
import io.tributary.storage.PartitionLog;
import io.tributary.storage.TopicPartition;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The partitions this broker hosts, by topic-partition, and the topic ids that name them. Kept in
 * step with the metadata image by the broker's metadata publisher; read by every handler.
 *
 * <p>Thread safety: concurrent maps; creation and removal of a partition are serialised on this
 * object.
 */
public final class Partitions {

    private final LogManager logManager;
    private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();
    private final Map<String, Uuid> topicIds = new ConcurrentHashMap<>();
    private final Map<Uuid, String> topicNames = new ConcurrentHashMap<>();

    public Partitions(LogManager logManager) {
        this.logManager = logManager;
    }

    /** The log manager holding the hosted partitions' logs. */
    public LogManager logManager() {
        return logManager;
    }

    public Partition get(TopicPartition tp) {
        return partitions.get(tp);
    }

    public Partition get(String topic, int partition) {
        return partitions.get(new TopicPartition(topic, partition));
    }

    public Collection<Partition> all() {
        return partitions.values();
    }

    /** The id of a hosted topic, or null. */
    public Uuid topicId(String topic) {
        return topicIds.get(topic);
    }

    /** The name of a hosted topic, or null. */
    public String topicName(Uuid topicId) {
        return topicNames.get(topicId);
    }

    /**
     * Hosts {@code tp} as leader, opening or creating its log; a partition already hosted gets the new
     * epoch, config and in-sync replicas.
     *
     * @param isrState the replicas and ISR of the partition's registration, and the topic's
     *                 {@code min.insync.replicas}
     */
    public synchronized Partition host(TopicPartition tp, Uuid topicId, LogConfig config, int leaderEpoch, IsrState isrState) {
        topicIds.put(tp.topic(), topicId);
        topicNames.put(topicId, tp.topic());
        Partition existing = partitions.get(tp);
        if (existing != null) {
            existing.setLeaderEpoch(leaderEpoch);
            existing.updateIsrState(isrState);
            existing.log().updateConfig(config);
            return existing;
        }
        PartitionLog log = logManager.getOrCreateLog(tp, config);
        log.updateConfig(config);
        Partition partition = new Partition(tp, topicId, log, leaderEpoch, isrState);
        partitions.put(tp, partition);
        return partition;
    }

    /** Stops hosting every partition of {@code topic} and deletes their logs. */
    public synchronized void removeTopic(String topic) {
        Uuid id = topicIds.remove(topic);
        if (id != null) {
            topicNames.remove(id);
        }
        for (TopicPartition tp : partitions.keySet().toArray(TopicPartition[]::new)) {
            if (tp.topic().equals(topic)) {
                partitions.remove(tp);
                logManager.deleteLog(tp);
            }
        }
    }
}
