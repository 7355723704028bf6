package io.tributary.broker.api;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiMessage;
import io.tributary.protocol.ByteBufferWriter;
import io.tributary.protocol.ProtocolReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * Drives a handler with Kafka's own classes at both ends (STYLE habit 3): the request is serialized
 * by kafka-clients, decoded by our codec, handled, encoded by our codec at the request's version and
 * parsed by kafka-clients again. What a test asserts is therefore what Kafka's Admin client reads.
 */
final class KafkaWire {

    private static final String CLIENT_ID = "adminclient-1";
    private static int correlationId;

    private KafkaWire() {
    }

    /** The response Kafka's client parses from what {@code handler} answers to {@code request} on {@code listener}. */
    @SuppressWarnings("unchecked")
    static <R extends AbstractResponse> R roundTrip(ApiHandler handler, AbstractRequest request, String listener) {
        RequestContext context = decode(request, listener);
        Response response = handler.handle(context).orTimeout(10, TimeUnit.SECONDS).join();
        assertFalse(response.isNone(), "a response");
        ByteBuffer bytes = ByteBufferWriter.serialize(response.body(), response.version());
        AbstractResponse parsed = AbstractResponse.parseResponse(request.apiKey(), new ByteBufferAccessor(bytes), request.version());
        if (bytes.hasRemaining()) {
            throw new AssertionError(bytes.remaining() + " bytes left after Kafka parsed the " + request.apiKey() + " response");
        }
        return (R) parsed;
    }

    static <R extends AbstractResponse> R roundTrip(ApiHandler handler, AbstractRequest request) {
        return roundTrip(handler, request, TestImage.LISTENER);
    }

    /** {@code request} as it reaches a handler: Kafka's bytes decoded by our header and body codecs. */
    static RequestContext decode(AbstractRequest request, String listener) {
        RequestHeader header = new RequestHeader(request.apiKey(), request.version(), CLIENT_ID, ++correlationId);
        ByteBuffer frame = request.serializeWithHeader(header);
        int size = frame.remaining();
        ProtocolReader reader = new ProtocolReader(frame);
        io.tributary.protocol.RequestHeader ourHeader = io.tributary.protocol.RequestHeader.parse(reader);
        ApiMessage body = ourHeader.apiKey().newRequest();
        body.read(reader, ourHeader.apiVersion());
        if (reader.remaining() != 0) {
            throw new AssertionError(reader.remaining() + " bytes left after decoding " + ourHeader.apiKey());
        }
        return new RequestContext(ourHeader, body, new InetSocketAddress("127.0.0.1", 50_000), listener, "connection-1",
                System.nanoTime(), size);
    }
}
