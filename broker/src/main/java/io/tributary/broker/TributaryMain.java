package io.tributary.broker;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.common.Time;
import io.tributary.common.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tributary start [--config server.properties] [--override key=value]...}: one process that
 * is broker and controller, configured like Kafka's start script (overrides win over the file;
 * with neither, Kafka's defaults with Tributary's zero-config listener and data directory).
 * Unknown keys are warned about; an invalid value stops start-up naming the key and the value.
 * SIGTERM (and Ctrl-C) shut down cleanly.
 */
public final class TributaryMain {

    private TributaryMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("start")) {
            System.err.println("usage: tributary start [--config FILE] [--override key=value]...");
            System.exit(2);
        }
        StartupPreload.startAndInitLogging();
        Path file = null;
        List<String> overrides = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--config" -> file = Path.of(require(args[i], value));
                case "--override" -> overrides.add(require(args[i], value));
                default -> {
                    System.err.println("unknown argument " + args[i] + "; usage: tributary start [--config FILE] [--override key=value]...");
                    System.exit(2);
                }
            }
            i++;
        }
        BrokerConfig config;
        try {
            config = file == null ? BrokerConfig.load(java.util.Map.of(), overrides) : BrokerConfig.load(file, overrides);
        } catch (ConfigException e) {
            System.err.println("Invalid configuration: " + e.getMessage());
            System.exit(1);
            return;
        }
        // Not a static field: logging is initialised by StartupPreload, overlapping the preloading.
        Logger log = LoggerFactory.getLogger(TributaryMain.class);
        config.unknownKeys().forEach(key -> log.warn("Unknown configuration '{}' was ignored", key));
        config.warnings().forEach(log::warn);
        BrokerServer server = BrokerServer.start(config, Time.SYSTEM);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down");
            server.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }

    private static String require(String flag, String value) {
        if (value == null) {
            System.err.println(flag + " needs a value");
            System.exit(2);
        }
        return value;
    }
}
