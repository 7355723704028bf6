package io.tributary.broker;

import io.tributary.metadata.MetadataRecordType;
import io.tributary.network.NetworkServer;
import io.tributary.protocol.ApiKey;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * Class loading and initialisation that start-up needs later, done on a second thread while the main
 * thread initialises logging, parses the configuration and opens the logs. What it loads, measured as
 * the slowest steps of a start: seeding the JDK's {@code SecureRandom} (for the cluster id),
 * {@link ApiKey} and the message classes of the requests a client sends first, the metadata record
 * types, and Netty with its native epoll library and the network pipeline.
 *
 * <p>Logging is initialised by the caller, and the preloading thread touches nothing that logs until
 * it is: SLF4J hands a thread that asks for a logger while another thread initialises it a substitute
 * that queues events and replays them later, with a warning.
 *
 * <p>Purely an optimisation: the main thread loads the same classes when it needs them (waiting for
 * this thread if it is initialising one at that moment, as class initialisation does), so a failure
 * here is ignored; the main thread meets it again and reports it.
 */
final class StartupPreload {

    private StartupPreload() {
    }

    /**
     * Starts the preloading thread (a daemon: it never delays exit), then initialises logging on the
     * calling thread and returns.
     */
    static void startAndInitLogging() {
        CountDownLatch loggingReady = new CountDownLatch(1);
        Thread thread = new Thread(() -> run(loggingReady), "startup-preload");
        thread.setDaemon(true);
        thread.start();
        try {
            LoggerFactory.getILoggerFactory();
        } finally {
            loggingReady.countDown();
        }
    }

    private static void run(CountDownLatch loggingReady) {
        try {
            UUID.randomUUID(); // seeds the JDK's SecureRandom, for the cluster id and topic ids
            // The requests a producer sends first: versions, metadata (which creates the topic), a producer id, a produce.
            for (ApiKey key : List.of(ApiKey.API_VERSIONS, ApiKey.METADATA, ApiKey.INIT_PRODUCER_ID, ApiKey.PRODUCE)) {
                key.newRequest();
                key.newResponse();
            }
            MetadataRecordType.values();
            loggingReady.await();
            NetworkServer.preloadClasses();
        } catch (RuntimeException | LinkageError e) {
            // Ignored: see the class comment.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
