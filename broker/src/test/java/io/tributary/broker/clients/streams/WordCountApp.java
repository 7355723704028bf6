package io.tributary.broker.clients.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;

/**
 * The word-count application of Kafka Streams' quick start, at-least-once, with named internal
 * topics so a test can find them: lines of {@link #INPUT_TOPIC} are split into words, re-keyed by
 * word (through {@link #REPARTITION_TOPIC}), counted in a persistent store logged to
 * {@link #CHANGELOG_TOPIC}, and every new count is written to {@link #OUTPUT_TOPIC}. The same
 * words are also counted per {@link #WINDOW_SIZE} window in a window store (changelog
 * {@link #WINDOWED_CHANGELOG_TOPIC}), for the configs Streams gives such a changelog.
 *
 * <p>{@link #start} returns once the application is RUNNING; {@link #close} leaves the group so
 * the next instance is assigned the tasks at once instead of after the session timeout. An
 * instance is driven by Streams' own threads; the methods here are called by the test thread.
 */
final class WordCountApp implements AutoCloseable {

    static final String APPLICATION_ID = "wordcount";
    static final String INPUT_TOPIC = "text-lines";
    static final String OUTPUT_TOPIC = "word-counts";
    static final String REPARTITION_TOPIC = APPLICATION_ID + "-words-repartition";
    static final String CHANGELOG_TOPIC = APPLICATION_ID + "-counts-changelog";
    static final String WINDOWED_CHANGELOG_TOPIC = APPLICATION_ID + "-windowed-counts-changelog";
    static final Duration WINDOW_SIZE = Duration.ofMinutes(1);

    /** Below Kafka's minimum {@code segment.bytes}: the test-only topic config, so the changelog rolls often. */
    static final int INTERNAL_SEGMENT_BYTES = 1024;
    /** Producer batches small enough that each fits in a segment, and a changelog spans many segments. */
    static final int PRODUCER_BATCH_BYTES = 512;

    private final KafkaStreams streams;
    private final Duration timeout;

    private WordCountApp(KafkaStreams streams, Duration timeout) {
        this.streams = streams;
        this.timeout = timeout;
    }

    static WordCountApp start(String bootstrapServers, Path stateDir, Duration timeout) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        KafkaStreams streams = new KafkaStreams(topology(), config(bootstrapServers, stateDir));
        streams.setUncaughtExceptionHandler(e -> {
            failure.compareAndSet(null, e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        WordCountApp app = new WordCountApp(streams, timeout);
        streams.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (failure.get() != null || streams.state() == KafkaStreams.State.ERROR
                    || streams.state() == KafkaStreams.State.NOT_RUNNING || System.nanoTime() > deadline) {
                app.close();
                throw new AssertionError("the word-count application is " + streams.state()
                        + " instead of RUNNING", failure.get());
            }
            pauseBriefly();
        }
        return app;
    }

    static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        KGroupedStream<String, String> words = builder
                .stream(INPUT_TOPIC, Consumed.with(Serdes.String(), Serdes.String()))
                .flatMapValues(line -> Arrays.asList(line.toLowerCase(Locale.ROOT).split("\\W+")))
                .filter((key, word) -> !word.isEmpty())
                .groupBy((key, word) -> word, Grouped.with("words", Serdes.String(), Serdes.String()));
        words.count(Materialized.as("counts"))
                .toStream()
                .to(OUTPUT_TOPIC, Produced.with(Serdes.String(), Serdes.Long()));
        // Counts per minute, kept in a window store whose changelog is both compacted and time-limited.
        words.windowedBy(TimeWindows.ofSizeWithNoGrace(WINDOW_SIZE)).count(Materialized.as("windowed-counts"));
        return builder.build();
    }

    private static Properties config(String bootstrapServers, Path stateDir) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        config.put(StreamsConfig.REPARTITION_PURGE_INTERVAL_MS_CONFIG, 100);
        config.put(StreamsConfig.topicPrefix("internal.segment.bytes"), INTERNAL_SEGMENT_BYTES);
        // Any dirty segment is worth cleaning: with the default 0.5, a last dirty segment smaller than
        // the clean section would stay dirty, and the test would depend on how big each part happens to be.
        config.put(StreamsConfig.topicPrefix("min.cleanable.dirty.ratio"), "0.01");
        // Kafka refuses a produce whose records for a partition exceed segment.bytes (RECORD_LIST_TOO_LARGE).
        config.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), PRODUCER_BATCH_BYTES);
        config.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        return config;
    }

    /** How many tasks this instance processes now, as its stream threads report them. */
    int activeTaskCount() {
        return streams.metadataForLocalThreads().stream().mapToInt(thread -> thread.activeTasks().size()).sum();
    }

    boolean isRunning() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    @Override
    public void close() {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(timeout));
    }

    private static void pauseBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the application to run", e);
        }
    }
}
