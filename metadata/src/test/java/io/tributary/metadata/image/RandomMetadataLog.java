package io.tributary.metadata.image;

import static io.tributary.metadata.image.TestRecords.brokerChange;
import static io.tributary.metadata.image.TestRecords.config;
import static io.tributary.metadata.image.TestRecords.featureLevel;
import static io.tributary.metadata.image.TestRecords.fenceBroker;
import static io.tributary.metadata.image.TestRecords.partition;
import static io.tributary.metadata.image.TestRecords.partitionChange;
import static io.tributary.metadata.image.TestRecords.producerIds;
import static io.tributary.metadata.image.TestRecords.registerBroker;
import static io.tributary.metadata.image.TestRecords.removeTopic;
import static io.tributary.metadata.image.TestRecords.topic;
import static io.tributary.metadata.image.TestRecords.topicConfig;
import static io.tributary.metadata.image.TestRecords.unfenceBroker;
import static io.tributary.metadata.image.TestRecords.unregisterBroker;

import io.tributary.metadata.record.NoOpRecord;
import io.tributary.metadata.record.PartitionChangeRecord;
import io.tributary.protocol.ApiMessage;
import io.tributary.protocol.Uuid;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A seeded stand-in for a controller: writes a random but valid metadata log (brokers registering,
 * fencing and leaving; topics created with configs and partitions, their leaders and ISRs moving,
 * topics deleted; configs set and deleted; producer id blocks; features), choosing each step from
 * the image the records so far produce.
 */
final class RandomMetadataLog {

    private static final int BROKERS = 5;
    private static final String[] CONFIG_KEYS = {"retention.ms", "cleanup.policy", "segment.bytes"};

    private final Random random;
    private MetadataImage image = MetadataImage.EMPTY;
    private long nextBrokerEpoch = 1;
    private long nextProducerId = 0;

    RandomMetadataLog(long seed) {
        this.random = new Random(seed);
    }

    List<ApiMessage> records(int count) {
        List<ApiMessage> log = new ArrayList<>();
        append(log, List.of(featureLevel(FeaturesImage.METADATA_VERSION, 27)));
        while (log.size() < count) {
            append(log, nextStep());
        }
        return log;
    }

    private void append(List<ApiMessage> log, List<ApiMessage> step) {
        image = TestRecords.replay(image, step);
        log.addAll(step);
    }

    private List<ApiMessage> nextStep() {
        List<BrokerRegistration> brokers = List.copyOf(image.cluster().brokers().values());
        List<TopicImage> topics = List.copyOf(image.topics().topicsById().values());
        switch (random.nextInt(12)) {
            case 0, 1:
                return List.of(registerBroker(random.nextInt(BROKERS), nextBrokerEpoch++));
            case 2:
                if (!brokers.isEmpty()) {
                    BrokerRegistration b = pick(brokers);
                    return List.of(switch (random.nextInt(4)) {
                        case 0 -> fenceBroker(b.id(), b.epoch());
                        case 1 -> unfenceBroker(b.id(), b.epoch());
                        case 2 -> brokerChange(b.id(), b.epoch()).setFenced((byte) (random.nextInt(3) - 1))
                                .setInControlledShutdown((byte) random.nextInt(2));
                        default -> unregisterBroker(b.id(), b.epoch());
                    });
                }
                break;
            case 3, 4:
                return createTopic();
            case 5, 6, 7:
                if (!topics.isEmpty()) {
                    return List.of(changePartition(pick(topics)));
                }
                break;
            case 8:
                if (!topics.isEmpty()) {
                    return List.of(removeTopic(pick(topics).id()));
                }
                break;
            case 9:
                if (!topics.isEmpty()) {
                    return List.of(topicConfig(pick(topics).name(), pick(CONFIG_KEYS), random.nextBoolean() ? null : "v" + random.nextInt(9)));
                }
                return List.of(config(ConfigResource.Type.BROKER, random.nextBoolean() ? "" : "1", "log.retention.ms", "" + random.nextInt(9)));
            case 10:
                nextProducerId += 1000;
                return List.of(producerIds(random.nextInt(BROKERS), nextProducerId));
            default:
                return List.of(random.nextBoolean() ? new NoOpRecord() : featureLevel("transaction.version", random.nextInt(3)));
        }
        return List.of(new NoOpRecord());
    }

    private List<ApiMessage> createTopic() {
        String name = "t" + random.nextInt(8);
        if (image.topics().topic(name).isPresent()) {
            return List.of(new NoOpRecord());
        }
        Uuid id = new Uuid(random.nextLong(), random.nextLong());
        List<ApiMessage> step = new ArrayList<>();
        step.add(topic(name, id));
        for (int i = random.nextInt(3); i > 0; i--) {
            step.add(topicConfig(name, pick(CONFIG_KEYS), "" + random.nextInt(100)));
        }
        for (int p = 0, n = 1 + random.nextInt(3); p < n; p++) {
            step.add(partition(id, p, replicas().toArray(Integer[]::new)));
        }
        return step;
    }

    private PartitionChangeRecord changePartition(TopicImage topic) {
        int partitionId = random.nextInt(topic.partitions().size());
        PartitionRegistration current = topic.partitions().get(partitionId);
        PartitionChangeRecord change = partitionChange(topic.id(), partitionId);
        List<Integer> replicas = current.replicas();
        if (random.nextInt(4) == 0) {
            replicas = replicas();
            change.setReplicas(replicas);
        }
        switch (random.nextInt(3)) {
            case 0 -> change.setLeader(pick(replicas));
            case 1 -> change.setLeader(PartitionRegistration.NO_LEADER);
            default -> { }
        }
        if (random.nextBoolean()) {
            change.setIsr(replicas.subList(0, 1 + random.nextInt(replicas.size())));
        }
        if (random.nextInt(5) == 0) {
            change.setLeaderRecoveryState((byte) random.nextInt(2));
        }
        return change;
    }

    /** One to three distinct brokers. */
    private List<Integer> replicas() {
        List<Integer> all = new ArrayList<>(List.of(0, 1, 2, 3, 4));
        Collections.shuffle(all, random);
        return List.copyOf(all.subList(0, 1 + random.nextInt(3)));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
