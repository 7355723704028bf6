package io.tributary.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.ManualTime;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.ApiVersionsRequestData;
import io.tributary.protocol.message.ProduceRequestData;
import io.tributary.records.MemoryRecords;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestDecoderTest {

    private final ManualTime time = new ManualTime();
    private final ScriptedDispatcher dispatcher = ScriptedDispatcher.answeringApiVersions();
    private final RequestDecoder decoder = new RequestDecoder(EmbeddedConnection.CONNECTION, dispatcher, time);

    @Test
    void decodesHeaderAndBodyAtTheRequestVersion() {
        RequestContext request = decode(Requests.apiVersions((short) 3, 42));

        assertEquals(ApiKey.API_VERSIONS, request.header().apiKey());
        assertEquals(3, request.header().apiVersion());
        assertEquals(42, request.header().correlationId());
        assertEquals(Requests.CLIENT_ID, request.header().clientId());
        ApiVersionsRequestData body = assertInstanceOf(ApiVersionsRequestData.class, request.body());
        assertEquals("tributary-test", body.clientSoftwareName());
    }

    @Test
    void contextCarriesConnectionListenerAddressTimeAndFrameSize() {
        time.advance(5, TimeUnit.SECONDS);
        ByteBuffer frame = Requests.apiVersions((short) 2, 1);
        int size = frame.remaining();

        RequestContext request = decode(frame);

        assertEquals(EmbeddedConnection.CONNECTION.id(), request.connectionId());
        assertEquals("PLAINTEXT", request.listenerName());
        assertEquals(EmbeddedConnection.CONNECTION.clientAddress(), request.clientAddress());
        assertEquals(time.nanoseconds(), request.receivedNanos());
        assertEquals(size, request.sizeInBytes());
    }

    @Test
    void apiVersionsAtAnUnservedVersionIsPassedOnWithoutBody() {
        // KIP-511: a client sends its newest ApiVersions; the broker must answer, not close.
        RequestContext request = decode(Requests.apiVersions((short) 4, 9));

        assertEquals(ApiKey.API_VERSIONS, request.header().apiKey());
        assertEquals(4, request.header().apiVersion());
        assertEquals(9, request.header().correlationId());
        assertNull(request.body());
    }

    @Test
    void apiVersionsBeyondTheSchemaIsPassedOnWithoutBody() {
        ByteBuffer frame = Requests.rawFrame(ApiKey.API_VERSIONS.id, (short) 99, 5, (byte) 0, (byte) 1, (byte) 0, (byte) 1, (byte) 0, (byte) 0);

        RequestContext request = decode(frame);

        assertEquals(99, request.header().apiVersion());
        assertNull(request.body());
    }

    @Test
    void unknownApiKeyIsAViolation() {
        ProtocolViolation violation = violation(Requests.rawFrame((short) 999, (short) 0, 7));

        assertTrue(violation.reason().contains("unknown API key 999"), violation.reason());
    }

    @Test
    void unservedVersionOfAnotherApiIsAViolation() {
        ProtocolViolation violation = violation(Requests.rawFrame(ApiKey.PRODUCE.id, (short) 1, 7));

        assertTrue(violation.reason().contains("unsupported version 1 of Produce"), violation.reason());
    }

    @Test
    void truncatedHeaderIsAViolation() {
        ProtocolViolation violation = violation(ByteBuffer.wrap(new byte[] {0, 18, 0}));

        assertTrue(violation.reason().contains("RequestHeader"), violation.reason());
    }

    @Test
    void malformedBodyIsAViolationNamingApiVersionAndField() {
        ByteBuffer good = Requests.apiVersions((short) 3, 11);
        ByteBuffer truncated = good.slice(0, good.remaining() - 3);

        ProtocolViolation violation = violation(truncated);

        assertTrue(violation.reason().contains("ApiVersions v3"), violation.reason());
        assertTrue(violation.reason().contains("correlation id 11"), violation.reason());
        assertTrue(violation.reason().contains("ClientSoftware"), violation.reason());
    }

    @Test
    void bytesAfterTheBodyAreIgnoredAsKafkaIgnoresThem() {
        ByteBuffer good = Requests.apiVersions((short) 2, 3);
        ByteBuffer padded = ByteBuffer.allocate(good.remaining() + 5).put(good).put(new byte[5]).flip();

        RequestContext request = decode(padded);

        assertEquals(3, request.header().correlationId());
        assertInstanceOf(ApiVersionsRequestData.class, request.body());
    }

    @Test
    void produceRecordsAreWritableSlicesOfTheFrame() {
        byte[] batch = new byte[100];
        ProduceRequestData produce = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(1000)
                .setTopicData(List.of(new ProduceRequestData.TopicProduceData().setName("t")
                        .setPartitionData(List.of(new ProduceRequestData.PartitionProduceData()
                                .setIndex(0).setRecords(MemoryRecords.readableRecords(ByteBuffer.wrap(batch)))))));
        ByteBuffer frame = Requests.frame(ApiKey.PRODUCE, (short) 9, 1, produce);

        RequestContext request = decode(frame);

        MemoryRecords records = (MemoryRecords) ((ProduceRequestData) request.body())
                .topicData().get(0).partitionData().get(0).records();
        ByteBuffer recordsBuffer = records.buffer();
        assertFalse(recordsBuffer.isReadOnly());
        assertSame(frame.array(), recordsBuffer.array(), "records are a view of the frame, not a copy");
        assertArrayEquals(batch, copy(recordsBuffer));
    }

    private RequestContext decode(ByteBuffer frame) {
        return assertInstanceOf(RequestContext.class, decoder.decode(frame));
    }

    private ProtocolViolation violation(ByteBuffer frame) {
        return assertInstanceOf(ProtocolViolation.class, decoder.decode(frame));
    }

    private static byte[] copy(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
