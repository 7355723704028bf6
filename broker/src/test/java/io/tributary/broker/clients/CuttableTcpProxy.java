package io.tributary.broker.clients;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on localhost that forwards every accepted connection to one upstream address and can
 * cut all its connections at once, as a network fault would: both sockets of each pair are reset,
 * bytes in flight in either direction are lost.
 *
 * <pre>
 * client ──► accept ──► [ upstream socket ]      one thread per direction and connection
 *            client→upstream pump, upstream→client pump
 * </pre>
 *
 * <p>The listening port is bound on construction, so a broker can advertise it before it starts;
 * the upstream is given once the broker's own port is known. Connections accepted before that wait
 * for it. Thread-safe; {@link #close()} stops accepting and cuts everything.
 */
final class CuttableTcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> open = new ArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger cuts = new AtomicInteger();
    private volatile int upstreamPort = -1;
    private final Thread acceptor;

    CuttableTcpProxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Starts forwarding to {@code localhost:port}. */
    synchronized CuttableTcpProxy forwardTo(int port) {
        upstreamPort = port;
        if (!acceptor.isAlive()) {
            acceptor.start();
        }
        return this;
    }

    /**
     * Resets every connection open now; clients reconnect through the proxy as they would after a
     * network fault. Returns how many client connections were cut.
     */
    int cutAll() {
        List<Socket> victims;
        synchronized (open) {
            victims = new ArrayList<>(open);
            open.clear();
        }
        victims.forEach(CuttableTcpProxy::reset);
        cuts.incrementAndGet();
        return victims.size() / 2;
    }

    /** Waits until at least one connection is open through the proxy; false if none is within {@code timeout}. */
    boolean awaitOpenConnection(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (open) {
            while (open.isEmpty()) {
                long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (leftMs <= 0) {
                    return false;
                }
                open.wait(leftMs);
            }
            return true;
        }
    }

    /** Connections accepted so far. */
    int accepted() {
        return accepted.get();
    }

    int cuts() {
        return cuts.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                accepted.incrementAndGet();
                Socket upstream;
                try {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                } catch (IOException e) {
                    reset(client);
                    continue;
                }
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                synchronized (open) {
                    open.add(client);
                    open.add(upstream);
                    open.notifyAll();
                }
                pump(client, upstream, "up");
                pump(upstream, client, "down");
            } catch (IOException e) {
                if (!server.isClosed()) {
                    throw new IllegalStateException("proxy on port " + port() + " cannot accept", e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) != -1) {
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // cut, or the peer went away: the other pump sees its socket closed too
            } finally {
                synchronized (open) {
                    open.remove(from);
                    open.remove(to);
                }
                reset(from);
                reset(to);
            }
        }, "proxy-" + direction + "-" + from.getPort());
        thread.setDaemon(true);
        thread.start();
    }

    /** Closes with SO_LINGER 0: the peer gets a reset, unsent bytes are dropped. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // already closed
        }
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cutAll();
    }
}
