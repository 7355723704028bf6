package io.tributary.broker.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.broker.Tributary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code __consumer_offsets} is compacted like any compacted topic, and the group coordinator,
 * which loads it by replay, still finds a group's committed offsets after a restart on the
 * compacted log (whose offsets now have gaps). Segments roll every {@code log.roll.ms} so the
 * cleaner has something to clean; its progress is read from the {@code cleaner-offset-checkpoint}.
 */
class OffsetsTopicCompactionTest {

    private static final TopicPartition ORDERS = new TopicPartition("orders", 0);
    private static final String GROUP = "billing";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private Tributary start() {
        return Tributary.builder().dataDir(dataDir)
                .config("offsets.topic.num.partitions", "1")
                .config("group.initial.rebalance.delay.ms", "0")
                .config("log.roll.ms", "100")
                .config("log.cleaner.backoff.ms", "50")
                .config("log.cleaner.min.cleanable.ratio", "0")
                .start();
    }

    @Test
    void committedOffsetsSurviveCompactionOfTheOffsetsTopicAndARestart() throws Exception {
        long lastCommitted;
        try (Tributary broker = start(); Admin admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(ORDERS.topic(), 1, (short) 1))).all().get();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            long offset = 0;
            // Commit over and over (each commit replaces the last under the same key) until the
            // cleaner has compacted a good stretch of the offsets topic.
            while (cleanerCheckpoint() < 50) {
                assertTrue(System.nanoTime() < deadline, "__consumer_offsets was not cleaned; checkpoint " + cleanerCheckpoint());
                offset++;
                admin.alterConsumerGroupOffsets(GROUP, Map.of(ORDERS, new OffsetAndMetadata(offset))).all().get();
            }
            lastCommitted = offset;
            assertEquals(lastCommitted, committed(admin));
        }

        try (Tributary broker = start(); Admin admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()))) {
            assertEquals(lastCommitted, committed(admin), "the offset replayed from the compacted __consumer_offsets");
        }
    }

    private static long committed(Admin admin) throws Exception {
        return admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                .get(ORDERS).offset();
    }

    /** The first dirty offset the cleaner checkpointed for {@code __consumer_offsets-0}, or -1. */
    private long cleanerCheckpoint() throws Exception {
        return LogDirFiles.cleanerCheckpoint(dataDir, "__consumer_offsets", 0).orElse(-1);
    }
}
