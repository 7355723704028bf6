package io.tributary.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.ApiVersionsResponseData;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A connection's whole pipeline, driven step by step on an embedded channel. */
@ExtendWith(NettyLeakCheck.class)
class ConnectionPipelineTest {

    private final List<EmbeddedConnection> connections = new ArrayList<>();

    @AfterEach
    void finish() {
        connections.forEach(EmbeddedConnection::finish);
    }

    @Test
    void requestsAreDispatchedInArrivalOrder() {
        EmbeddedConnection connection = connect(ScriptedDispatcher.pending());

        connection.send(Requests.apiVersions((short) 0, 1), Requests.apiVersions((short) 1, 2));
        connection.send(Requests.apiVersions((short) 2, 3));

        assertEquals(List.of(1, 2, 3), correlationIds(connection.dispatcher));
    }

    @Test
    void responsesCompletedInReverseOrderAreWrittenInRequestOrder() {
        EmbeddedConnection connection = connect(ScriptedDispatcher.pending());
        connection.send(Requests.apiVersions((short) 2, 10), Requests.apiVersions((short) 2, 11), Requests.apiVersions((short) 2, 12));

        complete(connection, 2, 12);
        complete(connection, 1, 11);
        connection.runPendingTasks();
        assertEquals(0, connection.written().remaining(), "nothing before the first response is ready");

        complete(connection, 0, 10);
        connection.runPendingTasks();

        assertEquals(List.of(10, 11, 12), writtenCorrelationIds(connection.written(), 3));
    }

    @Test
    void noResponseWritesNothingButKeepsTheOrder() {
        EmbeddedConnection connection = connect(ScriptedDispatcher.pending());
        connection.send(Requests.apiVersions((short) 2, 1), Requests.apiVersions((short) 2, 2), Requests.apiVersions((short) 2, 3));

        complete(connection, 2, 3);
        connection.dispatcher.future(1).complete(Response.NONE);
        connection.runPendingTasks();
        assertEquals(0, connection.written().remaining());
        complete(connection, 0, 1);
        connection.runPendingTasks();

        assertEquals(List.of(1, 3), writtenCorrelationIds(connection.written(), 2));
    }

    @Test
    void apiVersionsAtAnUnservedVersionIsAnsweredAtVersionZeroWithHeaderVersionZero() {
        EmbeddedConnection connection = connect(ScriptedDispatcher.answeringApiVersions());

        connection.send(Requests.apiVersions((short) 4, 77));

        assertNull(connection.dispatcher.requests.get(0).body());
        ByteBuffer wire = connection.written();
        Requests.ParsedResponse response = Requests.parseResponse(wire, ApiKey.API_VERSIONS, (short) 0, (short) 0);
        assertEquals(77, response.correlationId());
        assertEquals(Errors.UNSUPPORTED_VERSION.code(), ((ApiVersionsResponseData) response.body()).errorCode());
        assertFalse(wire.hasRemaining());
        assertTrue(connection.isOpen());
    }

    @Test
    void flexibleApiVersionsResponseStillHasHeaderVersionZero() {
        EmbeddedConnection connection = connect(ScriptedDispatcher.answeringApiVersions());

        connection.send(Requests.apiVersions((short) 3, 5));

        Requests.ParsedResponse response = Requests.parseResponse(connection.written(), ApiKey.API_VERSIONS, (short) 0, (short) 3);
        assertEquals(5, response.correlationId());
    }

    @Test
    void pipelinedRequestsAnsweredAtOnceAreFlushedOncePerRead() {
        EmbeddedConnection connection = connect(ScriptedDispatcher.answeringApiVersions());
        int[] flushes = new int[1];
        connection.channel.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                flushes[0]++;
                ctx.flush();
            }
        });

        connection.send(Requests.apiVersions((short) 2, 1), Requests.apiVersions((short) 2, 2), Requests.apiVersions((short) 2, 3));

        assertEquals(1, flushes[0]);
        assertEquals(List.of(1, 2, 3), writtenCorrelationIds(connection.written(), 3));
    }

    @Test
    void failedFutureClosesTheConnectionAfterEarlierResponses() {
        EmbeddedConnection connection = connect(ScriptedDispatcher.pending());
        connection.send(Requests.apiVersions((short) 2, 1), Requests.apiVersions((short) 2, 2), Requests.apiVersions((short) 2, 3));

        connection.dispatcher.future(1).completeExceptionally(new IllegalStateException("handler bug"));
        complete(connection, 0, 1);
        connection.runPendingTasks();

        assertEquals(List.of(1), writtenCorrelationIds(connection.written(), 1));
        assertFalse(connection.isOpen());
    }

    @Test
    void dispatchThatThrowsClosesTheConnection() {
        EmbeddedConnection connection = connect(ScriptedDispatcher.answering(request -> {
            throw new IllegalStateException("handler bug");
        }));

        connection.send(Requests.apiVersions((short) 2, 1));

        assertFalse(connection.isOpen());
    }

    @Test
    void unknownApiKeyClosesTheConnectionWithoutResponse() {
        EmbeddedConnection connection = connect(ScriptedDispatcher.answeringApiVersions());

        connection.send(Requests.rawFrame((short) 999, (short) 0, 1));

        assertFalse(connection.isOpen());
        assertTrue(connection.dispatcher.requests.isEmpty());
        assertEquals(0, connection.written().remaining());
    }

    @Test
    void unservedVersionOfAnotherApiClosesTheConnection() {
        EmbeddedConnection connection = connect(ScriptedDispatcher.answeringApiVersions());

        connection.send(Requests.rawFrame(ApiKey.PRODUCE.id, (short) 1, 1));

        assertFalse(connection.isOpen());
        assertTrue(connection.dispatcher.requests.isEmpty());
    }

    @Test
    void oversizedFrameClosesTheConnection() {
        EmbeddedConnection connection = connect(ScriptedDispatcher.answeringApiVersions(),
                NetworkConfig.defaults().withSocketRequestMaxBytes(100));

        connection.sendBytes(Unpooled.buffer().writeInt(101).writeBytes(new byte[101]));

        assertFalse(connection.isOpen());
        assertTrue(connection.dispatcher.requests.isEmpty());
    }

    @Test
    void violationClosesOnlyAfterTheResponsesOwedForEarlierRequests() {
        EmbeddedConnection connection = connect(ScriptedDispatcher.pending());

        connection.send(Requests.apiVersions((short) 2, 1), Requests.rawFrame((short) 999, (short) 0, 2),
                Requests.apiVersions((short) 2, 3));
        assertTrue(connection.isOpen(), "request 1 is still owed a response");
        assertFalse(connection.channel.config().isAutoRead(), "nothing more is read");
        complete(connection, 0, 1);
        connection.runPendingTasks();

        assertEquals(List.of(1), correlationIds(connection.dispatcher), "nothing after the violation is dispatched");
        assertEquals(List.of(1), writtenCorrelationIds(connection.written(), 1));
        assertFalse(connection.isOpen());
    }

    @Test
    void readingStopsAtTheInFlightCapAndTheBacklogIsDispatchedAsResponsesAreWritten() {
        EmbeddedConnection connection = connect(ScriptedDispatcher.pending(),
                NetworkConfig.defaults().withMaxInFlightRequestsPerConnection(2));

        connection.send(Requests.apiVersions((short) 2, 1), Requests.apiVersions((short) 2, 2), Requests.apiVersions((short) 2, 3));

        assertEquals(List.of(1, 2), correlationIds(connection.dispatcher));
        assertFalse(connection.channel.config().isAutoRead());
        complete(connection, 0, 1);
        connection.runPendingTasks();
        assertEquals(List.of(1, 2, 3), correlationIds(connection.dispatcher));
        assertFalse(connection.channel.config().isAutoRead(), "two in flight again");
        complete(connection, 1, 2);
        complete(connection, 2, 3);
        connection.runPendingTasks();

        assertTrue(connection.channel.config().isAutoRead());
        assertEquals(List.of(1, 2, 3), writtenCorrelationIds(connection.written(), 3));
    }

    @Test
    void readingStopsAtTheInFlightByteCapButOneRequestIsAlwaysAdmitted() {
        ByteBuffer big = Requests.apiVersions((short) 2, 1);
        EmbeddedConnection connection = connect(ScriptedDispatcher.pending(),
                NetworkConfig.defaults().withMaxInFlightBytesPerConnection(big.remaining() - 1));

        connection.send(big, Requests.apiVersions((short) 2, 2));

        assertEquals(List.of(1), correlationIds(connection.dispatcher));
        assertFalse(connection.channel.config().isAutoRead());
        complete(connection, 0, 1);
        connection.runPendingTasks();
        assertEquals(List.of(1, 2), correlationIds(connection.dispatcher));
    }

    @Test
    void completionsAfterTheConnectionClosedAreIgnored() {
        EmbeddedConnection connection = connect(ScriptedDispatcher.pending());
        connection.send(Requests.apiVersions((short) 2, 1));

        connection.channel.close();
        complete(connection, 0, 1);
        connection.runPendingTasks();

        assertEquals(0, connection.written().remaining());
    }

    private EmbeddedConnection connect(ScriptedDispatcher dispatcher) {
        return connect(dispatcher, NetworkConfig.defaults());
    }

    private EmbeddedConnection connect(ScriptedDispatcher dispatcher, NetworkConfig config) {
        EmbeddedConnection connection = EmbeddedConnection.with(dispatcher, config);
        connections.add(connection);
        return connection;
    }

    private static void complete(EmbeddedConnection connection, int index, int correlationId) {
        CompletableFuture<Response> future = connection.dispatcher.future(index);
        assertEquals(correlationId, connection.dispatcher.requests.get(index).header().correlationId());
        future.complete(new Response(new ApiVersionsResponseData().setThrottleTimeMs(correlationId), (short) 2));
    }

    private static List<Integer> correlationIds(ScriptedDispatcher dispatcher) {
        return dispatcher.requests.stream().map(r -> r.header().correlationId()).toList();
    }

    private static List<Integer> writtenCorrelationIds(ByteBuffer wire, int responses) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < responses; i++) {
            ids.add(Requests.parseResponse(wire, ApiKey.API_VERSIONS, (short) 0, (short) 2).correlationId());
        }
        assertFalse(wire.hasRemaining(), "more bytes than " + responses + " responses");
        return ids;
    }
}
