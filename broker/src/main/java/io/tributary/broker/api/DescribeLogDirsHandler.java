package io.tributary.broker.api;

import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.Partitions;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.DescribeLogDirsRequestData;
import io.tributary.protocol.message.DescribeLogDirsRequestData.DescribableLogDirTopic;
import io.tributary.protocol.message.DescribeLogDirsResponseData;
import io.tributary.protocol.message.DescribeLogDirsResponseData.DescribeLogDirsPartition;
import io.tributary.protocol.message.DescribeLogDirsResponseData.DescribeLogDirsResult;
import io.tributary.protocol.message.DescribeLogDirsResponseData.DescribeLogDirsTopic;
import io.tributary.storage.TopicPartition;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DescribeLogDirs (KIP-113): each of the broker's {@code log.dirs} by absolute path, with the size
 * in bytes (all segments) of every hosted partition in it, offset lag 0 and is_future false (there
 * are no future replicas), and from v4 the file system's total and usable bytes. A null topic list
 * asks for every partition, otherwise only those listed; topics with no matching partition in a
 * directory are left out. A directory that cannot be read answers KAFKA_STORAGE_ERROR.
 *
 * <p>Reads sizes without locks; the figures are a moment's snapshot, as in Kafka.
 */
public final class DescribeLogDirsHandler implements ApiHandler {

    private static final Logger log = LoggerFactory.getLogger(DescribeLogDirsHandler.class);

    private final Partitions partitions;

    public DescribeLogDirsHandler(Partitions partitions) {
        this.partitions = partitions;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_LOG_DIRS;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        DescribeLogDirsRequestData body = (DescribeLogDirsRequestData) request.body();
        Set<TopicPartition> requested = requestedPartitions(body.topics());
        DescribeLogDirsResponseData response = new DescribeLogDirsResponseData();
        for (Path dir : partitions.logManager().logDirs()) {
            response.results().add(describe(dir.toAbsolutePath(), requested));
        }
        return ApiHandler.respond(request, response);
    }

    /** Null for every partition. */
    private static Set<TopicPartition> requestedPartitions(List<DescribableLogDirTopic> topics) {
        if (topics == null) {
            return null;
        }
        Set<TopicPartition> requested = new HashSet<>();
        for (DescribableLogDirTopic topic : topics) {
            for (int partition : topic.partitions()) {
                requested.add(new TopicPartition(topic.topic(), partition));
            }
        }
        return requested;
    }

    private DescribeLogDirsResult describe(Path dir, Set<TopicPartition> requested) {
        DescribeLogDirsResult result = new DescribeLogDirsResult().setLogDir(dir.toString());
        try {
            FileStore store = Files.getFileStore(dir);
            result.setTotalBytes(positiveOrMax(store.getTotalSpace())).setUsableBytes(positiveOrMax(store.getUsableSpace()));
        } catch (IOException e) {
            log.warn("cannot describe log directory {}", dir, e);
            return result.setErrorCode(Errors.KAFKA_STORAGE_ERROR.code());
        }
        Map<String, DescribeLogDirsTopic> topics = new TreeMap<>();
        for (Partition partition : partitions.all()) {
            TopicPartition tp = partition.topicPartition();
            if (!partition.log().dir().toAbsolutePath().getParent().equals(dir) || (requested != null && !requested.contains(tp))) {
                continue;
            }
            topics.computeIfAbsent(tp.topic(), name -> new DescribeLogDirsTopic().setName(name)).partitions().add(
                    new DescribeLogDirsPartition()
                            .setPartitionIndex(tp.partition())
                            .setPartitionSize(partition.log().sizeInBytes())
                            .setOffsetLag(0)
                            .setIsFutureKey(false));
        }
        result.topics().addAll(topics.values());
        return result;
    }

    /** Kafka's adjustForLargeFileSystems: a file system too large for a long reports a negative size. */
    private static long positiveOrMax(long bytes) {
        return bytes < 0 ? Long.MAX_VALUE : bytes;
    }
}
