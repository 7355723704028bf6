package io.tributary.broker.clients;

import static io.tributary.broker.clients.RecordsTestSupport.SEGMENT_PER_RECORD;
import static io.tributary.broker.clients.RecordsTestSupport.createTopic;
import static io.tributary.broker.clients.RecordsTestSupport.produce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.broker.Tributary;
import io.tributary.broker.clients.groups.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka's own {@code kafka-delete-records.sh}, {@code kafka-get-offsets.sh} and
 * {@code kafka-log-dirs.sh} (kafka-tools 4.3.1, a test dependency) against the broker, each run in
 * a child JVM; what they print is checked, and what they did through the Admin client.
 */
class RecordToolsTest {

    private static final String DELETE_RECORDS = "org.apache.kafka.tools.DeleteRecordsCommand";
    private static final String GET_OFFSETS = "org.apache.kafka.tools.GetOffsetShell";
    private static final String LOG_DIRS = "org.apache.kafka.tools.LogDirsCommand";
    private static final long TIMEOUT_SECONDS = 120;
    private static final String TOPIC = "tooled";
    private static final int RECORDS = 10;

    @TempDir
    Path dataDir;
    private Tributary broker;
    private Admin admin;
    private long base;

    @BeforeEach
    void start() throws Exception {
        broker = Tributary.builder().dataDir(dataDir).start();
        admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()));
        createTopic(admin, TOPIC, 2, SEGMENT_PER_RECORD);
        base = System.currentTimeMillis() - Duration.ofMinutes(10).toMillis();
        long[] timestamps = new long[RECORDS];
        for (int i = 0; i < RECORDS; i++) {
            timestamps[i] = base + i * 1000L;
        }
        produce(broker, new TopicPartition(TOPIC, 0), timestamps);
        produce(broker, new TopicPartition(TOPIC, 1), 2);
    }

    @AfterEach
    void stop() {
        admin.close();
        broker.close();
    }

    private ChildJvm.Output run(String command, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--bootstrap-server", broker.bootstrapServers()));
        all.addAll(List.of(args));
        ChildJvm.Output out = ChildJvm.run(command, all, TIMEOUT_SECONDS);
        assertEquals(0, out.exitCode(), out.text());
        return out;
    }

    @Test
    void deleteRecordsCommandMovesTheStartAndPrintsTheLowWatermarks() throws Exception {
        Path offsets = Files.writeString(dataDir.resolve("offsets.json"), """
                {"version": 1, "partitions": [
                  {"topic": "%s", "partition": 0, "offset": 6},
                  {"topic": "%s", "partition": 1, "offset": -1}
                ]}""".formatted(TOPIC, TOPIC));

        ChildJvm.Output out = run(DELETE_RECORDS, "--offset-json-file", offsets.toString());

        assertTrue(out.lines().contains("partition: " + TOPIC + "-0\tlow_watermark: 6"), out.text());
        assertTrue(out.lines().contains("partition: " + TOPIC + "-1\tlow_watermark: 2"), out.text());
        TopicPartition tp0 = new TopicPartition(TOPIC, 0);
        assertEquals(6, admin.listOffsets(Map.of(tp0, OffsetSpec.earliest())).partitionResult(tp0).get().offset());
    }

    @Test
    void deleteRecordsCommandReportsAnOffsetPastTheEnd() throws Exception {
        Path offsets = Files.writeString(dataDir.resolve("offsets.json"),
                "{\"version\": 1, \"partitions\": [{\"topic\": \"" + TOPIC + "\", \"partition\": 0, \"offset\": 99}]}");

        ChildJvm.Output out = ChildJvm.run(DELETE_RECORDS,
                List.of("--bootstrap-server", broker.bootstrapServers(), "--offset-json-file", offsets.toString()), TIMEOUT_SECONDS);

        assertTrue(out.text().contains("partition: " + TOPIC + "-0\terror: org.apache.kafka.common.errors.OffsetOutOfRangeException"),
                out.text());
    }

    @Test
    void getOffsetsPrintsLatestEarliestAndTimestampOffsets() throws Exception {
        admin.deleteRecords(Map.of(new TopicPartition(TOPIC, 0), org.apache.kafka.clients.admin.RecordsToDelete.beforeOffset(3)))
                .all().get();

        assertEquals(List.of(TOPIC + ":0:10", TOPIC + ":1:2"), run(GET_OFFSETS, "--topic", TOPIC, "--time", "-1").lines());
        assertEquals(List.of(TOPIC + ":0:3", TOPIC + ":1:0"), run(GET_OFFSETS, "--topic", TOPIC, "--time", "-2").lines());
        assertEquals(List.of(TOPIC + ":0:3"),
                run(GET_OFFSETS, "--topic", TOPIC, "--partitions", "0", "--time", Long.toString(base)).lines());
        assertEquals(List.of(TOPIC + ":0:5"),
                run(GET_OFFSETS, "--topic", TOPIC, "--partitions", "0", "--time", Long.toString(base + 5000)).lines());
        assertEquals(List.of(TOPIC + ":0:9"), run(GET_OFFSETS, "--topic", TOPIC, "--partitions", "0", "--time", "-3").lines());
    }

    @Test
    void logDirsDescribePrintsEachPartitionsSize() throws Exception {
        ChildJvm.Output out = run(LOG_DIRS, "--describe", "--topic-list", TOPIC);

        String json = out.lines().get(out.lines().size() - 1);
        assertTrue(json.contains("\"logDir\":\"" + dataDir.toAbsolutePath() + "\""), json);
        assertTrue(json.contains("\"error\":null"), json);
        for (int partition = 0; partition < 2; partition++) {
            Matcher size = Pattern.compile("\\{\"partition\":\"" + TOPIC + "-" + partition + "\",\"size\":(\\d+),\"offsetLag\":0,\"isFuture\":false")
                    .matcher(json);
            assertTrue(size.find(), json);
            assertEquals(segmentBytes(dataDir.resolve(TOPIC + "-" + partition)), Long.parseLong(size.group(1)), json);
        }
    }

    private static long segmentBytes(Path partitionDir) throws Exception {
        try (var files = Files.list(partitionDir)) {
            long total = 0;
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }
}
