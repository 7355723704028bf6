package io.tributary.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.ApiVersionsResponseData;
import io.tributary.protocol.message.MetadataRequestData;
import io.tributary.protocol.message.ProduceRequestData;
import io.tributary.records.MemoryRecords;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/** Properties of a connection's pipeline over random completion orders and random (hostile) input. */
class ConnectionPipelinePropertyTest {

    private final List<EmbeddedConnection> connections = new ArrayList<>();

    @BeforeProperty
    void installLeakCheck() {
        NettyLeakCheck.install();
    }

    @AfterProperty
    void leakedNothing() {
        connections.forEach(EmbeddedConnection::finish);
        assertEquals(List.of(), NettyLeakCheck.collectLeaks());
    }

    @Property(tries = 200)
    void responsesAreWrittenInRequestOrderWhateverOrderTheyCompleteIn(
            @ForAll @IntRange(min = 1, max = 30) int requests,
            @ForAll @IntRange(min = 1, max = 5) int maxInFlight,
            @ForAll Random random) {
        EmbeddedConnection connection = connect(ScriptedDispatcher.pending(),
                NetworkConfig.defaults().withMaxInFlightRequestsPerConnection(maxInFlight));
        ByteBuffer[] frames = new ByteBuffer[requests];
        for (int i = 0; i < requests; i++) {
            frames[i] = Requests.apiVersions((short) 2, i);
        }
        connection.send(frames);

        List<Integer> expected = new ArrayList<>();
        List<Integer> completed = new ArrayList<>();
        while (completed.size() < requests) {
            List<Integer> completable = new ArrayList<>();
            for (int i = 0; i < connection.dispatcher.futures.size(); i++) {
                if (!connection.dispatcher.future(i).isDone()) {
                    completable.add(i);
                }
            }
            int index = completable.get(random.nextInt(completable.size()));
            CompletableFuture<Response> future = connection.dispatcher.future(index);
            if (random.nextInt(4) == 0) {
                future.complete(Response.NONE);
            } else {
                future.complete(new Response(new ApiVersionsResponseData().setThrottleTimeMs(index), (short) 2));
            }
            completed.add(index);
            connection.runPendingTasks();
        }
        for (int i = 0; i < requests; i++) {
            if (connection.dispatcher.future(i).join() != Response.NONE) {
                expected.add(i);
            }
        }

        ByteBuffer wire = connection.written();
        List<Integer> written = new ArrayList<>();
        while (wire.hasRemaining()) {
            written.add(Requests.parseResponse(wire, ApiKey.API_VERSIONS, (short) 0, (short) 2).correlationId());
        }
        assertEquals(expected, written);
        assertTrue(connection.channel.config().isAutoRead());
    }

    @Property(tries = 500)
    void corruptedInputNeverEscapesThePipelineAndOnlyValidRequestsAreDispatched(
            @ForAll @IntRange(min = 0, max = 2) int template,
            @ForAll @IntRange(min = 1, max = 8) int corruptions,
            @ForAll @IntRange(min = 1, max = 64) int readSize,
            @ForAll Random random) {
        ScriptedDispatcher dispatcher = ScriptedDispatcher.answering(request -> CompletableFuture.completedFuture(Response.NONE));
        EmbeddedConnection connection = connect(dispatcher, NetworkConfig.defaults().withSocketRequestMaxBytes(4096));
        ByteBuf wire = Requests.sized(validFrame(template), Requests.apiVersions((short) 3, 2));
        for (int i = 0; i < corruptions; i++) {
            wire.setByte(random.nextInt(wire.readableBytes()), random.nextInt(256));
        }
        if (random.nextBoolean()) {
            wire.writerIndex(random.nextInt(wire.writerIndex() + 1));
        }

        while (wire.isReadable() && connection.isOpen()) {
            connection.sendBytes(wire.readRetainedSlice(Math.min(readSize, wire.readableBytes())));
        }
        wire.release();
        connection.runPendingTasks();

        connection.channel.checkException();
        for (RequestContext request : dispatcher.requests) {
            assertTrue(dispatcher.isSupported(request.header().apiKey(), request.header().apiVersion())
                    || request.header().apiKey() == ApiKey.API_VERSIONS && request.body() == null, request.header().toString());
        }
    }

    private static ByteBuffer validFrame(int template) {
        return switch (template) {
            case 0 -> Requests.apiVersions((short) 3, 1);
            case 1 -> Requests.frame(ApiKey.METADATA, (short) 12, 1, new MetadataRequestData()
                    .setTopics(List.of(new MetadataRequestData.MetadataRequestTopic().setName("events"))));
            default -> Requests.frame(ApiKey.PRODUCE, (short) 9, 1, new ProduceRequestData().setAcks((short) 1)
                    .setTopicData(List.of(new ProduceRequestData.TopicProduceData().setName("events")
                            .setPartitionData(List.of(new ProduceRequestData.PartitionProduceData().setIndex(0)
                                    .setRecords(MemoryRecords.readableRecords(ByteBuffer.wrap(
                                            KafkaOracle.recordBatch("a", "b")))))))));
        };
    }

    private EmbeddedConnection connect(ScriptedDispatcher dispatcher, NetworkConfig config) {
        EmbeddedConnection connection = EmbeddedConnection.with(dispatcher, config);
        connections.add(connection);
        return connection;
    }
}
