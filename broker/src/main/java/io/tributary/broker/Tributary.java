package io.tributary.broker;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.common.Time;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Tributary node started inside the calling JVM, e.g. for a JUnit test (DESIGN D11):
 *
 * <pre>{@code
 * try (Tributary broker = Tributary.builder().dataDir(tempDir).start()) {
 *     props.put("bootstrap.servers", broker.bootstrapServers());
 *     ...
 * }
 * }</pre>
 *
 * Listens on an ephemeral port of localhost unless told otherwise; any broker config key can be set
 * with {@link Builder#config}. {@link #close()} is a clean shutdown.
 */
public final class Tributary implements AutoCloseable {

    private final BrokerServer server;

    private Tributary(BrokerServer server) {
        this.server = server;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds the configuration of an embedded node. */
    public static final class Builder {

        private final Map<String, String> config = new LinkedHashMap<>();

        private Builder() {
            config.put("listeners", "PLAINTEXT://localhost:0");
        }

        /** Where the node keeps its data ({@code log.dirs}). */
        public Builder dataDir(Path dir) {
            config.put("log.dirs", dir.toAbsolutePath().toString());
            return this;
        }

        /** Any broker config key, with Kafka's name. */
        public Builder config(String key, String value) {
            config.put(key, value);
            return this;
        }

        /** Starts the node; returns once it accepts connections. */
        public Tributary start() {
            if (!config.containsKey("log.dirs") && !config.containsKey("log.dir")) {
                throw new IllegalStateException("an embedded node needs a data directory: call dataDir(...)");
            }
            try {
                return new Tributary(BrokerServer.start(BrokerConfig.load(config, List.of()), Time.SYSTEM));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting", e);
            }
        }
    }

    /** {@code localhost:<port>}, for a client's {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return server.bootstrapServers();
    }

    public String clusterId() {
        return server.clusterId();
    }

    @Override
    public void close() {
        server.close();
    }
}
