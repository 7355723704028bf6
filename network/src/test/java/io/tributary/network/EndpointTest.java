package io.tributary.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void parsesKafkasListenerSyntax() {
        assertEquals(new Endpoint("PLAINTEXT", "localhost", 9092), Endpoint.parse("PLAINTEXT://localhost:9092"));
    }

    @Test
    void emptyHostMeansEveryInterface() {
        assertEquals(new Endpoint("PLAINTEXT", "", 9092), Endpoint.parse("PLAINTEXT://:9092"));
    }

    @Test
    void ipv6HostIsWrittenInBrackets() {
        Endpoint endpoint = Endpoint.parse("INTERNAL://[::1]:0");

        assertEquals(new Endpoint("INTERNAL", "::1", 0), endpoint);
        assertEquals("INTERNAL://[::1]:0", endpoint.toString());
    }

    @Test
    void listenerNamesAreUpperCasedAsKafkaNormalisesThem() {
        assertEquals("CLIENT", Endpoint.parse("client://host:1").listenerName());
    }

    @Test
    void parsesACommaSeparatedList() {
        assertEquals(List.of(new Endpoint("A", "h1", 1), new Endpoint("B", "h2", 2)), Endpoint.parseList("A://h1:1, B://h2:2"));
    }

    @Test
    void duplicateListenerNamesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Endpoint.parseList("A://h:1,a://h:2"));

        assertTrue(e.getMessage().contains("listener A appears twice"), e.getMessage());
    }

    @Test
    void malformedEntryIsRejectedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("localhost:9092"));

        assertTrue(e.getMessage().contains("\"localhost:9092\""), e.getMessage());
    }

    @Test
    void portOutOfRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("A://h:65536"));
    }
}
