package io.tributary.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.epoll.Epoll;
import io.tributary.common.Time;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.ApiVersionsResponseData;
import io.tributary.protocol.message.FetchRequestData;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.FetchResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The server on real sockets, with requests and responses checked by Kafka's own classes. */
@ExtendWith(NettyLeakCheck.class)
class NetworkServerTest {

    private static final NetworkConfig CONFIG = NetworkConfig.defaults().withNumNetworkThreads(2);

    private final List<NetworkServer> servers = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @TempDir
    Path directory;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        servers.forEach(NetworkServer::close);
    }

    @Test
    void apiVersionsFromKafkasClientIsAnsweredWithBytesKafkaParses() throws Exception {
        NetworkServer server = start(ScriptedDispatcher.answeringApiVersions());
        WireClient client = connect(server.boundPort("PLAINTEXT"));

        for (short version = 0; version <= ScriptedDispatcher.MAX_API_VERSIONS_VERSION; version++) {
            client.send(KafkaOracle.apiVersionsRequest(version, 100 + version));
            ApiVersionsResponse response = (ApiVersionsResponse) KafkaOracle.parseResponse(
                    client.receive(), ApiKeys.API_VERSIONS, version, 100 + version);

            assertEquals(Errors.NONE.code(), response.data().errorCode(), "v" + version);
            assertEquals(ScriptedDispatcher.MAX_API_VERSIONS_VERSION, response.apiVersion(ApiKeys.API_VERSIONS.id).maxVersion());
        }
    }

    @Test
    void apiVersionsNewerThanServedIsAnsweredAtVersionZeroAsKafkaExpects() throws Exception {
        NetworkServer server = start(ScriptedDispatcher.answeringApiVersions());
        WireClient client = connect(server.boundPort("PLAINTEXT"));
        short newest = ApiKeys.API_VERSIONS.latestVersion();

        client.send(KafkaOracle.apiVersionsRequest(newest, 7));

        ApiVersionsResponse response = KafkaOracle.parseApiVersionsFallback(client.receive(), 7);
        assertEquals(Errors.UNSUPPORTED_VERSION.code(), response.data().errorCode());
        assertEquals(ScriptedDispatcher.MAX_API_VERSIONS_VERSION, response.apiVersion(ApiKeys.API_VERSIONS.id).maxVersion());
    }

    @Test
    void everyListenerIsBoundOnItsOwnEphemeralPortAndNamedInTheContext() throws Exception {
        ScriptedDispatcher dispatcher = ScriptedDispatcher.answeringApiVersions();
        NetworkServer server = start(dispatcher, NettyTransport.preferred(), "PLAINTEXT://127.0.0.1:0,INTERNAL://127.0.0.1:0");
        int plaintext = server.boundPort("PLAINTEXT");
        int internal = server.boundPort("INTERNAL");

        connect(plaintext).send(KafkaOracle.apiVersionsRequest((short) 2, 1));
        RequestContext first = dispatcher.awaitRequest();
        connect(internal).send(KafkaOracle.apiVersionsRequest((short) 2, 2));
        RequestContext second = dispatcher.awaitRequest();

        assertNotEquals(0, plaintext);
        assertNotEquals(plaintext, internal);
        assertEquals(List.of(new Endpoint("PLAINTEXT", "127.0.0.1", plaintext), new Endpoint("INTERNAL", "127.0.0.1", internal)),
                server.boundEndpoints());
        assertEquals("PLAINTEXT", first.listenerName());
        assertEquals("INTERNAL", second.listenerName());
    }

    @Test
    void connectionsGetDistinctIdsInKafkasFormAndTheirClientAddress() throws Exception {
        ScriptedDispatcher dispatcher = ScriptedDispatcher.answeringApiVersions();
        NetworkServer server = start(dispatcher);
        int port = server.boundPort("PLAINTEXT");
        WireClient first = connect(port);
        WireClient second = connect(port);

        first.send(KafkaOracle.apiVersionsRequest((short) 2, 1));
        RequestContext fromFirst = dispatcher.awaitRequest();
        second.send(KafkaOracle.apiVersionsRequest((short) 2, 2));
        RequestContext fromSecond = dispatcher.awaitRequest();

        assertTrue(fromFirst.connectionId().matches("127\\.0\\.0\\.1:" + port + "-127\\.0\\.0\\.1:" + first.localPort() + "-\\d+"),
                fromFirst.connectionId());
        assertNotEquals(fromFirst.connectionId(), fromSecond.connectionId());
        assertEquals(first.localPort(), fromFirst.clientAddress().getPort());
        assertEquals(KafkaOracle.CLIENT_ID, fromFirst.header().clientId());
    }

    @Test
    void pipelinedRequestsCompletedInReverseOnOtherThreadsAreAnsweredInRequestOrder() throws Exception {
        ScriptedDispatcher dispatcher = ScriptedDispatcher.pending();
        NetworkServer server = start(dispatcher);
        WireClient client = connect(server.boundPort("PLAINTEXT"));
        int requests = 20;

        for (int i = 0; i < requests; i++) {
            client.send(KafkaOracle.apiVersionsRequest((short) 2, i));
        }
        for (int i = 0; i < requests; i++) {
            assertEquals(i, dispatcher.awaitRequest().header().correlationId(), "dispatched in arrival order");
        }
        ExecutorService completers = Executors.newFixedThreadPool(3);
        try {
            for (int i = requests - 1; i >= 0; i--) {
                int index = i;
                completers.submit(() -> dispatcher.future(index).complete(
                        new Response(new ApiVersionsResponseData().setThrottleTimeMs(index), (short) 2))).get();
            }
        } finally {
            completers.shutdown();
        }

        for (int i = 0; i < requests; i++) {
            ApiVersionsResponse response = (ApiVersionsResponse) KafkaOracle.parseResponse(client.receive(), ApiKeys.API_VERSIONS, (short) 2, i);
            assertEquals(i, response.throttleTimeMs());
        }
    }

    @Test
    void manyMorePipelinedRequestsThanTheInFlightCapAreAllAnsweredInOrder() throws Exception {
        int cap = 3;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        Random random = new Random(42);
        ScriptedDispatcher dispatcher = ScriptedDispatcher.answering(request -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            long delayMicros = random.nextInt(2000);
            return CompletableFuture.supplyAsync(() -> {
                inFlight.decrementAndGet();
                return new Response(new ApiVersionsResponseData().setThrottleTimeMs(request.header().correlationId()), (short) 2);
            }, CompletableFuture.delayedExecutor(delayMicros, TimeUnit.MICROSECONDS));
        });
        NetworkServer server = start(dispatcher, CONFIG.withMaxInFlightRequestsPerConnection(cap));
        WireClient client = connect(server.boundPort("PLAINTEXT"));
        int requests = 200;

        for (int i = 0; i < requests; i++) {
            client.send(KafkaOracle.apiVersionsRequest((short) 2, i));
        }

        for (int i = 0; i < requests; i++) {
            ApiVersionsResponse response = (ApiVersionsResponse) KafkaOracle.parseResponse(client.receive(), ApiKeys.API_VERSIONS, (short) 2, i);
            assertEquals(i, response.throttleTimeMs());
        }
        assertTrue(maxInFlight.get() <= cap, "at most " + cap + " requests in flight, saw " + maxInFlight.get());
    }

    @Test
    void malformedRequestClosesOnlyThatConnection() throws Exception {
        NetworkServer server = start(ScriptedDispatcher.answeringApiVersions());
        int port = server.boundPort("PLAINTEXT");
        WireClient good = connect(port);
        WireClient bad = connect(port);
        ByteBuffer request = KafkaOracle.apiVersionsRequest((short) 3, 1);

        bad.send(request.slice(0, request.remaining() - 3));

        assertTrue(bad.closedByServer());
        good.send(KafkaOracle.apiVersionsRequest((short) 3, 2));
        KafkaOracle.parseResponse(good.receive(), ApiKeys.API_VERSIONS, (short) 3, 2);
    }

    @Test
    void twoGibibyteFrameSizeClosesTheConnection() throws Exception {
        NetworkServer server = start(ScriptedDispatcher.answeringApiVersions());
        WireClient client = connect(server.boundPort("PLAINTEXT"));

        client.sendRaw(new byte[] {(byte) 0x80, 0, 0, 0});

        assertTrue(client.closedByServer());
    }

    @Test
    void unknownApiKeyClosesTheConnection() throws Exception {
        NetworkServer server = start(ScriptedDispatcher.answeringApiVersions());
        WireClient client = connect(server.boundPort("PLAINTEXT"));

        client.send(Requests.rawFrame((short) 999, (short) 0, 1));

        assertTrue(client.closedByServer());
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void fileChannelRecordsAreSentFromTheFileWhichStaysOpen(NettyTransport transport) throws Exception {
        Assumptions.assumeTrue(transport != NettyTransport.EPOLL || Epoll.isAvailable(), "epoll is not available here");
        byte[] batch = KafkaOracle.recordBatch("first", "second", "third");
        FileChannel segment = segmentWith(new byte[100], batch, new byte[50]);
        ScriptedDispatcher dispatcher = ScriptedDispatcher.answering(request -> CompletableFuture.completedFuture(new Response(
                ResponseEncoderTest.fetchResponse(new TestFileRecords(segment, 100, batch.length)), request.header().apiVersion())));
        NetworkServer server = start(dispatcher, transport, "PLAINTEXT://127.0.0.1:0");
        WireClient client = connect(server.boundPort("PLAINTEXT"));

        client.send(Requests.frame(ApiKey.FETCH, (short) 12, 5, new FetchRequestData()));
        FetchResponse response = (FetchResponse) KafkaOracle.parseResponse(client.receive(), ApiKeys.FETCH, (short) 12, 5);
        client.send(Requests.frame(ApiKey.FETCH, (short) 12, 6, new FetchRequestData()));
        FetchResponse again = (FetchResponse) KafkaOracle.parseResponse(client.receive(), ApiKeys.FETCH, (short) 12, 6);

        assertEquals(List.of("first", "second", "third"), KafkaOracle.fetchedValues(response));
        assertEquals(List.of("first", "second", "third"), KafkaOracle.fetchedValues(again));
        assertTrue(segment.isOpen(), "the network layer must never close the storage engine's file");
    }

    @Test
    void serverRunsOnEpollWhereAvailable() throws Exception {
        NetworkServer server = start(ScriptedDispatcher.answeringApiVersions());

        assertEquals(Epoll.isAvailable() ? "epoll" : "nio", server.transportName());
    }

    @Test
    void bindingATakenPortFailsNamingTheListenerAndLeavesNothingBound() throws Exception {
        NetworkServer first = start(ScriptedDispatcher.answeringApiVersions());
        int port = first.boundPort("PLAINTEXT");
        NetworkServer second = new NetworkServer(CONFIG,
                Endpoint.parseList("FREE://127.0.0.1:0,PLAINTEXT://127.0.0.1:" + port),
                ScriptedDispatcher.answeringApiVersions(), Time.SYSTEM);

        BindException e = assertThrows(BindException.class, second::start);

        assertTrue(e.getMessage().contains("PLAINTEXT://127.0.0.1:" + port), e.getMessage());
        assertEquals(List.of(), second.boundEndpoints());
    }

    @Test
    void closeStopsAcceptingAndDropsConnections() throws Exception {
        NetworkServer server = start(ScriptedDispatcher.pending());
        int port = server.boundPort("PLAINTEXT");
        WireClient client = connect(port);
        client.send(KafkaOracle.apiVersionsRequest((short) 2, 1));

        server.close();

        assertTrue(client.closedByServer());
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
        assertEquals(List.of(), server.boundEndpoints());
    }

    @Test
    void startingTwiceIsRejected() throws Exception {
        NetworkServer server = start(ScriptedDispatcher.answeringApiVersions());

        assertThrows(IllegalStateException.class, server::start);
    }

    @Test
    void listenerNamesMustBeUnique() {
        List<Endpoint> twice = List.of(new Endpoint("PLAINTEXT", "", 0), new Endpoint("plaintext", "", 0));

        assertThrows(IllegalArgumentException.class,
                () -> new NetworkServer(CONFIG, twice, ScriptedDispatcher.pending(), Time.SYSTEM));
    }

    @Test
    void requestsOnAConnectionReachTheDispatcherOnOneEventLoopThread() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        NetworkServer server = start(ScriptedDispatcher.answering(request -> {
            threads.add(Thread.currentThread().getName());
            return CompletableFuture.completedFuture(new Response(new ApiVersionsResponseData(), request.header().apiVersion()));
        }));
        WireClient client = connect(server.boundPort("PLAINTEXT"));

        for (int i = 0; i < 10; i++) {
            client.send(KafkaOracle.apiVersionsRequest((short) 2, i));
            KafkaOracle.parseResponse(client.receive(), ApiKeys.API_VERSIONS, (short) 2, i);
        }

        assertEquals(1, threads.size(), threads.toString());
        assertTrue(threads.iterator().next().startsWith("tributary-network"), threads.toString());
        assertFalse(threads.iterator().next().contains("acceptor"));
    }

    private NetworkServer start(ScriptedDispatcher dispatcher) throws IOException {
        return start(dispatcher, CONFIG);
    }

    private NetworkServer start(ScriptedDispatcher dispatcher, NetworkConfig config) throws IOException {
        return start(dispatcher, config, NettyTransport.preferred(), "PLAINTEXT://127.0.0.1:0");
    }

    private NetworkServer start(ScriptedDispatcher dispatcher, NettyTransport transport, String listeners) throws IOException {
        return start(dispatcher, CONFIG, transport, listeners);
    }

    private NetworkServer start(ScriptedDispatcher dispatcher, NetworkConfig config, NettyTransport transport, String listeners)
            throws IOException {
        NetworkServer server = new NetworkServer(config, Endpoint.parseList(listeners), dispatcher, Time.SYSTEM, transport);
        servers.add(server);
        server.start();
        return server;
    }

    private WireClient connect(int port) throws IOException {
        WireClient client = new WireClient(port);
        resources.add(client);
        return client;
    }

    private FileChannel segmentWith(byte[]... chunks) throws IOException {
        Path file = directory.resolve("00000000000000000000.log");
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (byte[] chunk : chunks) {
                out.write(ByteBuffer.wrap(chunk));
            }
        }
        FileChannel segment = FileChannel.open(file, StandardOpenOption.READ);
        resources.add(segment);
        assertTrue(Files.size(file) > 0);
        return segment;
    }
}
