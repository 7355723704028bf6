package io.tributary.broker.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tributary.broker.Tributary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.FetchSessionHandler;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Incremental fetch sessions (KIP-227) with the official Java consumer: it assigns two partitions
 * while a producer appends to one of them. What the consumer's {@link FetchSessionHandler} logs
 * (at DEBUG) shows that its session was created and used incrementally, and that it never judged
 * one of our responses invalid or hit a session error.
 */
class IncrementalFetchTest {

    private static final int ROUNDS = 20;
    private static final int RECORDS_PER_ROUND = 5;

    @TempDir
    Path dataDir;
    private Tributary broker;
    private Logger sessionLogger;
    private Level previousLevel;
    private final ListAppender<ILoggingEvent> sessionLog = new ListAppender<>();

    @BeforeEach
    void start() {
        broker = Tributary.builder().dataDir(dataDir).start();
        sessionLogger = (Logger) LoggerFactory.getLogger(FetchSessionHandler.class);
        previousLevel = sessionLogger.getLevel();
        sessionLogger.setLevel(Level.DEBUG);
        sessionLog.start();
        sessionLogger.addAppender(sessionLog);
    }

    @AfterEach
    void stop() {
        sessionLogger.detachAppender(sessionLog);
        sessionLogger.setLevel(previousLevel);
        broker.close();
    }

    @Test
    void aConsumerOfTwoPartitionsReceivesEveryRecordAppendedToOneOverIncrementalFetches() throws Exception {
        try (Admin admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("orders", 2, (short) 1))).all().get();
        }
        TopicPartition quiet = new TopicPartition("orders", 0);
        TopicPartition busy = new TopicPartition("orders", 1);
        List<String> received = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        try (var producer = new KafkaProducer<byte[], byte[]>(ClientConfigs.producer(broker.bootstrapServers()));
             var consumer = new KafkaConsumer<byte[], byte[]>(ClientConfigs.consumer(broker.bootstrapServers()))) {
            consumer.assign(List.of(quiet, busy));
            consumer.seekToBeginning(List.of(quiet, busy));
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < RECORDS_PER_ROUND; i++) {
                    String value = "order-" + (round * RECORDS_PER_ROUND + i);
                    producer.send(new ProducerRecord<>(busy.topic(), busy.partition(), null,
                            value.getBytes(StandardCharsets.UTF_8))).get();
                    sent.add(value);
                }
                pollUntil(consumer, received, sent.size());
            }
            assertEquals(0, consumer.position(quiet));
            assertEquals(sent.size(), consumer.position(busy));
        }

        assertEquals(sent, received);
        List<String> messages = sessionMessages();
        assertTrue(messages.stream().anyMatch(m -> m.contains("created a new incremental fetch session")),
                "no fetch session was created: " + messages);
        assertTrue(messages.stream().filter(m -> m.contains("sent an incremental fetch response with")).count() >= ROUNDS,
                "too few incremental fetch responses: " + messages);
        assertTrue(messages.stream().noneMatch(m -> m.contains("invalid") || m.contains("unable to process")),
                "the consumer rejected a response or hit a session error: " + messages);
    }

    private static void pollUntil(KafkaConsumer<byte[], byte[]> consumer, List<String> received, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                assertEquals(1, record.partition(), "a record from the quiet partition");
                received.add(new String(record.value(), StandardCharsets.UTF_8));
            }
        }
        assertEquals(count, received.size(), "records received by the deadline");
    }

    private List<String> sessionMessages() {
        synchronized (sessionLog) {
            return sessionLog.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
