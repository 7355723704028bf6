package io.tributary.broker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.config.ConfigException;
import io.tributary.storage.cleaner.CleanerConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code log.cleaner.*} broker settings: Kafka's defaults, their mapping to the cleaner, and Kafka's start-up checks. */
class CleanerBrokerConfigTest {

    private static BrokerConfig load(String... keyValues) {
        return BrokerConfig.load(Map.of(), List.of(keyValues));
    }

    @Test
    void defaultsAreKafkas() {
        CleanerConfig cleaner = load().cleanerConfig();
        assertEquals(CleanerConfig.defaults(), cleaner);
        assertEquals(1, cleaner.numThreads());
        assertEquals(128L * 1024 * 1024, cleaner.dedupeBufferSize());
        assertEquals(0.9, cleaner.dedupeBufferLoadFactor());
        assertEquals(512 * 1024, cleaner.ioBufferSize());
        assertEquals(Double.MAX_VALUE, cleaner.maxIoBytesPerSecond());
        assertEquals(15_000, cleaner.backoffMs());
        assertTrue(cleaner.enabled());
    }

    @Test
    void everySettingReachesTheCleaner() {
        CleanerConfig cleaner = load("log.cleaner.threads=2", "log.cleaner.dedupe.buffer.size=10485760",
                "log.cleaner.io.buffer.load.factor=0.5", "log.cleaner.io.buffer.size=65536",
                "log.cleaner.io.max.bytes.per.second=1000000", "log.cleaner.backoff.ms=100", "log.cleaner.enable=false")
                .cleanerConfig();
        assertEquals(new CleanerConfig(2, 10_485_760, 0.5, 65_536, 1_000_000, 100, false), cleaner);
        assertEquals(5_242_880, cleaner.dedupeBufferSizePerThread());
    }

    @Test
    void eachCleanerThreadNeedsMoreThanOneMebibyteOfDedupeBuffer() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("log.cleaner.threads=4", "log.cleaner.dedupe.buffer.size=4194304"));
        assertTrue(e.getMessage().contains("log.cleaner.dedupe.buffer.size must be at least 1MB per cleaner thread."), e.getMessage());
        load("log.cleaner.threads=0", "log.cleaner.dedupe.buffer.size=0"); // no threads, no buffer needed
    }

    @Test
    void negativeBackoffAndIoBufferAreRefusedWithKafkasMessage() {
        assertTrue(assertThrows(ConfigException.class, () -> load("log.cleaner.backoff.ms=-1")).getMessage()
                .contains("log.cleaner.backoff.ms"));
        assertTrue(assertThrows(ConfigException.class, () -> load("log.cleaner.io.buffer.size=-1")).getMessage()
                .contains("log.cleaner.io.buffer.size"));
    }
}
