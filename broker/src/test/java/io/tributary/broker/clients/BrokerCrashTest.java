package io.tributary.broker.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker process killed with SIGKILL twice while an idempotent {@code acks=all} producer writes to
 * it, and restarted each time on the same data and port. Every acknowledged record must be in the
 * log exactly once, at the offset it was acknowledged with; no record may appear twice, acknowledged
 * or not (a retried batch is recognised by producer id and sequence after recovery too), and each
 * partition keeps send order (DESIGN section 4: lost, duplicated and reordered writes; zero is the
 * only pass).
 *
 * <p>The kill moments are random (the seed is printed; {@code -Dcrash.seed=N} replays it) and
 * measured in acknowledged records, so each kill lands while requests are in flight. The producer
 * keeps at most {@link #OUTSTANDING} records unacknowledged, so the load spans the kills and
 * restarts.
 */
class BrokerCrashTest {

    private static final String TOPIC = "crash";
    private static final int PARTITIONS = 3;
    private static final int RECORDS = 200_000;
    private static final int OUTSTANDING = 20_000;
    private static final int VALUE_BYTES = 64;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path workDir;
    private ForkedBroker broker;

    /** One acknowledged record. */
    private record Ack(int record, int partition, long offset) {
    }

    @AfterEach
    void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyAcknowledgedRecordSurvivesTwoKillsOnceAtItsOffset() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.println("BrokerCrashTest seed " + seed + " (rerun with -Dcrash.seed=" + seed + ")");
        Random random = new Random(seed);
        broker = new ForkedBroker(workDir);
        broker.start(READY_TIMEOUT);
        try (Admin admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }

        ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();
        Semaphore acknowledged = new Semaphore(0);
        AtomicInteger sent = new AtomicInteger();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig())) {
            Thread load = new Thread(() -> produce(producer, acks, failures, acknowledged, sent), "crash-test-load");
            load.start();
            for (int kill = 1; kill <= 2; kill++) {
                int after = 10_000 + random.nextInt(50_000);
                int k = kill;
                assertTrue(acknowledged.tryAcquire(after, 2, TimeUnit.MINUTES),
                        () -> "records acknowledged before kill " + k + "; broker log:\n" + broker.log());
                broker.kill();
                System.out.printf("kill %d after %d more acknowledged records (%d sent, %d acknowledged)%n",
                        kill, after, sent.get(), acks.size());
                broker.start(READY_TIMEOUT);
            }
            load.join(TimeUnit.MINUTES.toMillis(3));
            assertFalse(load.isAlive(), "the load finished; " + acks.size() + " acknowledged");
            producer.flush();
        }

        List<List<Integer>> log = readLog();
        assertEveryAcknowledgedRecordIsAtItsOffset(log, acks);
        assertNoRecordTwiceAndSendOrderPerPartition(log);
        assertEquals(List.of(), List.copyOf(failures), "sends that failed");
        assertEquals(RECORDS, acks.size(), "acknowledged records");
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = ClientConfigs.producer(broker.bootstrapServers());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 32 * 1024);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 120_000);
        config.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 50);
        config.put(ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG, 50);
        config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        return config;
    }

    /** Sends record {@code i} to partition {@code i % 3}, never more than {@link #OUTSTANDING} unacknowledged. */
    private static void produce(KafkaProducer<byte[], byte[]> producer, ConcurrentLinkedQueue<Ack> acks,
                                ConcurrentLinkedQueue<Exception> failures, Semaphore acknowledged, AtomicInteger sent) {
        Semaphore window = new Semaphore(OUTSTANDING);
        try {
            for (int i = 0; i < RECORDS; i++) {
                window.acquire();
                int record = i;
                producer.send(new ProducerRecord<>(TOPIC, i % PARTITIONS, null, value(i)), (metadata, e) -> {
                    if (e == null) {
                        acks.add(new Ack(record, metadata.partition(), metadata.offset()));
                    } else {
                        failures.add(e);
                    }
                    window.release();
                    acknowledged.release();
                });
                sent.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    /** The record numbers each partition holds, by offset; fails if offsets are not dense. */
    private List<List<Integer>> readLog() {
        List<TopicPartition> partitions = new ArrayList<>();
        List<List<Integer>> log = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(TOPIC, p));
            log.add(new ArrayList<>());
        }
        LogReader.readAll(ClientConfigs.consumer(broker.bootstrapServers()), partitions, Duration.ofMinutes(2), r -> {
            List<Integer> partition = log.get(r.partition());
            assertEquals(partition.size(), r.offset(), "offsets of partition " + r.partition() + " are dense");
            partition.add((int) ByteBuffer.wrap(r.value()).getLong());
        });
        return log;
    }

    private static void assertEveryAcknowledgedRecordIsAtItsOffset(List<List<Integer>> log, Iterable<Ack> acks) {
        List<String> lost = new ArrayList<>();
        for (Ack ack : acks) {
            List<Integer> partition = log.get(ack.partition());
            Integer there = ack.offset() < partition.size() ? partition.get((int) ack.offset()) : null;
            if (there == null || there != ack.record()) {
                lost.add(ack + " but the log has " + there);
            }
        }
        assertEquals(List.of(), lost.subList(0, Math.min(lost.size(), 20)), lost.size() + " acknowledged records not at their offset");
    }

    private static void assertNoRecordTwiceAndSendOrderPerPartition(List<List<Integer>> log) {
        BitSet seen = new BitSet(RECORDS);
        for (int p = 0; p < PARTITIONS; p++) {
            int previous = -1;
            List<Integer> partition = log.get(p);
            for (int offset = 0; offset < partition.size(); offset++) {
                int record = partition.get(offset);
                String where = "partition " + p + " offset " + offset + ": record " + record;
                assertEquals(p, record % PARTITIONS, where + " was sent to partition " + (record % PARTITIONS));
                assertFalse(seen.get(record), where + " appears twice");
                assertTrue(record > previous, where + " after " + previous);
                seen.set(record);
                previous = record;
            }
        }
    }

    private static byte[] value(long i) {
        return ByteBuffer.allocate(VALUE_BYTES).putLong(i).array();
    }
}
