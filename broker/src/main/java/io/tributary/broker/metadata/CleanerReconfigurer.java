package io.tributary.broker.metadata;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.config.DynamicBrokerConfig;
import io.tributary.metadata.image.ConfigResource;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.MetadataListener;
import io.tributary.storage.LogManager;
import io.tributary.storage.cleaner.CleanerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the dynamic {@code log.cleaner.*} broker configs (this broker's and all brokers') to the
 * running log cleaner, as Kafka's {@code LogCleaner.reconfigure} does: when the effective
 * {@link BrokerConfig#cleanerConfig()} changes, the cleaner threads are restarted with it
 * ({@link LogManager#reconfigureLogCleaner}); the cleaner checkpoints are kept.
 *
 * <p>Called on the controller thread after each commit, and once at start-up with the whole image
 * (so settings altered before a restart apply again). A reconfigure waits for the old cleaner
 * threads to stop, which a cleaning in progress does at its next read.
 */
public final class CleanerReconfigurer implements MetadataListener {

    private static final Logger log = LoggerFactory.getLogger(CleanerReconfigurer.class);

    private final LogManager logManager;
    private final BrokerConfig staticConfig;

    public CleanerReconfigurer(LogManager logManager, BrokerConfig staticConfig) {
        this.logManager = logManager;
        this.staticConfig = staticConfig;
    }

    @Override
    public String name() {
        return "log-cleaner-config";
    }

    @Override
    public void onMetadataUpdate(MetadataDelta delta, MetadataImage newImage) {
        boolean brokerConfigsChanged = delta.configsDelta()
                .map(configs -> configs.changedResources().stream().anyMatch(this::isThisBroker))
                .orElse(false);
        if (!brokerConfigsChanged) {
            return;
        }
        CleanerConfig cleanerConfig = DynamicBrokerConfig.effective(staticConfig, newImage.configs()).cleanerConfig();
        try {
            logManager.reconfigureLogCleaner(cleanerConfig);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("interrupted while reconfiguring the log cleaner to {}", cleanerConfig);
        }
    }

    /** Whether {@code resource} holds dynamic configs of this broker: its own, or those of all brokers. */
    private boolean isThisBroker(ConfigResource resource) {
        return resource.equals(ConfigResource.brokerDefault()) || resource.equals(ConfigResource.broker(staticConfig.nodeId()));
    }
}
