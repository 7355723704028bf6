package io.tributary.benchmarks.compare;

import java.io.IOException;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Time from spawning a broker to the first acknowledged produce: a producer (created before the
 * spawn, so its own start is not counted) sends one {@code acks=all} record to a topic that does
 * not exist yet, retrying every 10 ms while the broker comes up and creates the topic.
 */
public final class StartupProbe {
    private static final long LIMIT_MS = 120_000;

    private StartupProbe() {
    }

    /** Spawns {@code broker} and returns the milliseconds until the first produce was acknowledged. */
    public static double spawnAndTimeFirstProduce(BrokerProcess broker, String topic)
            throws IOException, InterruptedException {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG, "10");
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "10");
        props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "10");
        props.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "10");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(LIMIT_MS));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(LIMIT_MS));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            long startNs = broker.spawn();
            Future<RecordMetadata> ack = producer.send(new ProducerRecord<>(topic, new byte[] {1}));
            while (true) {
                try {
                    ack.get(50, TimeUnit.MILLISECONDS);
                    return (System.nanoTime() - startNs) / 1e6;
                } catch (TimeoutException notYet) {
                    if (!broker.isAlive()) {
                        throw new IOException(broker.contestant().id() + " exited during start-up");
                    }
                } catch (ExecutionException e) {
                    throw new IOException("first produce failed: " + e.getCause(), e.getCause());
                }
            }
        }
    }
}
