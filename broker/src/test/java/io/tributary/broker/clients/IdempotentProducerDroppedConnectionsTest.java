package io.tributary.broker.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.broker.Tributary;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An idempotent producer ({@code enable.idempotence=true}, {@code acks=all}) whose connections are
 * cut again and again while it produces: requests the broker appended but whose responses were
 * lost are retried, and the broker must recognise them by producer id and sequence. Read back,
 * every partition holds exactly what was sent to it, in send order, with no duplicate and no gap,
 * each record at the offset it was acknowledged with.
 *
 * <p>All traffic goes through a {@link CuttableTcpProxy}: the broker listens on an ephemeral port
 * but advertises the proxy's, so clients come back through the proxy after bootstrap.
 */
class IdempotentProducerDroppedConnectionsTest {

    private static final String TOPIC = "cut";
    private static final int PARTITIONS = 3;
    private static final int RECORDS = 100_000;
    private static final int CUTS = 20;

    @TempDir
    Path dataDir;
    private CuttableTcpProxy proxy;
    private Tributary broker;

    @BeforeEach
    void start() throws Exception {
        proxy = new CuttableTcpProxy();
        broker = Tributary.builder().dataDir(dataDir)
                .config("listeners", "PLAINTEXT://localhost:0")
                .config("advertised.listeners", "PLAINTEXT://localhost:" + proxy.port())
                .start();
        String own = broker.bootstrapServers();
        proxy.forwardTo(Integer.parseInt(own.substring(own.lastIndexOf(':') + 1)));
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        broker.close();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyRecordIsWrittenOnceInOrderThoughConnectionsAreCutWhileProducing() throws Exception {
        String bootstrap = "localhost:" + proxy.port();
        try (Admin admin = Admin.create(ClientConfigs.admin(bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        long[] acknowledgedOffset = new long[RECORDS];
        Arrays.fill(acknowledgedOffset, -1);
        AtomicReference<Exception> failure = new AtomicReference<>();
        int perRound = RECORDS / (CUTS + 1);
        double retries;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(bootstrap))) {
            for (int round = 0; round <= CUTS; round++) {
                int first = round * perRound;
                int end = round == CUTS ? RECORDS : first + perRound;
                CountDownLatch halfAcknowledged = new CountDownLatch((end - first) / 2);
                for (int i = first; i < end; i++) {
                    int record = i;
                    producer.send(new ProducerRecord<>(TOPIC, i % PARTITIONS, null, value(i)), (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        } else {
                            acknowledgedOffset[record] = metadata.offset();
                        }
                        halfAcknowledged.countDown();
                    });
                }
                if (round < CUTS) {
                    int r = round;
                    assertTrue(halfAcknowledged.await(60, TimeUnit.SECONDS), () -> "half of round " + r + " acknowledged");
                    assertTrue(proxy.awaitOpenConnection(Duration.ofSeconds(30)), "the producer is connected before cut " + r);
                    assertTrue(proxy.cutAll() > 0, "cut " + r + " cut a connection");
                }
            }
            producer.flush();
            retries = metric(producer, "record-retry-total");
        }
        System.out.printf("%d cuts, %d connections accepted by the proxy, %.0f record retries%n",
                proxy.cuts(), proxy.accepted(), retries);

        assertNull(failure.get(), "first failed send");
        assertTrue(retries > 0, "the cuts lost requests in flight, which were retried");
        assertPartitionsHoldEveryRecordOnceInSendOrder(bootstrap, acknowledgedOffset);
    }

    private static Map<String, Object> producerConfig(String bootstrap) {
        Map<String, Object> config = ClientConfigs.producer(bootstrap);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 4 * 1024);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 20);
        config.put(ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG, 20);
        config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
        return config;
    }

    /** Partition {@code p} must hold records {@code p, p + 3, p + 6, ...} at offsets 0, 1, 2, ... */
    private static void assertPartitionsHoldEveryRecordOnceInSendOrder(String bootstrap, long[] acknowledgedOffset) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(TOPIC, p));
        }
        List<ConsumerRecord<byte[], byte[]>> log = LogReader.readAll(bootstrap, partitions, Duration.ofSeconds(60));
        assertEquals(RECORDS, log.size(), "records in the log");
        long[] nextOffset = new long[PARTITIONS];
        int[] nextRecord = {0, 1, 2};
        for (ConsumerRecord<byte[], byte[]> r : log) {
            int p = r.partition();
            long record = ByteBuffer.wrap(r.value()).getLong();
            assertEquals(nextOffset[p], r.offset(), "offsets of partition " + p + " are dense");
            assertEquals(nextRecord[p], record, "record at offset " + r.offset() + " of partition " + p);
            assertEquals(acknowledgedOffset[(int) record], r.offset(), "acknowledged offset of record " + record);
            nextOffset[p]++;
            nextRecord[p] += PARTITIONS;
        }
    }

    private static double metric(KafkaProducer<?, ?> producer, String name) {
        for (Map.Entry<MetricName, ? extends Metric> e : producer.metrics().entrySet()) {
            if (e.getKey().name().equals(name) && e.getKey().group().equals("producer-metrics")) {
                return ((Number) e.getValue().metricValue()).doubleValue();
            }
        }
        throw new AssertionError("producer metric " + name + " not found");
    }

    private static byte[] value(long i) {
        return ByteBuffer.allocate(Long.BYTES).putLong(i).array();
    }
}
