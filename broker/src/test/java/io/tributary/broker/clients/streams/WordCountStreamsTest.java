package io.tributary.broker.clients.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.broker.Tributary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka Streams' word count, at-least-once, against an embedded node: Streams creates its
 * repartition and changelog topics with the configs it asks for; the counts are exact, and stay
 * exact (cumulative) when the application restarts on its local state and when it restarts on an
 * empty state directory and so restores its store from the changelog topic; the changelog is
 * compacted by the log cleaner; the repartition topic is purged by Streams with DeleteRecords.
 */
@SuppressWarnings("try") // an application runs for the extent of its try block, which need not name it
class WordCountStreamsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @TempDir
    Path stateDir;

    @TempDir
    Path freshStateDir;

    private Tributary broker;
    private Admin admin;
    private WordCountFixture fixture;

    @BeforeEach
    void start() throws Exception {
        startBroker();
        admin.createTopics(List.of(
                new NewTopic(WordCountApp.INPUT_TOPIC, 2, (short) 1),
                new NewTopic(WordCountApp.OUTPUT_TOPIC, 2, (short) 1))).all().get();
    }

    @AfterEach
    void stop() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private void startBroker() {
        broker = Tributary.builder().dataDir(dataDir)
                .config("group.initial.rebalance.delay.ms", "0")
                .config("offsets.topic.num.partitions", "1")
                .config("log.cleaner.backoff.ms", "100")
                .start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        fixture = new WordCountFixture(broker.bootstrapServers(), admin, dataDir, TIMEOUT);
    }

    private void restartBroker() {
        stop();
        startBroker();
    }

    @Test
    void internalTopicsAreCreatedWithTheConfigsStreamsAsksFor() throws Exception {
        try (WordCountApp app = WordCountApp.start(broker.bootstrapServers(), stateDir, TIMEOUT)) {
            fixture.produceLines("one line");
            fixture.awaitCounts(Map.of("one", 1L, "line", 1L));
        }

        fixture.assertTopicConfig(WordCountApp.CHANGELOG_TOPIC, TopicConfig.CLEANUP_POLICY_CONFIG, "compact");
        fixture.assertTopicConfig(WordCountApp.REPARTITION_TOPIC, TopicConfig.CLEANUP_POLICY_CONFIG, "delete");
        fixture.assertTopicConfig(WordCountApp.REPARTITION_TOPIC, TopicConfig.RETENTION_MS_CONFIG, "-1");
        fixture.assertTopicConfig(WordCountApp.REPARTITION_TOPIC, TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG,
                "CreateTime");
        fixture.assertTopicConfig(WordCountApp.WINDOWED_CHANGELOG_TOPIC, TopicConfig.CLEANUP_POLICY_CONFIG,
                "compact,delete");
        // The window store's retention (window size, no grace) plus windowstore.changelog.additional.retention.ms.
        fixture.assertTopicConfig(WordCountApp.WINDOWED_CHANGELOG_TOPIC, TopicConfig.RETENTION_MS_CONFIG,
                Long.toString(WordCountApp.WINDOW_SIZE.toMillis() + Duration.ofDays(1).toMillis()));
        for (String topic : List.of(WordCountApp.CHANGELOG_TOPIC, WordCountApp.REPARTITION_TOPIC,
                WordCountApp.WINDOWED_CHANGELOG_TOPIC)) {
            fixture.assertTopicConfig(topic, "internal.segment.bytes",
                    Integer.toString(WordCountApp.INTERNAL_SEGMENT_BYTES));
        }
        assertEquals(2, fixture.partitionCount(WordCountApp.REPARTITION_TOPIC),
                "a repartition topic has as many partitions as the input topic");
        assertEquals(2, fixture.partitionCount(WordCountApp.CHANGELOG_TOPIC),
                "a changelog has a partition per task, as many as the repartition topic");
    }

    @Test
    void countsAreCumulativeAcrossRestartsOnLocalStateAndOnStateRestoredFromTheChangelog() throws Exception {
        try (WordCountApp app = WordCountApp.start(broker.bootstrapServers(), stateDir, TIMEOUT)) {
            fixture.produceLines("the quick brown fox", "jumps over the lazy dog", "the dog barks");
            fixture.awaitCounts(Map.of("the", 3L, "quick", 1L, "brown", 1L, "fox", 1L, "jumps", 1L,
                    "over", 1L, "lazy", 1L, "dog", 2L, "barks", 1L));
        }

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

    @Test
    void countsSurviveABrokerRestartWithTheApplicationRestoringFromTheChangelog() throws Exception {
        try (WordCountApp app = WordCountApp.start(broker.bootstrapServers(), stateDir, TIMEOUT)) {
            fixture.produceLines("before the restart", "the broker restarts");
            fixture.awaitCounts(Map.of("before", 1L, "the", 2L, "restart", 1L, "broker", 1L, "restarts", 1L));
        }

        restartBroker();

        // Committed offsets, the changelog and the output come back from the broker's logs.
        fixture.produceLines("after the restart");
        try (WordCountApp app = WordCountApp.start(broker.bootstrapServers(), freshStateDir, TIMEOUT)) {
            fixture.awaitCounts(Map.of("before", 1L, "the", 3L, "restart", 2L, "broker", 1L, "restarts", 1L,
                    "after", 1L));
        }
    }

    @Test
    void twoInstancesShareTheTasksAndTheSurvivorTakesThemAllOverWhenOneLeaves(@TempDir Path otherStateDir)
            throws Exception {
        try (WordCountApp first = WordCountApp.start(broker.bootstrapServers(), stateDir, TIMEOUT)) {
            try (WordCountApp second = WordCountApp.start(broker.bootstrapServers(), otherStateDir, TIMEOUT)) {
                // Two sub-topologies over two partitions: four tasks, spread over both instances.
                awaitTasks("both instances process tasks", () -> first.isRunning() && second.isRunning()
                        && first.activeTaskCount() > 0 && second.activeTaskCount() > 0
                        && first.activeTaskCount() + second.activeTaskCount() == 4,
                        () -> "first " + first.activeTaskCount() + ", second " + second.activeTaskCount());
                fixture.produceLines("shared by two", "two instances");
                fixture.awaitCounts(Map.of("shared", 1L, "by", 1L, "two", 2L, "instances", 1L));
            }

            awaitTasks("the first instance processes all four tasks",
                    () -> first.isRunning() && first.activeTaskCount() == 4, () -> "first " + first.activeTaskCount());
            fixture.produceLines("two left one");
            fixture.awaitCounts(Map.of("shared", 1L, "by", 1L, "two", 3L, "instances", 1L, "left", 1L, "one", 1L));
        }
    }

    @Test
    void changelogIsCompactedToOneRecordPerWordAndRestoresTheSameCounts() throws Exception {
        Map<String, Long> expected = new HashMap<>();
        try (WordCountApp app = WordCountApp.start(broker.bootstrapServers(), stateDir, TIMEOUT)) {
            // Rounds of updates to the same five words, in batches of at most 512 bytes in 1 KiB
            // segments: the changelog spans many segments, each holding stale counts to compact away.
            for (int round = 1; round <= 10; round++) {
                fixture.produceLines(repeat("alpha beta gamma delta epsilon", 20));
                for (String word : List.of("alpha", "beta", "gamma", "delta", "epsilon")) {
                    expected.put(word, 20L * round);
                }
                fixture.awaitCounts(expected);
            }
        }

        fixture.awaitChangelogCompacted(WordCountApp.CHANGELOG_TOPIC, expected);

        // A restore from the compacted changelog (offsets with gaps) gives the same counts.
        fixture.produceLines("alpha");
        expected.merge("alpha", 1L, Long::sum);
        try (WordCountApp app = WordCountApp.start(broker.bootstrapServers(), freshStateDir, TIMEOUT)) {
            fixture.awaitCounts(expected);
        }
    }

    @Test
    void repartitionRecordsAreDeletedOnceStreamsHasCommittedThem() throws Exception {
        try (WordCountApp app = WordCountApp.start(broker.bootstrapServers(), stateDir, TIMEOUT)) {
            fixture.produceLines(repeat("purge these words", 50));
            fixture.awaitCounts(Map.of("purge", 50L, "these", 50L, "words", 50L));

            fixture.awaitPurged(WordCountApp.REPARTITION_TOPIC, 150);
        }
    }

    /** Checks every 20 ms until {@code condition} holds; fails at the deadline with what was last seen. */
    private static void awaitTasks(String what, BooleanSupplier condition, Supplier<String> lastSeen)
            throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + TIMEOUT + ": " + what + "; last seen: " + lastSeen.get());
            }
            Thread.sleep(20);
        }
    }

    private static String[] repeat(String line, int times) {
        String[] lines = new String[times];
        Arrays.fill(lines, line);
        return lines;
    }
}
