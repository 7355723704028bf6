package io.tributary.broker.clients.groups;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Builds the config of one group member: string keys and values, no auto-commit (tests commit
 * when their behaviour says so), {@code auto.offset.reset=earliest}, and the group protocol asked
 * for. Classic members use a 6 s session and a 500 ms heartbeat; consumer-protocol members get
 * both from the broker ({@link GroupTestBroker#FAST_GROUPS}), as KIP-848 forbids setting them.
 */
final class ConsumerSettings {

    static final int CLASSIC_SESSION_TIMEOUT_MS = 6000;

    private final Map<String, Object> config = new HashMap<>();

    private ConsumerSettings(String bootstrapServers, String groupId, String protocol) {
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    }

    /** A member of a classic group (JoinGroup/SyncGroup/Heartbeat). */
    static ConsumerSettings classic(String bootstrapServers, String groupId) {
        return new ConsumerSettings(bootstrapServers, groupId, "classic")
                .with(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, CLASSIC_SESSION_TIMEOUT_MS)
                .with(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500);
    }

    /** A member of a consumer-protocol group (KIP-848 ConsumerGroupHeartbeat). */
    static ConsumerSettings consumerProtocol(String bootstrapServers, String groupId) {
        return new ConsumerSettings(bootstrapServers, groupId, "consumer");
    }

    ConsumerSettings with(String key, Object value) {
        config.put(key, value);
        return this;
    }

    Map<String, Object> toMap() {
        return new HashMap<>(config);
    }
}
