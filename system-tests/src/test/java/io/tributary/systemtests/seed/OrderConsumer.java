package io.tributary.systemtests.seed;

import java.time.Duration;
import java.util.*;
import org.apache.kafka.clients.consumer.*;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The seed's Java consumer, verbatim but for the address: the bootstrap servers come from the
 * first argument instead of the literal {@code "localhost:9092"}. It polls until it is killed.
 */
public class OrderConsumer {
    public static void main(String[] args) {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args.length > 0 ? args[0] : "localhost:9092");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "example-consumer");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");

        try (var consumer = new KafkaConsumer<String, String>(props)) {
            consumer.subscribe(List.of("orders"));
            while (true) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (var rec : records) {
                    System.out.printf("received key=%s value=%s partition=%d offset=%d%n",
                        rec.key(), rec.value(), rec.partition(), rec.offset());
                }
            }
        }
    }
}
