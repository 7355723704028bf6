package io.tributary.broker.clients;

import static io.tributary.broker.clients.RecordsTestSupport.SEGMENT_PER_RECORD;
import static io.tributary.broker.clients.RecordsTestSupport.createTopic;
import static io.tributary.broker.clients.RecordsTestSupport.produce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.broker.Tributary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ListOffsets through the Java Admin client over logs whose start moved (DeleteRecords, retention):
 * a timestamp finds the first offset at or after it but never one below the log start offset;
 * earliest, latest and max timestamp answer as Kafka does.
 */
class ListOffsetsByTimestampTest {

    private static final String TOPIC = "timed";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    /** Recent enough that retention (checked every 100 ms here) keeps every record of the default seven days. */
    private final long base = System.currentTimeMillis() - Duration.ofMinutes(10).toMillis();

    @TempDir
    Path dataDir;
    private Tributary broker;
    private Admin admin;

    @BeforeEach
    void start() {
        broker = Tributary.builder().dataDir(dataDir).config("log.retention.check.interval.ms", "100").start();
        admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()));
    }

    @AfterEach
    void stop() {
        admin.close();
        broker.close();
    }

    private ListOffsetsResultInfo list(OffsetSpec spec) throws Exception {
        return admin.listOffsets(Map.of(TP, spec)).partitionResult(TP).get();
    }

    /** Ten records, offset i stamped {@code base} + i seconds, a segment each, and everything below offset 4 deleted. */
    private void tenRecordsWithTheFirstFourDeleted() throws Exception {
        createTopic(admin, TOPIC, 1, SEGMENT_PER_RECORD);
        long[] timestamps = new long[10];
        for (int i = 0; i < timestamps.length; i++) {
            timestamps[i] = base + i * 1000L;
        }
        produce(broker, TP, timestamps);
        admin.deleteRecords(Map.of(TP, RecordsToDelete.beforeOffset(4))).all().get();
    }

    @Test
    void aTimestampBeforeTheLogStartFindsTheLogStartOffset() throws Exception {
        tenRecordsWithTheFirstFourDeleted();
        ListOffsetsResultInfo found = list(OffsetSpec.forTimestamp(base));
        assertEquals(4, found.offset());
        assertEquals(base + 4000, found.timestamp());
        assertEquals(Optional.of(0), found.leaderEpoch());
    }

    @Test
    void aTimestampInsideTheLogFindsTheFirstRecordAtOrAfterIt() throws Exception {
        tenRecordsWithTheFirstFourDeleted();
        assertEquals(6, list(OffsetSpec.forTimestamp(base + 6000)).offset());
        assertEquals(7, list(OffsetSpec.forTimestamp(base + 6001)).offset());
    }

    @Test
    void aTimestampAfterEveryRecordFindsNothing() throws Exception {
        tenRecordsWithTheFirstFourDeleted();
        ListOffsetsResultInfo found = list(OffsetSpec.forTimestamp(base + 60_000));
        assertEquals(-1, found.offset());
        assertEquals(-1, found.timestamp());
        assertTrue(found.leaderEpoch().isEmpty(), "no epoch without an offset, as Kafka answers: " + found);
    }

    @Test
    void earliestLatestAndMaxTimestampOfATrimmedLog() throws Exception {
        tenRecordsWithTheFirstFourDeleted();
        assertEquals(4, list(OffsetSpec.earliest()).offset());
        assertEquals(10, list(OffsetSpec.latest()).offset());
        ListOffsetsResultInfo max = list(OffsetSpec.maxTimestamp());
        assertEquals(9, max.offset());
        assertEquals(base + 9000, max.timestamp());
    }

    @Test
    void outOfOrderTimestampsFindTheFirstOffsetWhoseTimestampIsLateEnough() throws Exception {
        createTopic(admin, TOPIC, 1, Map.of());
        produce(broker, TP, base + 5000, base + 1000, base + 9000, base + 3000);
        assertEquals(0, list(OffsetSpec.forTimestamp(base + 2000)).offset());
        assertEquals(2, list(OffsetSpec.forTimestamp(base + 6000)).offset());
        assertEquals(2, list(OffsetSpec.maxTimestamp()).offset());
    }

    @Test
    void aLogTrimmedByRetentionAnswersFromItsNewStart() throws Exception {
        Map<String, String> configs = new HashMap<>(SEGMENT_PER_RECORD);
        configs.put("retention.ms", "600000");
        createTopic(admin, TOPIC, 1, configs);
        long now = System.currentTimeMillis();
        long old = now - Duration.ofHours(1).toMillis();
        produce(broker, TP, old, old + 1, old + 2, now, now + 1);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (list(OffsetSpec.earliest()).offset() < 3) {
            assertTrue(System.nanoTime() < deadline, "retention did not delete the old segments");
        }

        ListOffsetsResultInfo found = list(OffsetSpec.forTimestamp(old));
        assertEquals(3, found.offset());
        assertEquals(now, found.timestamp());
    }
}
