package io.tributary.network;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tributary.common.Time;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's Kafka-protocol server: binds the listeners and runs their connections on Netty
 * event loops (epoll where available, NIO otherwise), handing each decoded request to the
 * {@link RequestDispatcher} (DESIGN D6, D13). See {@link ConnectionInitializer} for a connection's
 * pipeline.
 *
 * <pre>{@code
 * NetworkServer server = new NetworkServer(config, Endpoint.parseList("PLAINTEXT://localhost:0"), dispatcher, Time.SYSTEM);
 * server.start();                          // binds; throws BindException naming the listener
 * int port = server.boundPort("PLAINTEXT");
 * ...
 * server.close();                          // stops accepting, closes connections, joins threads
 * }</pre>
 *
 * <p>Threads: one acceptor thread for all listeners, and {@code num.network.threads} event loops
 * shared by all connections; a connection stays on one event loop for its life, and its requests
 * are dispatched on it. The threads are daemons, so an embedded broker a test forgets to close does
 * not keep the JVM alive.
 *
 * <p>Shutdown: {@link #close()} closes the listeners, then the connections; requests still in
 * flight are abandoned without a response, as when Kafka shuts down (clients retry).
 *
 * <p>Thread safety: {@link #start()}, {@link #close()} and the queries may be called from any thread
 * but not from an event loop of this server (close waits for them to end).
 */
public final class NetworkServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NetworkServer.class);

    private static final long SHUTDOWN_TIMEOUT_SECONDS = 10;

    private enum State { NEW, STARTED, CLOSED }

    private final NetworkConfig config;
    private final List<Endpoint> listeners;
    private final RequestDispatcher dispatcher;
    private final Time time;
    private final NettyTransport transport;
    private final AtomicLong connectionIndex = new AtomicLong();

    private final Map<String, Channel> boundChannels = new LinkedHashMap<>();
    private EventLoopGroup acceptorGroup;
    private EventLoopGroup workerGroup;
    private State state = State.NEW;

    /**
     * Loads Netty and its native transport library, and initialises the classes of the server channel
     * and of a connection's pipeline: the slowest part of binding a server and of serving its first
     * request. A broker calls it on a second thread at start-up so that this work overlaps its loading
     * of configuration and logs. Safe to call from any thread, any number of times, once logging is
     * initialised (these classes log); a failure here is left for the constructor to meet and report.
     */
    public static void preloadClasses() {
        NettyTransport transport = NettyTransport.preferred();
        ClassLoader loader = NetworkServer.class.getClassLoader();
        for (Class<?> c : List.of(transport.serverChannelClass(), ConnectionInitializer.class, FrameDecoder.class,
                RequestDecoder.class, RequestDispatchHandler.class, ResponseEncoder.class, Connection.class)) {
            try {
                Class.forName(c.getName(), true, loader);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * @param listeners  the listeners to bind, with unique names
     * @param dispatcher the broker; called on the event loops, see {@link RequestDispatcher}
     * @param time       the clock for {@link RequestContext#receivedNanos()}
     */
    public NetworkServer(NetworkConfig config, List<Endpoint> listeners, RequestDispatcher dispatcher, Time time) {
        this(config, listeners, dispatcher, time, NettyTransport.preferred());
    }

    NetworkServer(NetworkConfig config, List<Endpoint> listeners, RequestDispatcher dispatcher, Time time,
            NettyTransport transport) {
        this.config = Objects.requireNonNull(config, "config");
        this.listeners = List.copyOf(listeners);
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.time = Objects.requireNonNull(time, "time");
        this.transport = transport;
        if (this.listeners.isEmpty()) {
            throw new IllegalArgumentException("no listeners to bind");
        }
        Set<String> names = new HashSet<>();
        for (Endpoint listener : this.listeners) {
            if (!names.add(listener.listenerName())) {
                throw new IllegalArgumentException("listener " + listener.listenerName() + " is configured twice");
            }
        }
    }

    /**
     * Starts the event loops and binds every listener; connections are served from then on.
     *
     * @throws BindException if a listener cannot bind (the message names the listener); nothing stays bound
     * @throws UnknownHostException if a listener's host does not resolve
     * @throws IllegalStateException if the server was started before
     */
    public synchronized void start() throws IOException {
        if (state != State.NEW) {
            throw new IllegalStateException("network server already " + (state == State.STARTED ? "started" : "closed"));
        }
        state = State.STARTED;
        acceptorGroup = transport.newEventLoopGroup(1, new DefaultThreadFactory("tributary-network-acceptor", true));
        workerGroup = transport.newEventLoopGroup(config.numNetworkThreads(), new DefaultThreadFactory("tributary-network", true));
        try {
            for (Endpoint listener : listeners) {
                boundChannels.put(listener.listenerName(), bind(listener));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        log.info("Listening on {} ({}, {} network threads)", boundEndpoints(), transport.name().toLowerCase(),
                config.numNetworkThreads());
    }

    private Channel bind(Endpoint listener) throws IOException {
        InetSocketAddress address = listener.host().isEmpty()
                ? new InetSocketAddress(listener.port())
                : new InetSocketAddress(listener.host(), listener.port());
        if (address.isUnresolved()) {
            throw new UnknownHostException("listener " + listener + ": cannot resolve host " + listener.host());
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptorGroup, workerGroup)
                .channel(transport.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, config.socketListenBacklogSize())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ConnectionInitializer(listener.listenerName(), config, dispatcher, time, connectionIndex));
        if (config.socketReceiveBufferBytes() != -1) {
            // On the listening socket too: the TCP window scale is fixed when the connection is set up.
            bootstrap.option(ChannelOption.SO_RCVBUF, config.socketReceiveBufferBytes());
            bootstrap.childOption(ChannelOption.SO_RCVBUF, config.socketReceiveBufferBytes());
        }
        if (config.socketSendBufferBytes() != -1) {
            bootstrap.childOption(ChannelOption.SO_SNDBUF, config.socketSendBufferBytes());
        }
        ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            BindException e = new BindException("listener " + listener + ": cannot bind " + address + ": " + bound.cause().getMessage());
            e.initCause(bound.cause());
            throw e;
        }
        return bound.channel();
    }

    /**
     * The port {@code listenerName} is bound to: the configured one, or the one the OS chose for 0.
     *
     * @throws IllegalArgumentException if no such listener is bound
     */
    public synchronized int boundPort(String listenerName) {
        Channel channel = boundChannels.get(listenerName);
        if (channel == null) {
            throw new IllegalArgumentException("no listener " + listenerName + " is bound; bound: " + boundChannels.keySet());
        }
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The listeners as bound, with their actual ports; empty before {@link #start()} and after {@link #close()}. */
    public synchronized List<Endpoint> boundEndpoints() {
        List<Endpoint> bound = new ArrayList<>();
        for (Endpoint listener : listeners) {
            if (boundChannels.containsKey(listener.listenerName())) {
                bound.add(new Endpoint(listener.listenerName(), listener.host(), boundPort(listener.listenerName())));
            }
        }
        return bound;
    }

    /** {@code epoll} or {@code nio}. */
    public String transportName() {
        return transport.name().toLowerCase();
    }

    /** Closes the listeners and every connection and waits for the event loops to end. Idempotent. */
    @Override
    public void close() {
        List<Channel> channels;
        EventLoopGroup acceptors;
        EventLoopGroup workers;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            channels = new ArrayList<>(boundChannels.values());
            boundChannels.clear();
            acceptors = acceptorGroup;
            workers = workerGroup;
        }
        for (Channel channel : channels) {
            channel.close().awaitUninterruptibly();
        }
        if (acceptors != null) {
            acceptors.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            acceptors.terminationFuture().awaitUninterruptibly();
            workers.terminationFuture().awaitUninterruptibly();
        }
        log.info("Network server closed");
    }
}
