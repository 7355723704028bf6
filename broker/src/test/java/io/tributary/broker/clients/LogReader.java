package io.tributary.broker.clients;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads partitions back with an assigned {@link KafkaConsumer} (no group), from the beginning up to
 * the end offsets they have when reading starts: what a test checks is everything the log holds.
 */
final class LogReader {

    private LogReader() {
    }

    /** Every record of {@code partitions}, in offset order per partition. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, Collection<TopicPartition> partitions,
                                                       Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        readAll(ClientConfigs.consumer(bootstrapServers), partitions, timeout, records::add);
        return records;
    }

    /**
     * Hands every record of {@code partitions} to {@code each}, in offset order per partition,
     * without keeping them; fails if the end offsets are not reached within {@code timeout}.
     */
    static void readAll(Map<String, Object> consumerConfig, Collection<TopicPartition> partitions, Duration timeout,
                        Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Long> next = new HashMap<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            partitions.forEach(tp -> next.put(tp, consumer.position(tp, timeout)));
            while (!reached(next, end)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("read up to " + next + " of " + end + " within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < end.get(tp)) {
                        each.accept(record);
                    }
                }
                partitions.forEach(tp -> next.put(tp, consumer.position(tp, timeout)));
            }
        }
    }

    /** The end offset of each partition (ListOffsets LATEST). */
    static Map<TopicPartition, Long> endOffsets(String bootstrapServers, Collection<TopicPartition> partitions) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientConfigs.consumer(bootstrapServers))) {
            return consumer.endOffsets(partitions, Duration.ofSeconds(30));
        }
    }

    private static boolean reached(Map<TopicPartition, Long> next, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> next.get(e.getKey()) >= e.getValue());
    }
}
