package io.tributary.network;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One listener: a name, the host to bind and the port. Written in Kafka's {@code listeners} syntax
 * as {@code NAME://host:port}; an empty host binds every interface, port 0 an ephemeral port
 * ({@link NetworkServer#boundPort(String)} then says which).
 *
 * @param listenerName the listener's name, upper case as Kafka normalises it, e.g. {@code PLAINTEXT}
 * @param host         the host or address to bind; empty for all interfaces
 * @param port         0-65535
 */
public record Endpoint(String listenerName, String host, int port) {

    /** Kafka's {@code listeners} entry: name, host (IPv6 in brackets), port. */
    private static final Pattern LISTENER = Pattern.compile("^([^:/\\s]+)://\\[?([0-9a-zA-Z\\-%._:]*)]?:(-?[0-9]+)$");

    public Endpoint {
        if (listenerName == null || listenerName.isBlank()) {
            throw new IllegalArgumentException("listener name must not be empty");
        }
        listenerName = listenerName.toUpperCase(Locale.ROOT);
        host = host == null ? "" : host;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("listener " + listenerName + ": port " + port + " is not in 0-65535");
        }
    }

    /** Parses one {@code listeners} entry, e.g. {@code PLAINTEXT://localhost:9092} or {@code INTERNAL://[::1]:0}. */
    public static Endpoint parse(String listener) {
        Matcher m = LISTENER.matcher(listener.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid listener \"" + listener + "\": expected NAME://host:port");
        }
        int port;
        try {
            port = Integer.parseInt(m.group(3));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid listener \"" + listener + "\": port " + m.group(3) + " is not a number");
        }
        return new Endpoint(m.group(1), m.group(2), port);
    }

    /** Parses Kafka's comma-separated {@code listeners} value; listener names must be unique. */
    public static List<Endpoint> parseList(String listeners) {
        List<Endpoint> endpoints = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String entry : listeners.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            Endpoint endpoint = parse(entry);
            if (!names.add(endpoint.listenerName())) {
                throw new IllegalArgumentException("invalid listeners \"" + listeners + "\": listener "
                        + endpoint.listenerName() + " appears twice");
            }
            endpoints.add(endpoint);
        }
        return endpoints;
    }

    @Override
    public String toString() {
        return listenerName + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
