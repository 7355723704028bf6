package io.tributary.broker.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.broker.Tributary;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A million keyed records through one embedded node with Kafka's Java clients: produced with
 * {@code acks=all} and batching to a 3-partition topic, read back by one assigned consumer per
 * partition. Every record must come back exactly once, each key's values in the order they were
 * sent, in the partition Kafka's default partitioner picks for the key. Prints the throughput
 * (measured, never asserted: DESIGN section 4).
 *
 * <p>Record {@code i} has key {@code "key-" + (i % KEYS)} and a value holding {@code i} (8 bytes)
 * followed by padding, so a key's values increase in send order.
 */
class MillionKeyedRecordsTest {

    private static final String TOPIC = "million";
    private static final int PARTITIONS = 3;
    private static final int RECORDS = 1_000_000;
    private static final int KEYS = 10_007;
    private static final int VALUE_BYTES = 100;

    @TempDir
    Path dataDir;
    private Tributary broker;

    @BeforeEach
    void start() {
        broker = Tributary.builder().dataDir(dataDir).start();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aMillionKeyedRecordsComeBackOnceInKeyOrderInTheirKeysPartition() throws Exception {
        try (Admin admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }

        int[] partitionOfKey = produce();
        BitSet seen = consume(partitionOfKey);

        assertEquals(RECORDS, seen.cardinality(), "distinct records read back");
    }

    /** Produces every record; returns the partition each key was acknowledged in. */
    private int[] produce() throws InterruptedException {
        Map<String, Object> config = ClientConfigs.producer(broker.bootstrapServers());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        int[] partitionOfKey = new int[KEYS];
        Arrays.fill(partitionOfKey, -1);
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger misplaced = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i < RECORDS; i++) {
                int key = i % KEYS;
                byte[] keyBytes = key(key);
                int expectedPartition = BuiltInPartitioner.partitionForKey(keyBytes, PARTITIONS);
                producer.send(new ProducerRecord<>(TOPIC, keyBytes, value(i)), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                        return;
                    }
                    acknowledged.incrementAndGet();
                    if (metadata.partition() != expectedPartition) {
                        misplaced.incrementAndGet();
                    }
                    partitionOfKey[key] = metadata.partition();
                });
            }
            producer.flush();
        }
        report("produced", started);
        assertEquals(null, failure.get(), "first failed send");
        assertEquals(RECORDS, acknowledged.get(), "acknowledged sends");
        assertEquals(0, misplaced.get(), "records acknowledged in another partition than the default partitioner's");
        return partitionOfKey;
    }

    /** Reads every partition with its own assigned consumer, checking each record as it arrives. */
    private BitSet consume(int[] partitionOfKey) throws Exception {
        BitSet seen = new BitSet(RECORDS);
        AtomicInteger duplicates = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService readers = Executors.newFixedThreadPool(PARTITIONS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                TopicPartition partition = new TopicPartition(TOPIC, p);
                done.add(readers.submit(() -> readPartition(partition, partitionOfKey, seen, duplicates)));
            }
            for (Future<?> f : done) {
                f.get(3, TimeUnit.MINUTES);
            }
        } finally {
            readers.shutdownNow();
        }
        report("consumed", started);
        assertEquals(0, duplicates.get(), "records read back more than once");
        return seen;
    }

    private void readPartition(TopicPartition partition, int[] partitionOfKey, BitSet seen, AtomicInteger duplicates) {
        long[] lastValueOfKey = new long[KEYS];
        Arrays.fill(lastValueOfKey, -1);
        long[] expectedOffset = {0};
        Map<String, Object> config = ClientConfigs.consumer(broker.bootstrapServers());
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        LogReader.readAll(config, List.of(partition), Duration.ofMinutes(2), record -> {
            int key = Integer.parseInt(new String(record.key(), StandardCharsets.UTF_8).substring("key-".length()));
            long value = ByteBuffer.wrap(record.value()).getLong();
            assertEquals(expectedOffset[0]++, record.offset(), "offsets of " + partition + " are dense");
            assertEquals(partitionOfKey[key], record.partition(), () -> "partition of key-" + key);
            assertEquals(key, value % KEYS, () -> "value " + value + " belongs to key-" + key);
            if (value <= lastValueOfKey[key]) {
                throw new AssertionError("key-" + key + " in " + partition + ": value " + value + " at offset "
                        + record.offset() + " after " + lastValueOfKey[key]);
            }
            lastValueOfKey[key] = value;
            synchronized (seen) {
                if (seen.get((int) value)) {
                    duplicates.incrementAndGet();
                }
                seen.set((int) value);
            }
        });
    }

    private static byte[] key(int key) {
        return ("key-" + key).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(long i) {
        return ByteBuffer.allocate(VALUE_BYTES).putLong(i).array();
    }

    private static void report(String what, long startedNs) {
        double seconds = (System.nanoTime() - startedNs) / 1e9;
        System.out.printf("%s %,d records (%d-byte values) in %.1f s: %,.0f records/s, %.1f MB/s%n", what, RECORDS,
                VALUE_BYTES, seconds, RECORDS / seconds, RECORDS * (double) VALUE_BYTES / seconds / 1e6);
    }
}
