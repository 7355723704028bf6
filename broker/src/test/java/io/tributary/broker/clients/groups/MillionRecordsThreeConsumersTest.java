package io.tributary.broker.clients.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consumer-groups issue's acceptance test: a million small keyed records written with
 * batching and {@code acks=all} to a 6-partition topic, consumed by a group of three Java
 * consumers that commit synchronously after processing each poll. Midway one member is closed
 * cleanly and replaced by a new consumer in the same group. Every record must be processed, and
 * none twice: processing a record adds its (partition, offset) to a set and counts an event, and
 * at the end the set holds all 1,000,000 and the count is 1,000,000.
 */
class MillionRecordsThreeConsumersTest {

    private static final int PARTITIONS = 6;
    private static final int RECORDS = 1_000_000;
    private static final int KEYS = 10_007;
    private static final Duration CONSUME_TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path dataDir;
    private GroupTestBroker broker;
    private final String topic = Names.unique("million");
    private final String group = Names.unique("processors");
    private final Set<Long> processed = ConcurrentHashMap.newKeySet(2 * RECORDS);
    private final AtomicLong processingEvents = new AtomicLong();
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void start() throws Exception {
        broker = GroupTestBroker.start(dataDir);
        try (Admin admin = Topics.admin(broker.bootstrapServers())) {
            Topics.create(admin, topic, PARTITIONS);
        }
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void threeConsumersWithARestartProcessEveryRecordExactlyOnce() throws Exception {
        long started = System.nanoTime();
        Processor first = Processor.start("p1", this);
        Processor second = Processor.start("p2", this);
        Processor third = Processor.start("p3", this);
        CompletableFuture<Long> produced = CompletableFuture.supplyAsync(this::produce);

        Await.until(CONSUME_TIMEOUT, "half the records processed", () -> processed.size() >= RECORDS / 2, this::progress);
        second.close();
        int processedAtRestart = processed.size();
        Processor restarted = Processor.start("p2-restarted", this);
        Await.until(CONSUME_TIMEOUT, "every record processed", () -> processed.size() == RECORDS || !failures.isEmpty(),
                this::progress);
        long producedAfterMs = produced.get(1, TimeUnit.MINUTES);
        for (Processor processor : List.of(first, third, restarted)) {
            processor.close();
        }
        System.out.printf("MillionRecordsThreeConsumersTest: produced after %d ms, member restarted after %d records,"
                        + " all processed after %d ms%n", producedAfterMs, processedAtRestart,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));

        assertEquals(List.of(), List.copyOf(failures), "failures of producer or consumers");
        assertTrue(processedAtRestart < RECORDS, "the member was restarted before all records were processed");
        assertEquals(RECORDS, processed.size(), "distinct (partition, offset) processed");
        assertEquals(RECORDS, processingEvents.get(), "processing events");
    }

    /** Writes the records; returns when all are acknowledged, with the milliseconds it took. */
    private long produce() {
        long started = System.nanoTime();
        Map<String, Object> config = new HashMap<>(Topics.producerConfig(broker.bootstrapServers()));
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + (i % KEYS), Integer.toString(i)), (metadata, e) -> {
                    if (e != null) {
                        failures.add(e);
                    }
                });
            }
            producer.flush();
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /** Processing: the record's (partition, offset) into the set, one processing event. */
    private void process(ConsumerRecord<String, String> record) {
        processingEvents.incrementAndGet();
        processed.add(((long) record.partition() << 40) | record.offset());
    }

    private String progress() {
        return processed.size() + " distinct processed, " + processingEvents.get() + " processing events, failures " + failures;
    }

    /** One group member on a thread of its own: poll, process every record, commit what it processed. */
    private static final class Processor implements AutoCloseable {

        private final Thread thread;
        private volatile boolean closing;

        private Processor(String name, MillionRecordsThreeConsumersTest test) {
            thread = new Thread(() -> test.runProcessor(this), "processor-" + name);
        }

        static Processor start(String name, MillionRecordsThreeConsumersTest test) {
            Processor processor = new Processor(name, test);
            processor.thread.start();
            return processor;
        }

        /** Stops polling and closes the consumer cleanly (it leaves the group). */
        @Override
        public void close() throws InterruptedException {
            closing = true;
            thread.join(TimeUnit.SECONDS.toMillis(60));
            if (thread.isAlive()) {
                throw new AssertionError(thread.getName() + " not closed within 60 s");
            }
        }
    }

    private void runProcessor(Processor processor) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                ConsumerSettings.classic(broker.bootstrapServers(), group).toMap())) {
            consumer.subscribe(List.of(topic));
            while (!processor.closing) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
                for (ConsumerRecord<String, String> record : records) {
                    process(record);
                    next.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                }
                consumer.commitSync(next);
            }
        } catch (Throwable t) {
            failures.add(t);
        }
    }
}
