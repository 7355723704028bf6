package io.tributary.broker.config;

/**
 * One listener address, parsed from {@code NAME://host:port} in {@code listeners} or
 * {@code advertised.listeners}.
 *
 * @param listenerName     the listener's name, upper case (Kafka normalises names so)
 * @param host             the host or IP literal (IPv6 without brackets); empty for "the default
 *                         interface" when binding, "this machine's canonical host name" when advertised
 * @param port             0 to 65535; 0 binds a free port (tests)
 * @param securityProtocol from {@code listener.security.protocol.map}
 */
public record Endpoint(String listenerName, String host, int port, SecurityProtocol securityProtocol) {

    /** Whether the host is empty (bind the default interface). */
    public boolean hasDefaultHost() {
        return host.isEmpty();
    }

    /** The {@code NAME://host:port} text, with brackets around an IPv6 literal. */
    @Override
    public String toString() {
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return listenerName + "://" + shownHost + ":" + port;
    }
}
