package io.tributary.broker.config;

import static io.tributary.broker.config.BrokerConfigs.ADVERTISED_LISTENERS_CONFIG;
import static io.tributary.broker.config.BrokerConfigs.CONTROLLER_LISTENER_NAMES_CONFIG;
import static io.tributary.broker.config.BrokerConfigs.INTER_BROKER_LISTENER_NAME_CONFIG;
import static io.tributary.broker.config.BrokerConfigs.LISTENERS_CONFIG;
import static io.tributary.broker.config.BrokerConfigs.LISTENER_SECURITY_PROTOCOL_MAP_CONFIG;
import static io.tributary.broker.config.BrokerConfigs.SECURITY_INTER_BROKER_PROTOCOL_CONFIG;

import io.tributary.common.config.ConfigException;
import io.tributary.common.config.ParsedConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A node's listeners as its settings describe them, resolved and checked with Kafka's rules:
 * {@code listeners}, {@code advertised.listeners}, {@code listener.security.protocol.map},
 * {@code controller.listener.names} and the inter-broker listener. Immutable.
 *
 * <p>Every check fails with a {@link ConfigException} that names the setting and the value at fault.
 */
final class Listeners {

    /** Kafka's listener syntax: {@code NAME://host:port}, an IPv6 host in optional brackets. */
    private static final Pattern LISTENER = Pattern.compile("^(.*)://\\[?([0-9a-zA-Z\\-%._:]*)\\]?:(-?[0-9]+)$");
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern COMMA_WITH_BLANKS = Pattern.compile("\\s*,\\s*");

    private final List<Endpoint> all;
    private final List<Endpoint> advertised;
    private final List<String> controllerListenerNames;
    private final String interBrokerListenerName;
    private final Map<String, SecurityProtocol> securityProtocolMap;

    private Listeners(List<Endpoint> all, List<Endpoint> advertised, List<String> controllerListenerNames,
                      String interBrokerListenerName, Map<String, SecurityProtocol> securityProtocolMap) {
        this.all = List.copyOf(all);
        this.advertised = List.copyOf(advertised);
        this.controllerListenerNames = List.copyOf(controllerListenerNames);
        this.interBrokerListenerName = interBrokerListenerName;
        this.securityProtocolMap = Collections.unmodifiableMap(new LinkedHashMap<>(securityProtocolMap));
    }

    /** Resolves and checks the listener settings of a node with these roles. */
    static Listeners resolve(ParsedConfig config, Set<ProcessRole> roles) {
        List<String> controllerNames = upperCase(config.getList(CONTROLLER_LISTENER_NAMES_CONFIG));
        Map<String, SecurityProtocol> protocols = effectiveSecurityProtocolMap(config, controllerNames);
        List<String> listenerEntries = config.getList(LISTENERS_CONFIG);
        List<Endpoint> all = parse(LISTENERS_CONFIG, listenerEntries, protocols, true);
        List<Endpoint> advertised = all;
        List<String> advertisedEntries = config.getList(ADVERTISED_LISTENERS_CONFIG);
        if (advertisedEntries != null) {
            advertised = parse(ADVERTISED_LISTENERS_CONFIG, advertisedEntries, protocols, false);
            Set<String> names = names(all);
            for (Endpoint endpoint : advertised) {
                if (!names.contains(endpoint.listenerName())) {
                    throw new ConfigException(ADVERTISED_LISTENERS_CONFIG, advertisedEntries, "listener "
                            + endpoint.listenerName() + " is not one of listeners (" + String.join(",", names) + ")");
                }
            }
        }
        for (Endpoint endpoint : advertised) {
            if (endpoint.host().equals("0.0.0.0") && !controllerNames.contains(endpoint.listenerName())) {
                throw new ConfigException(ADVERTISED_LISTENERS_CONFIG, endpoint, "cannot advertise the non-routable"
                        + " address 0.0.0.0" + (advertisedEntries == null ? " (taken from listeners)" : "")
                        + "; advertise an address clients can reach");
            }
        }
        checkRoles(roles, controllerNames, all, listenerEntries);
        String interBrokerName = interBrokerListenerName(config, protocols);
        Listeners listeners = new Listeners(all, advertised, controllerNames, interBrokerName, protocols);
        if (roles.contains(ProcessRole.BROKER)) {
            listeners.checkInterBrokerListener(config);
        }
        return listeners;
    }

    /** Every listener, controller listeners included, in the order given. */
    List<Endpoint> all() {
        return all;
    }

    /** The listeners that serve Kafka clients: all but the controller listeners. */
    List<Endpoint> broker() {
        return withoutControllerListeners(all);
    }

    /** The addresses given to clients and brokers for the broker listeners. */
    List<Endpoint> advertisedBroker() {
        return withoutControllerListeners(advertised);
    }

    List<String> controllerListenerNames() {
        return controllerListenerNames;
    }

    String interBrokerListenerName() {
        return interBrokerListenerName;
    }

    Map<String, SecurityProtocol> securityProtocolMap() {
        return securityProtocolMap;
    }

    /**
     * Parses {@code NAME://host:port} entries of setting {@code configName}.
     *
     * @param requireDistinctPorts true for {@code listeners} (two sockets cannot bind one port, except an
     *                             IPv4 and an IPv6 address; port 0 is exempt), false for advertised addresses
     */
    static List<Endpoint> parse(String configName, List<String> entries, Map<String, SecurityProtocol> protocols,
                                boolean requireDistinctPorts) {
        List<Endpoint> endpoints = new ArrayList<>(entries.size());
        for (String entry : entries) {
            endpoints.add(parseEntry(configName, entry, protocols));
        }
        if (names(endpoints).size() != endpoints.size()) {
            throw new ConfigException(configName, entries, "Each listener must have a different name");
        }
        if (requireDistinctPorts) {
            checkDistinctPorts(configName, entries, endpoints);
        }
        return endpoints;
    }

    private static Endpoint parseEntry(String configName, String entry, Map<String, SecurityProtocol> protocols) {
        Matcher matcher = LISTENER.matcher(entry);
        if (!matcher.matches() || matcher.group(1).isEmpty()) {
            throw new ConfigException(configName, entry, "expected NAME://host:port, e.g. PLAINTEXT://localhost:9092");
        }
        String name = matcher.group(1).toUpperCase(Locale.ROOT);
        int port;
        try {
            port = Integer.parseInt(matcher.group(3));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException(configName, entry, "port must be between 0 and 65535");
        }
        SecurityProtocol protocol = protocols.get(name);
        if (protocol == null) {
            throw new ConfigException(configName, entry, "no security protocol is defined for listener " + name
                    + "; map it in " + LISTENER_SECURITY_PROTOCOL_MAP_CONFIG);
        }
        return new Endpoint(name, matcher.group(2), port, protocol);
    }

    private static void checkDistinctPorts(String configName, List<String> entries, List<Endpoint> endpoints) {
        Map<Integer, List<Endpoint>> byPort = endpoints.stream()
                .filter(endpoint -> endpoint.port() != 0)
                .collect(Collectors.groupingBy(Endpoint::port));
        for (Map.Entry<Integer, List<Endpoint>> sharing : byPort.entrySet()) {
            List<Endpoint> group = sharing.getValue();
            boolean ipv4AndIpv6 = group.size() == 2
                    && (isIpv4(group.get(0)) && isIpv6(group.get(1)) || isIpv6(group.get(0)) && isIpv4(group.get(1)));
            if (group.size() > 1 && !ipv4AndIpv6) {
                throw new ConfigException(configName, entries, "Each listener must have a different port unless one"
                        + " listener has an IPv4 and the other an IPv6 address; port " + sharing.getKey()
                        + " is used more than once");
            }
        }
    }

    /**
     * {@code listener.security.protocol.map} as a map from upper-case listener name to protocol. When the
     * setting is not given and no listener uses SSL or SASL, Kafka maps each controller listener name to
     * PLAINTEXT, so {@code controller.listener.names=CONTROLLER} works without a map; so do we.
     */
    static Map<String, SecurityProtocol> effectiveSecurityProtocolMap(ParsedConfig config,
                                                                      List<String> controllerNames) {
        Map<String, SecurityProtocol> protocols =
                parseSecurityProtocolMap(config.getString(LISTENER_SECURITY_PROTOCOL_MAP_CONFIG));
        if (config.isSet(LISTENER_SECURITY_PROTOCOL_MAP_CONFIG)) {
            return protocols;
        }
        List<String> names = new ArrayList<>(controllerNames);
        for (String entry : config.getList(LISTENERS_CONFIG)) {
            int colon = entry.indexOf(':');
            names.add(colon < 0 ? entry : entry.substring(0, colon).toUpperCase(Locale.ROOT));
        }
        boolean sslOrSasl = names.stream()
                .anyMatch(name -> SecurityProtocol.forName(name).map(SecurityProtocol::isSslOrSasl).orElse(false));
        if (!sslOrSasl) {
            controllerNames.forEach(name -> protocols.putIfAbsent(name, SecurityProtocol.PLAINTEXT));
        }
        return protocols;
    }

    /** Parses {@code NAME:PROTOCOL} pairs; names are upper-cased, protocols are matched in any case. */
    static Map<String, SecurityProtocol> parseSecurityProtocolMap(String text) {
        Map<String, SecurityProtocol> protocols = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return protocols;
        }
        for (String pair : COMMA_WITH_BLANKS.split(text, -1)) {
            int colon = pair.lastIndexOf(':');
            if (colon <= 0) {
                throw new ConfigException(LISTENER_SECURITY_PROTOCOL_MAP_CONFIG, text,
                        "expected NAME:PROTOCOL pairs, found '" + pair + "'");
            }
            String name = pair.substring(0, colon).trim().toUpperCase(Locale.ROOT);
            String protocolName = pair.substring(colon + 1).trim();
            SecurityProtocol protocol = SecurityProtocol.forName(protocolName).orElseThrow(() ->
                    new ConfigException(LISTENER_SECURITY_PROTOCOL_MAP_CONFIG, text, "unknown security protocol '"
                            + protocolName + "' for listener " + name + "; expected PLAINTEXT, SSL, SASL_PLAINTEXT"
                            + " or SASL_SSL"));
            if (protocols.put(name, protocol) != null) {
                throw new ConfigException(LISTENER_SECURITY_PROTOCOL_MAP_CONFIG, text,
                        "listener " + name + " appears more than once");
            }
        }
        return protocols;
    }

    /** Kafka's KRaft rules for which listeners a node of these roles may and must have. */
    private static void checkRoles(Set<ProcessRole> roles, List<String> controllerNames, List<Endpoint> all,
                                   List<String> listenerEntries) {
        Set<String> names = names(all);
        if (roles.contains(ProcessRole.CONTROLLER)) {
            for (String controllerName : controllerNames) {
                if (!names.contains(controllerName)) {
                    throw new ConfigException(CONTROLLER_LISTENER_NAMES_CONFIG, controllerNames, "listener "
                            + controllerName + " is not one of listeners, but a node with the controller role must"
                            + " listen on its controller listeners");
                }
            }
        } else {
            for (String controllerName : controllerNames) {
                if (names.contains(controllerName)) {
                    throw new ConfigException(LISTENERS_CONFIG, listenerEntries, "listener " + controllerName
                            + " is in " + CONTROLLER_LISTENER_NAMES_CONFIG + ", which a broker-only node must not"
                            + " listen on");
                }
            }
        }
        if (!roles.contains(ProcessRole.BROKER) && !controllerNames.isEmpty() && !controllerNames.containsAll(names)) {
            throw new ConfigException(LISTENERS_CONFIG, listenerEntries, "a controller-only node may listen only on"
                    + " the listeners in " + CONTROLLER_LISTENER_NAMES_CONFIG);
        }
        if (roles.contains(ProcessRole.BROKER) && controllerNames.containsAll(names)) {
            throw new ConfigException(LISTENERS_CONFIG, listenerEntries, "a node with the broker role needs a"
                    + " listener that is not in " + CONTROLLER_LISTENER_NAMES_CONFIG);
        }
    }

    private static String interBrokerListenerName(ParsedConfig config, Map<String, SecurityProtocol> protocols) {
        String name = config.getString(INTER_BROKER_LISTENER_NAME_CONFIG);
        if (name == null) {
            return config.getString(SECURITY_INTER_BROKER_PROTOCOL_CONFIG);
        }
        if (config.isSet(SECURITY_INTER_BROKER_PROTOCOL_CONFIG)) {
            throw new ConfigException("Only one of " + INTER_BROKER_LISTENER_NAME_CONFIG + " and "
                    + SECURITY_INTER_BROKER_PROTOCOL_CONFIG + " should be set.");
        }
        String upperCase = name.toUpperCase(Locale.ROOT);
        if (!protocols.containsKey(upperCase)) {
            throw new ConfigException(INTER_BROKER_LISTENER_NAME_CONFIG, name, "no security protocol is defined for"
                    + " it in " + LISTENER_SECURITY_PROTOCOL_MAP_CONFIG);
        }
        return upperCase;
    }

    private void checkInterBrokerListener(ParsedConfig config) {
        String key = config.getString(INTER_BROKER_LISTENER_NAME_CONFIG) != null
                ? INTER_BROKER_LISTENER_NAME_CONFIG : SECURITY_INTER_BROKER_PROTOCOL_CONFIG;
        Set<String> advertisedNames = names(advertisedBroker());
        if (!advertisedNames.contains(interBrokerListenerName)) {
            throw new ConfigException(key, config.get(key), "the inter-broker listener must be a broker listener"
                    + " defined in " + ADVERTISED_LISTENERS_CONFIG + " (or " + LISTENERS_CONFIG + "); the listeners"
                    + " are " + String.join(",", advertisedNames));
        }
    }

    private List<Endpoint> withoutControllerListeners(List<Endpoint> endpoints) {
        return endpoints.stream().filter(e -> !controllerListenerNames.contains(e.listenerName())).toList();
    }

    private static Set<String> names(List<Endpoint> endpoints) {
        Set<String> names = new LinkedHashSet<>();
        endpoints.forEach(endpoint -> names.add(endpoint.listenerName()));
        return names;
    }

    private static List<String> upperCase(List<String> names) {
        return names.stream().map(name -> name.toUpperCase(Locale.ROOT)).toList();
    }

    private static boolean isIpv4(Endpoint endpoint) {
        return IPV4_LITERAL.matcher(endpoint.host()).matches();
    }

    private static boolean isIpv6(Endpoint endpoint) {
        return endpoint.host().contains(":");
    }
}
