package io.tributary.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NetworkConfigTest {

    @Test
    void defaultsAreKafkasWhereKafkaHasTheSetting() {
        NetworkConfig config = NetworkConfig.defaults();

        assertEquals(104857600, config.socketRequestMaxBytes());
        assertEquals(102400, config.socketSendBufferBytes());
        assertEquals(102400, config.socketReceiveBufferBytes());
        assertEquals(50, config.socketListenBacklogSize());
        assertEquals(Runtime.getRuntime().availableProcessors(), config.numNetworkThreads());
        assertEquals(100, config.maxInFlightRequestsPerConnection());
        assertEquals(config.socketRequestMaxBytes(), config.maxInFlightBytesPerConnection());
    }

    @Test
    void invalidValueFailsNamingTheKeyAndTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkConfig.defaults().withSocketRequestMaxBytes(0));

        assertEquals("invalid socket.request.max.bytes=0: must be at least 1", e.getMessage());
    }

    @Test
    void zeroNetworkThreadsIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkConfig.defaults().withNumNetworkThreads(0));

        assertEquals("invalid num.network.threads=0: must be at least 1", e.getMessage());
    }
}
