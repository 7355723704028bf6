package io.tributary.broker.clients.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The outside of the word-count application: writes lines to its input topic, reads its output
 * topic, and looks at the topics it created through the Admin client. Used by one test thread.
 */
final class WordCountFixture {

    private static final Pattern SEGMENT_FILE = Pattern.compile("\\d{20}\\.log");

    private final String bootstrapServers;
    private final Admin admin;
    private final Path dataDir;
    private final Duration timeout;

    /** {@code dataDir} is the broker's {@code log.dirs}, where a test finds a partition's segment files. */
    WordCountFixture(String bootstrapServers, Admin admin, Path dataDir, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.admin = admin;
        this.dataDir = dataDir;
        this.timeout = timeout;
    }

    /** Writes each line, unkeyed, and returns once all are acknowledged by the broker. */
    void produceLines(String... lines) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (var producer = new KafkaProducer<String, String>(config)) {
            for (String line : lines) {
                producer.send(new ProducerRecord<>(WordCountApp.INPUT_TOPIC, line)).get();
            }
        }
    }

    /**
     * Reads the output topic from its beginning until the latest count of every word is the
     * expected one, and no other word has a count; fails with the counts last seen at the deadline.
     */
    void awaitCounts(Map<String, Long> expected) {
        Map<String, Long> latest = new HashMap<>();
        try (var consumer = new KafkaConsumer<String, Long>(consumerConfig())) {
            List<TopicPartition> partitions = consumer.partitionsFor(WordCountApp.OUTPUT_TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!latest.equals(expected)) {
                if (System.nanoTime() > deadline) {
                    assertEquals(expected, latest, "word counts on " + WordCountApp.OUTPUT_TOPIC + " within " + timeout);
                }
                for (ConsumerRecord<String, Long> record : consumer.poll(Duration.ofMillis(100))) {
                    latest.put(record.key(), record.value());
                }
            }
        }
    }

    /** The value of one config of a topic, as DescribeConfigs reports it. */
    void assertTopicConfig(String topic, String name, String expected) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(Set.of(resource)).all().get().get(resource);
        assertEquals(expected, config.get(name) == null ? null : config.get(name).value(), topic + " " + name);
    }

    int partitionCount(String topic) throws Exception {
        return admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions().size();
    }

    /**
     * Waits until the log cleaner has compacted every partition of a changelog: below the active
     * segment each word has one record, and the latest record of each word, across partitions, is
     * the expected count. Fails if no partition has more than its active segment (nothing to
     * compact) or with what was last seen at the deadline.
     */
    void awaitChangelogCompacted(String topic, Map<String, Long> expectedLatest) throws Exception {
        List<TopicPartition> partitions = partitions(topic);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ChangelogContents contents = ChangelogContents.read(bootstrapServers, partitions, this::activeSegmentBaseOffset,
                    timeout);
            assertTrue(contents.recordsBelowActiveSegments() > 0, "no changelog records outside the active segments: "
                    + contents);
            if (contents.duplicateKeysBelowActiveSegments() == 0 && contents.latest().equals(expectedLatest)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("changelog " + topic + " not compacted within " + timeout + ": " + contents
                        + "; segment files " + partitions.stream().map(this::segmentFiles).toList());
            }
            Thread.sleep(100);
        }
    }

    /**
     * Waits until every record written to {@code topic}, {@code expectedRecords} in all, is deleted:
     * each partition's log start offset has reached its end offset.
     */
    void awaitPurged(String topic, long expectedRecords) throws Exception {
        List<TopicPartition> partitions = partitions(topic);
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> earliest = Map.of();
        Map<TopicPartition, Long> latest = Map.of();
        while (System.nanoTime() < deadline) {
            earliest = offsets(partitions, OffsetSpec.earliest());
            latest = offsets(partitions, OffsetSpec.latest());
            long written = latest.values().stream().mapToLong(Long::longValue).sum();
            if (earliest.equals(latest) && written == expectedRecords) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(topic + " not purged within " + timeout + ": log start offsets " + earliest
                + ", end offsets " + latest + ", " + expectedRecords + " records expected");
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    private List<TopicPartition> partitions(String topic) throws Exception {
        return admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
    }

    /** A partition's segment files and their sizes, for a failure message. */
    private String segmentFiles(TopicPartition partition) {
        try (Stream<Path> files = Files.list(dataDir.resolve(partition.topic() + "-" + partition.partition()))) {
            return partition + ": " + files.filter(file -> file.getFileName().toString().endsWith(".log"))
                    .sorted()
                    .map(file -> file.getFileName() + "=" + file.toFile().length())
                    .toList();
        } catch (IOException e) {
            return partition + ": " + e;
        }
    }

    /** The base offset of a partition's newest segment file, from the names in its directory. */
    private long activeSegmentBaseOffset(TopicPartition partition) {
        try (Stream<Path> files = Files.list(dataDir.resolve(partition.topic() + "-" + partition.partition()))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> SEGMENT_FILE.matcher(name).matches())
                    .mapToLong(name -> Long.parseLong(name.substring(0, name.indexOf('.'))))
                    .max()
                    .orElseThrow(() -> new AssertionError(partition + " has no segment file"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> consumerConfig() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, LongDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    }
}
