package io.tributary.broker.clients.streams;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a count store's changelog holds, read with an assigned consumer from each partition's log
 * start to its end offset: the latest count per word, and, below each partition's active segment
 * (the part the log cleaner may compact), how many records there are and how many of them repeat
 * a word seen earlier in that part. An immutable snapshot.
 *
 * @param latest                           the last count of each word, over all partitions
 * @param recordsBelowActiveSegments       records at offsets below their partition's active segment
 * @param duplicateKeysBelowActiveSegments of those, records whose word an earlier one of the same partition has
 * @param activeSegmentBaseOffsets         the base offset of each partition's active segment when reading began
 */
record ChangelogContents(Map<String, Long> latest, long recordsBelowActiveSegments,
                         long duplicateKeysBelowActiveSegments, Map<TopicPartition, Long> activeSegmentBaseOffsets) {

    private static final Duration POLL = Duration.ofMillis(100);

    static ChangelogContents read(String bootstrapServers, List<TopicPartition> partitions,
                                  ToLongFunction<TopicPartition> activeSegmentBaseOffset, Duration timeout) {
        Map<TopicPartition, Long> activeBase = new HashMap<>();
        partitions.forEach(tp -> activeBase.put(tp, activeSegmentBaseOffset.applyAsLong(tp)));
        Map<String, Long> latest = new HashMap<>();
        Map<TopicPartition, Set<String>> keysBelowActive = new HashMap<>();
        long below = 0;
        long duplicates = 0;
        try (var consumer = new KafkaConsumer<byte[], byte[]>(consumerConfig(bootstrapServers))) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!partitions.stream().allMatch(tp -> consumer.position(tp, timeout) >= end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("changelog not read up to " + end + " within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    String word = new String(record.key(), StandardCharsets.UTF_8);
                    latest.put(word, ByteBuffer.wrap(record.value()).getLong());
                    if (record.offset() < activeBase.get(tp)) {
                        below++;
                        if (!keysBelowActive.computeIfAbsent(tp, k -> new HashSet<>()).add(word)) {
                            duplicates++;
                        }
                    }
                }
            }
        }
        return new ChangelogContents(Map.copyOf(latest), below, duplicates, Map.copyOf(activeBase));
    }

    private static Map<String, Object> consumerConfig(String bootstrapServers) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    }
}
