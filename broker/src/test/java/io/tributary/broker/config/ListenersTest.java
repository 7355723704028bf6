package io.tributary.broker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tributary.common.config.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListenersTest {

    private static BrokerConfig load(String... keyValues) {
        return BrokerConfig.load(Map.of(), List.of(keyValues));
    }

    private static String error(String... keyValues) {
        return assertThrows(ConfigException.class, () -> load(keyValues)).getMessage();
    }

    private static Endpoint plaintext(String host, int port) {
        return new Endpoint("PLAINTEXT", host, port, SecurityProtocol.PLAINTEXT);
    }

    @Test
    void anEmptyHostMeansTheDefaultInterface() {
        Endpoint endpoint = load("listeners=PLAINTEXT://:9092").listeners().get(0);
        assertEquals(plaintext("", 9092), endpoint);
        assertEquals("PLAINTEXT://:9092", endpoint.toString());
    }

    @Test
    void anIpv6HostMayBeInBrackets() {
        Endpoint endpoint = load("listeners=PLAINTEXT://[::1]:9092").listeners().get(0);
        assertEquals(plaintext("::1", 9092), endpoint);
        assertEquals("PLAINTEXT://[::1]:9092", endpoint.toString());
    }

    @Test
    void listenerNamesAreUpperCased() {
        assertEquals(plaintext("localhost", 9092), load("listeners=plaintext://localhost:9092").listeners().get(0));
    }

    @Test
    void aNameThatIsNotAProtocolNeedsTheMap() {
        assertEquals("Invalid value CLIENT://:9092 for configuration listeners: no security protocol is defined for"
                + " listener CLIENT; map it in listener.security.protocol.map", error("listeners=CLIENT://:9092"));
    }

    @Test
    void aMappedNameTakesItsProtocol() {
        BrokerConfig config = load("listeners=CLIENT://:9092,REPLICATION://:9093",
                "listener.security.protocol.map=CLIENT:SSL,REPLICATION:PLAINTEXT",
                "inter.broker.listener.name=replication");
        assertEquals(List.of(new Endpoint("CLIENT", "", 9092, SecurityProtocol.SSL),
                new Endpoint("REPLICATION", "", 9093, SecurityProtocol.PLAINTEXT)), config.listeners());
        assertEquals("REPLICATION", config.interBrokerListenerName());
    }

    @Test
    void anEntryWithoutNameAndSchemeIsRefused() {
        assertEquals("Invalid value localhost:9092 for configuration listeners: expected NAME://host:port, e.g."
                + " PLAINTEXT://localhost:9092", error("listeners=localhost:9092"));
        assertEquals("Invalid value ://:9092 for configuration listeners: expected NAME://host:port, e.g."
                + " PLAINTEXT://localhost:9092", error("listeners=://:9092"));
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        assertEquals("Invalid value PLAINTEXT://:70000 for configuration listeners: port must be between 0 and 65535",
                error("listeners=PLAINTEXT://:70000"));
        assertEquals("Invalid value PLAINTEXT://:-1 for configuration listeners: port must be between 0 and 65535",
                error("listeners=PLAINTEXT://:-1"));
    }

    @Test
    void listenerNamesMustBeUnique() {
        assertEquals("Invalid value PLAINTEXT://:9092,plaintext://:9093 for configuration listeners: Each listener"
                + " must have a different name", error("listeners=PLAINTEXT://:9092,plaintext://:9093"));
    }

    @Test
    void portsMustBeUnique() {
        assertEquals("Invalid value PLAINTEXT://:9092,SSL://:9092 for configuration listeners: Each listener must have"
                        + " a different port unless one listener has an IPv4 and the other an IPv6 address; port 9092"
                        + " is used more than once", error("listeners=PLAINTEXT://:9092,SSL://:9092"));
    }

    @Test
    void anIpv4AndAnIpv6ListenerMayShareAPort() {
        BrokerConfig config = load("listeners=PLAINTEXT://127.0.0.1:9092,SSL://[::1]:9092");
        assertEquals(2, config.listeners().size());
    }

    @Test
    void portZeroMayRepeat() {
        assertEquals(2, load("listeners=PLAINTEXT://localhost:0,SSL://localhost:0").listeners().size());
    }

    @Test
    void emptyListenersAreRefused() {
        assertEquals("Invalid value  for configuration listeners: List must not be empty", error("listeners="));
    }

    @Test
    void advertisedListenersDefaultToListeners() {
        BrokerConfig config = load("listeners=PLAINTEXT://broker1:9092");
        assertEquals(List.of(plaintext("broker1", 9092)), config.advertisedListeners());
    }

    @Test
    void advertisedListenersReplaceTheAddressGivenToClients() {
        BrokerConfig config = load("listeners=PLAINTEXT://0.0.0.0:9092", "advertised.listeners=PLAINTEXT://broker1:19092");
        assertEquals(List.of(plaintext("0.0.0.0", 9092)), config.listeners());
        assertEquals(List.of(plaintext("broker1", 19092)), config.advertisedListeners());
    }

    @Test
    void theWildcardAddressCannotBeAdvertised() {
        assertEquals("Invalid value PLAINTEXT://0.0.0.0:9092 for configuration advertised.listeners: cannot advertise"
                + " the non-routable address 0.0.0.0 (taken from listeners); advertise an address clients can reach",
                error("listeners=PLAINTEXT://0.0.0.0:9092"));
    }

    @Test
    void anAdvertisedListenerMustBeOneOfListeners() {
        assertEquals("Invalid value PLAINTEXT://broker1:9092,SSL://broker1:9093 for configuration advertised.listeners:"
                + " listener SSL is not one of listeners (PLAINTEXT)",
                error("advertised.listeners=PLAINTEXT://broker1:9092,SSL://broker1:9093"));
    }

    @Test
    void controllerListenersAreMappedToPlaintextWhenTheMapIsNotSet() {
        BrokerConfig config = load("listeners=PLAINTEXT://:9092,CONTROLLER://:9093", "controller.listener.names=CONTROLLER");
        assertEquals(SecurityProtocol.PLAINTEXT, config.listenerSecurityProtocolMap().get("CONTROLLER"));
        assertEquals(List.of(plaintext("", 9092)), config.brokerListeners());
        assertEquals(List.of(plaintext("", 9092)), config.advertisedListeners());
        assertEquals(2, config.listeners().size());
    }

    @Test
    void aControllerMustListenOnItsControllerListeners() {
        assertEquals("Invalid value CONTROLLER for configuration controller.listener.names: listener CONTROLLER is not"
                + " one of listeners, but a node with the controller role must listen on its controller listeners",
                error("controller.listener.names=CONTROLLER"));
    }

    @Test
    void aBrokerOnlyNodeMustNotListenOnControllerListeners() {
        assertEquals("Invalid value PLAINTEXT://:9092,CONTROLLER://:9093 for configuration listeners: listener"
                + " CONTROLLER is in controller.listener.names, which a broker-only node must not listen on",
                error("process.roles=broker", "listeners=PLAINTEXT://:9092,CONTROLLER://:9093",
                        "controller.listener.names=CONTROLLER"));
    }

    @Test
    void aControllerOnlyNodeListensOnlyOnControllerListeners() {
        BrokerConfig config = load("process.roles=controller", "listeners=CONTROLLER://:9093",
                "controller.listener.names=CONTROLLER");
        assertEquals(List.of(), config.brokerListeners());
        assertThrows(ConfigException.class, () -> load("process.roles=controller",
                "listeners=PLAINTEXT://:9092,CONTROLLER://:9093", "controller.listener.names=CONTROLLER"));
    }

    @Test
    void theInterBrokerListenerMustBeABrokerListener() {
        assertEquals("Invalid value SSL for configuration security.inter.broker.protocol: the inter-broker listener"
                + " must be a broker listener defined in advertised.listeners (or listeners); the listeners are"
                + " PLAINTEXT", error("security.inter.broker.protocol=SSL"));
    }

    @Test
    void onlyOneOfInterBrokerListenerNameAndProtocolMayBeSet() {
        assertEquals("Only one of inter.broker.listener.name and security.inter.broker.protocol should be set.",
                error("inter.broker.listener.name=PLAINTEXT", "security.inter.broker.protocol=PLAINTEXT"));
    }

    @Test
    void anUnknownProtocolInTheMapIsRefused() {
        assertEquals("Invalid value PLAINTEXT:PLAINTEXT,CLIENT:TLS for configuration listener.security.protocol.map:"
                + " unknown security protocol 'TLS' for listener CLIENT; expected PLAINTEXT, SSL, SASL_PLAINTEXT or"
                + " SASL_SSL", error("listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CLIENT:TLS"));
    }
}
