package io.tributary.broker.clients;

import static io.tributary.broker.clients.RecordsTestSupport.createTopic;
import static io.tributary.broker.clients.RecordsTestSupport.produce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.broker.Tributary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionReplica;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DescribeLogDirs through the Java Admin client, over two log directories: each directory by
 * absolute path with its capacity, and each partition in it with the bytes of its segments.
 */
class DescribeLogDirsTest {

    private static final String TOPIC = "sized";

    @TempDir
    Path root;
    private Path dirA;
    private Path dirB;
    private Tributary broker;
    private Admin admin;

    @BeforeEach
    void start() throws Exception {
        dirA = Files.createDirectories(root.resolve("a")).toAbsolutePath();
        dirB = Files.createDirectories(root.resolve("b")).toAbsolutePath();
        broker = Tributary.builder().config("log.dirs", dirA + "," + dirB).start();
        admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()));
        createTopic(admin, TOPIC, 2, Map.of());
        produce(broker, new TopicPartition(TOPIC, 0), 5);
        produce(broker, new TopicPartition(TOPIC, 1), 2);
    }

    @AfterEach
    void stop() {
        admin.close();
        broker.close();
    }

    private int nodeId() throws Exception {
        return admin.describeCluster().nodes().get().iterator().next().id();
    }

    private Map<String, LogDirDescription> describeLogDirs() throws Exception {
        int nodeId = nodeId();
        return admin.describeLogDirs(List.of(nodeId)).allDescriptions().get().get(nodeId);
    }

    private static long segmentBytes(Path partitionDir) throws Exception {
        try (Stream<Path> files = Files.list(partitionDir)) {
            long total = 0;
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    private static Path partitionDir(TopicPartition tp, Path... dirs) {
        return Stream.of(dirs).map(d -> d.resolve(tp.toString())).filter(Files::isDirectory).findFirst().orElseThrow();
    }

    @Test
    void everyDirectoryIsDescribedWithItsCapacity() throws Exception {
        Map<String, LogDirDescription> dirs = describeLogDirs();

        assertEquals(Set.of(dirA.toString(), dirB.toString()), dirs.keySet());
        for (LogDirDescription description : dirs.values()) {
            assertTrue(description.error() == null, String.valueOf(description.error()));
            assertTrue(description.totalBytes().isPresent() && description.totalBytes().getAsLong() > 0);
            assertTrue(description.usableBytes().isPresent() && description.usableBytes().getAsLong() <= description.totalBytes().getAsLong());
        }
    }

    @Test
    void eachPartitionIsInOneDirectoryWithTheSizeOfItsSegments() throws Exception {
        Map<String, LogDirDescription> dirs = describeLogDirs();

        for (int partition = 0; partition < 2; partition++) {
            TopicPartition tp = new TopicPartition(TOPIC, partition);
            Path expectedDir = partitionDir(tp, dirA, dirB);
            List<Map.Entry<String, ReplicaInfo>> holders = dirs.entrySet().stream()
                    .filter(e -> e.getValue().replicaInfos().containsKey(tp))
                    .map(e -> Map.entry(e.getKey(), e.getValue().replicaInfos().get(tp))).toList();
            assertEquals(1, holders.size(), tp + " in " + holders);
            assertEquals(expectedDir.getParent().toString(), holders.get(0).getKey());
            ReplicaInfo info = holders.get(0).getValue();
            assertEquals(segmentBytes(expectedDir), info.size());
            assertTrue(info.size() > 0);
            assertEquals(0, info.offsetLag());
            assertFalse(info.isFuture());
        }
    }

    @Test
    void replicaLogDirsNamesTheDirectoryOfARequestedPartition() throws Exception {
        TopicPartitionReplica replica = new TopicPartitionReplica(TOPIC, 1, nodeId());

        var info = admin.describeReplicaLogDirs(List.of(replica)).all().get().get(replica);

        assertEquals(partitionDir(new TopicPartition(TOPIC, 1), dirA, dirB).getParent().toString(), info.getCurrentReplicaLogDir());
    }

    @Test
    void theMetadataLogIsNotListed() throws Exception {
        Map<String, LogDirDescription> dirs = describeLogDirs();
        assertTrue(dirs.values().stream().flatMap(d -> d.replicaInfos().keySet().stream()).allMatch(tp -> tp.topic().equals(TOPIC)),
                dirs.toString());
    }
}
