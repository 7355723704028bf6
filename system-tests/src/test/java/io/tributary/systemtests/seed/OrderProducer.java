package io.tributary.systemtests.seed;

import java.util.Properties;
import org.apache.kafka.clients.producer.*;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The seed's Java producer, verbatim but for the address: the bootstrap servers come from the
 * first argument instead of the literal {@code "localhost:9092"}. The system tests run it in a
 * JVM of its own, as its user would.
 */
public class OrderProducer {
    public static void main(String[] args) throws Exception {
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args.length > 0 ? args[0] : "localhost:9092");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");

        try (var producer = new KafkaProducer<String, String>(props)) {
            for (int i = 1; i <= 3; i++) {
                var record = new ProducerRecord<>(
                    "orders",
                    "customer-" + i,
                    "{\"orderId\":" + i + ",\"amount\":" + (i * 10) + "}"
                );
                var md = producer.send(record).get();
                System.out.printf("sent to %s-%d@%d%n", md.topic(), md.partition(), md.offset());
            }
        }
    }
}
