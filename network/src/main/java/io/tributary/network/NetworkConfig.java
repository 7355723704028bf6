package io.tributary.network;

/**
 * The settings of the network layer, with Kafka's broker config names and defaults where Kafka has
 * the setting (DESIGN D10). Immutable. Parsing configs by name is the broker's job; this is the
 * typed, validated result, and a bad value fails here with an error naming the key and the value.
 *
 * @param socketRequestMaxBytes          {@code socket.request.max.bytes}: the largest request frame
 *                                       accepted; a larger (or negative) declared size closes the
 *                                       connection, as Kafka's {@code InvalidReceiveException} does
 * @param numNetworkThreads              {@code num.network.threads}: event-loop threads serving
 *                                       connections. Kafka defaults to 3; we default to the number
 *                                       of cores, because our event loops also run the (non-blocking)
 *                                       handlers that Kafka runs on its separate I/O threads
 * @param socketSendBufferBytes          {@code socket.send.buffer.bytes}: SO_SNDBUF, -1 for the OS default
 * @param socketReceiveBufferBytes       {@code socket.receive.buffer.bytes}: SO_RCVBUF, -1 for the OS default
 * @param socketListenBacklogSize        {@code socket.listen.backlog.size}: SO_BACKLOG of each listener
 * @param maxInFlightRequestsPerConnection {@code max.in.flight.requests.per.connection} (ours; Kafka
 *                                       serves one request per connection at a time): requests of one
 *                                       connection dispatched and not yet answered; at the cap the
 *                                       connection stops reading
 * @param maxInFlightBytesPerConnection  {@code max.in.flight.bytes.per.connection} (ours): frame bytes
 *                                       of one connection held by requests in flight; at the cap the
 *                                       connection stops reading. One request is always admitted, so
 *                                       a frame of {@code socket.request.max.bytes} never deadlocks
 */
public record NetworkConfig(
        int socketRequestMaxBytes,
        int numNetworkThreads,
        int socketSendBufferBytes,
        int socketReceiveBufferBytes,
        int socketListenBacklogSize,
        int maxInFlightRequestsPerConnection,
        long maxInFlightBytesPerConnection) {

    public static final String SOCKET_REQUEST_MAX_BYTES = "socket.request.max.bytes";
    public static final String NUM_NETWORK_THREADS = "num.network.threads";
    public static final String SOCKET_SEND_BUFFER_BYTES = "socket.send.buffer.bytes";
    public static final String SOCKET_RECEIVE_BUFFER_BYTES = "socket.receive.buffer.bytes";
    public static final String SOCKET_LISTEN_BACKLOG_SIZE = "socket.listen.backlog.size";
    public static final String MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION = "max.in.flight.requests.per.connection";
    public static final String MAX_IN_FLIGHT_BYTES_PER_CONNECTION = "max.in.flight.bytes.per.connection";

    public static final int DEFAULT_SOCKET_REQUEST_MAX_BYTES = 100 * 1024 * 1024;
    public static final int DEFAULT_SOCKET_SEND_BUFFER_BYTES = 100 * 1024;
    public static final int DEFAULT_SOCKET_RECEIVE_BUFFER_BYTES = 100 * 1024;
    public static final int DEFAULT_SOCKET_LISTEN_BACKLOG_SIZE = 50;
    public static final int DEFAULT_MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION = 100;
    public static final long DEFAULT_MAX_IN_FLIGHT_BYTES_PER_CONNECTION = DEFAULT_SOCKET_REQUEST_MAX_BYTES;

    public NetworkConfig {
        requireAtLeast(SOCKET_REQUEST_MAX_BYTES, socketRequestMaxBytes, 1);
        requireAtLeast(NUM_NETWORK_THREADS, numNetworkThreads, 1);
        requireAtLeast(SOCKET_SEND_BUFFER_BYTES, socketSendBufferBytes, -1);
        requireAtLeast(SOCKET_RECEIVE_BUFFER_BYTES, socketReceiveBufferBytes, -1);
        requireAtLeast(SOCKET_LISTEN_BACKLOG_SIZE, socketListenBacklogSize, 1);
        requireAtLeast(MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, maxInFlightRequestsPerConnection, 1);
        requireAtLeast(MAX_IN_FLIGHT_BYTES_PER_CONNECTION, maxInFlightBytesPerConnection, 1);
    }

    /** Kafka's defaults, and ours for the settings Kafka does not have. */
    public static NetworkConfig defaults() {
        return new NetworkConfig(DEFAULT_SOCKET_REQUEST_MAX_BYTES, Runtime.getRuntime().availableProcessors(),
                DEFAULT_SOCKET_SEND_BUFFER_BYTES, DEFAULT_SOCKET_RECEIVE_BUFFER_BYTES,
                DEFAULT_SOCKET_LISTEN_BACKLOG_SIZE, DEFAULT_MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                DEFAULT_MAX_IN_FLIGHT_BYTES_PER_CONNECTION);
    }

    public NetworkConfig withSocketRequestMaxBytes(int value) {
        return new NetworkConfig(value, numNetworkThreads, socketSendBufferBytes, socketReceiveBufferBytes,
                socketListenBacklogSize, maxInFlightRequestsPerConnection, maxInFlightBytesPerConnection);
    }

    public NetworkConfig withNumNetworkThreads(int value) {
        return new NetworkConfig(socketRequestMaxBytes, value, socketSendBufferBytes, socketReceiveBufferBytes,
                socketListenBacklogSize, maxInFlightRequestsPerConnection, maxInFlightBytesPerConnection);
    }

    public NetworkConfig withMaxInFlightRequestsPerConnection(int value) {
        return new NetworkConfig(socketRequestMaxBytes, numNetworkThreads, socketSendBufferBytes,
                socketReceiveBufferBytes, socketListenBacklogSize, value, maxInFlightBytesPerConnection);
    }

    public NetworkConfig withMaxInFlightBytesPerConnection(long value) {
        return new NetworkConfig(socketRequestMaxBytes, numNetworkThreads, socketSendBufferBytes,
                socketReceiveBufferBytes, socketListenBacklogSize, maxInFlightRequestsPerConnection, value);
    }

    private static void requireAtLeast(String key, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException("invalid " + key + "=" + value + ": must be at least " + min);
        }
    }
}
