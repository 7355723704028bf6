package io.tributary.broker.clients.groups;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A group member in a process of its own, for tests that kill it with SIGKILL: it joins, polls
 * until killed, and prints {@code assigned <partitions>} each time its assignment changes.
 *
 * <p>Arguments: {@code bootstrapServers groupId topic protocol}, where protocol is
 * {@code classic} (then with {@link KilledMemberTest#CLASSIC_SESSION_TIMEOUT_MS}) or {@code consumer}.
 */
public final class ConsumerProcessMain {

    private ConsumerProcessMain() {
    }

    public static void main(String[] args) {
        String bootstrapServers = args[0];
        String groupId = args[1];
        String topic = args[2];
        String protocol = args[3];
        ConsumerSettings settings = protocol.equals("classic")
                ? ConsumerSettings.classic(bootstrapServers, groupId)
                        .with(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, KilledMemberTest.CLASSIC_SESSION_TIMEOUT_MS)
                : ConsumerSettings.consumerProtocol(bootstrapServers, groupId);
        Map<String, Object> config = settings.toMap();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            Set<TopicPartition> printed = Set.of();
            while (true) {
                consumer.poll(Duration.ofMillis(100));
                if (!consumer.assignment().equals(printed)) {
                    printed = Set.copyOf(consumer.assignment());
                    System.out.println("assigned " + printed);
                    System.out.flush();
                }
            }
        }
    }
}
