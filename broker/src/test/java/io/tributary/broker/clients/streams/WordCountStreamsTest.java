package io.tributary.broker.clients.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.broker.Tributary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka Streams' word count, at-least-once, against an embedded node: Streams creates its
 * repartition and changelog topics with the configs it asks for, the counts are exact, and they
 * stay exact (cumulative) when the application restarts on its local state and when it restarts on
 * an empty state directory and so restores its store from the changelog topic.
 */
class WordCountStreamsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @TempDir
    Path stateDir;

    @TempDir
    Path freshStateDir;

    @Test
    void countsAreExactAcrossRestartsAndInternalTopicsHaveStreamsConfigs() throws Exception {
        try (Tributary broker = startBroker();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(
                    new NewTopic(WordCountApp.INPUT_TOPIC, 2, (short) 1),
                    new NewTopic(WordCountApp.OUTPUT_TOPIC, 2, (short) 1))).all().get();
            WordCountFixture fixture = new WordCountFixture(broker.bootstrapServers(), admin, TIMEOUT);

            try (WordCountApp app = WordCountApp.start(broker.bootstrapServers(), stateDir, TIMEOUT)) {
                fixture.produceLines("the quick brown fox", "jumps over the lazy dog", "the dog barks");
                fixture.awaitCounts(Map.of("the", 3L, "quick", 1L, "brown", 1L, "fox", 1L, "jumps", 1L,
                        "over", 1L, "lazy", 1L, "dog", 2L, "barks", 1L));
            }

            fixture.assertTopicConfig(WordCountApp.CHANGELOG_TOPIC, TopicConfig.CLEANUP_POLICY_CONFIG, "compact");
            fixture.assertTopicConfig(WordCountApp.REPARTITION_TOPIC, TopicConfig.CLEANUP_POLICY_CONFIG, "delete");
            fixture.assertTopicConfig(WordCountApp.REPARTITION_TOPIC, TopicConfig.RETENTION_MS_CONFIG, "-1");
            fixture.assertTopicConfig(WordCountApp.REPARTITION_TOPIC, TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG,
                    "CreateTime");
            assertEquals(2, fixture.partitionCount(WordCountApp.CHANGELOG_TOPIC),
                    "a changelog has a partition per task, as many as the repartition topic");
            assertEquals(2, fixture.partitionCount(WordCountApp.REPARTITION_TOPIC),
                    "a repartition topic has as many partitions as the input topic");

            // Lines written while the application is down are counted on top of the local state.
            fixture.produceLines("the fox again", "a new word");
            try (WordCountApp app = WordCountApp.start(broker.bootstrapServers(), stateDir, TIMEOUT)) {
                fixture.awaitCounts(Map.ofEntries(Map.entry("the", 4L), Map.entry("quick", 1L),
                        Map.entry("brown", 1L), Map.entry("fox", 2L), Map.entry("jumps", 1L), Map.entry("over", 1L),
                        Map.entry("lazy", 1L), Map.entry("dog", 2L), Map.entry("barks", 1L), Map.entry("again", 1L),
                        Map.entry("a", 1L), Map.entry("new", 1L), Map.entry("word", 1L)));
            }

            // An empty state directory: the store is restored from the changelog before counting.
            fixture.produceLines("the dog and the fox");
            try (WordCountApp app = WordCountApp.start(broker.bootstrapServers(), freshStateDir, TIMEOUT)) {
                fixture.awaitCounts(Map.ofEntries(Map.entry("the", 6L), Map.entry("quick", 1L),
                        Map.entry("brown", 1L), Map.entry("fox", 3L), Map.entry("jumps", 1L), Map.entry("over", 1L),
                        Map.entry("lazy", 1L), Map.entry("dog", 3L), Map.entry("barks", 1L), Map.entry("again", 1L),
                        Map.entry("a", 1L), Map.entry("new", 1L), Map.entry("word", 1L), Map.entry("and", 1L)));
            }
        }
    }

    private Tributary startBroker() {
        return Tributary.builder().dataDir(dataDir)
                .config("group.initial.rebalance.delay.ms", "0")
                .config("offsets.topic.num.partitions", "1")
                .start();
    }
}
