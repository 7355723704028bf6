package io.tributary.broker;

import io.tributary.network.NetworkServer;
import io.tributary.protocol.ApiKey;
import java.util.List;

/**
 * Class loading and initialisation that start-up needs later, done on a second thread while the main
 * thread parses the configuration and opens the logs (the machine has at least two cores more often
 * than not; on one it costs nothing but a thread). What it loads, measured as the slowest steps of a
 * start: {@link ApiKey}'s initialisation (a message factory per API, about 200 classes), Netty with
 * its native epoll library, and the message classes of the requests a client sends first.
 *
 * <p>Purely an optimisation: the main thread loads the same classes when it needs them (waiting for
 * this thread if it is initialising one at that moment, as class initialisation does), so a failure
 * here is ignored; the main thread meets it again and reports it.
 */
final class StartupPreload {

    /** The requests a producer sends first: versions, metadata (which creates the topic), a producer id, a produce. */
    private static final List<ApiKey> FIRST_REQUESTS = List.of(ApiKey.API_VERSIONS, ApiKey.METADATA, ApiKey.INIT_PRODUCER_ID,
            ApiKey.PRODUCE);

    private StartupPreload() {
    }

    /** Starts the preloading thread (a daemon: it never delays exit). */
    static void start() {
        Thread thread = new Thread(StartupPreload::run, "startup-preload");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        try {
            for (ApiKey key : FIRST_REQUESTS) {
                key.newRequest();
                key.newResponse();
            }
            NetworkServer.preloadTransport();
        } catch (RuntimeException | LinkageError e) {
            // Ignored: see the class comment.
        }
    }
}
