package io.tributary.broker.clients;

import static io.tributary.broker.clients.RecordsTestSupport.createTopic;
import static io.tributary.broker.clients.RecordsTestSupport.produce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.broker.Tributary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsPartition;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsTopic;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsPartitionResult;
import org.apache.kafka.common.message.DescribeLogDirsRequestData;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DeleteRecordsRequest;
import org.apache.kafka.common.requests.DeleteRecordsResponse;
import org.apache.kafka.common.requests.DescribeLogDirsRequest;
import org.apache.kafka.common.requests.DescribeLogDirsResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DeleteRecords and DescribeLogDirs at the wire level, at every version Kafka 4.3.1 knows, with
 * Kafka's own request and response classes; and the errors the Admin client cannot provoke.
 */
class RecordApisWireTest {

    private static final String TOPIC = "wired";
    private static final int RECORDS = 20;

    @TempDir
    Path dataDir;
    private Tributary broker;
    private Admin admin;

    @BeforeEach
    void start() throws Exception {
        broker = Tributary.builder().dataDir(dataDir).start();
        admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()));
        createTopic(admin, TOPIC, 1, Map.of());
        produce(broker, new TopicPartition(TOPIC, 0), RECORDS);
    }

    @AfterEach
    void stop() {
        admin.close();
        broker.close();
    }

    private DeleteRecordsPartitionResult deleteRecords(String topic, long offset, short version) throws Exception {
        DeleteRecordsRequestData data = new DeleteRecordsRequestData().setTimeoutMs(30_000).setTopics(List.of(
                new DeleteRecordsTopic().setName(topic).setPartitions(List.of(new DeleteRecordsPartition().setPartitionIndex(0).setOffset(offset)))));
        try (RawKafkaConnection connection = RawKafkaConnection.open(broker.bootstrapServers(), Duration.ofSeconds(30))) {
            DeleteRecordsResponse response = connection.roundTrip(new DeleteRecordsRequest.Builder(data).build(version));
            return response.data().topics().iterator().next().partitions().iterator().next();
        }
    }

    private static List<Short> versions(ApiKeys key) {
        return java.util.stream.IntStream.rangeClosed(key.oldestVersion(), key.latestVersion()).mapToObj(v -> (short) v).toList();
    }

    @Test
    void everyDeleteRecordsVersionAdvancesTheLowWatermark() throws Exception {
        long offset = 0;
        for (short version : versions(ApiKeys.DELETE_RECORDS)) {
            offset += 3;
            DeleteRecordsPartitionResult result = deleteRecords(TOPIC, offset, version);
            assertEquals(Errors.NONE.code(), result.errorCode(), "v" + version);
            assertEquals(offset, result.lowWatermark(), "v" + version);
        }
    }

    @Test
    void anUnknownTopicIsUnknownTopicOrPartitionWithLowWatermarkMinusOne() throws Exception {
        DeleteRecordsPartitionResult result = deleteRecords("no-such-topic", 0, ApiKeys.DELETE_RECORDS.latestVersion());
        assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION.code(), result.errorCode());
        assertEquals(-1, result.lowWatermark());
    }

    @Test
    void theOffsetsTopicIsRefusedAsAnInvalidTopic() throws Exception {
        Map<String, Object> config = ClientConfigs.consumer(broker.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "committer");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.commitSync(Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(1)));
        }
        DeleteRecordsPartitionResult result = deleteRecords("__consumer_offsets", 0, ApiKeys.DELETE_RECORDS.latestVersion());
        assertEquals(Errors.INVALID_TOPIC_EXCEPTION.code(), result.errorCode());
    }

    @Test
    void aNegativeOffsetOtherThanTheHighWatermarkMarkerIsOutOfRange() throws Exception {
        DeleteRecordsPartitionResult result = deleteRecords(TOPIC, -2, ApiKeys.DELETE_RECORDS.latestVersion());
        assertEquals(Errors.OFFSET_OUT_OF_RANGE.code(), result.errorCode());
    }

    @Test
    void everyDescribeLogDirsVersionDescribesTheDirectory() throws Exception {
        for (short version : versions(ApiKeys.DESCRIBE_LOG_DIRS)) {
            DescribeLogDirsRequestData data = new DescribeLogDirsRequestData().setTopics(null);
            try (RawKafkaConnection connection = RawKafkaConnection.open(broker.bootstrapServers(), Duration.ofSeconds(30))) {
                DescribeLogDirsResponse response = connection.roundTrip(new DescribeLogDirsRequest.Builder(data).build(version));
                assertEquals(1, response.data().results().size(), "v" + version);
                DescribeLogDirsResult dir = response.data().results().get(0);
                assertEquals(Errors.NONE.code(), dir.errorCode(), "v" + version);
                assertEquals(dataDir.toAbsolutePath().toString(), dir.logDir(), "v" + version);
                assertEquals(List.of(TOPIC), dir.topics().stream().map(t -> t.name()).toList(), "v" + version);
                assertTrue(dir.topics().get(0).partitions().get(0).partitionSize() > 0, "v" + version);
                if (version >= 4) {
                    assertTrue(dir.totalBytes() > 0 && dir.usableBytes() > 0, "v" + version);
                }
            }
        }
    }
}
