package io.tributary.protocol;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Message;
import org.apache.kafka.common.protocol.MessageUtil;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link RequestHeader} and {@link ResponseHeader} against Kafka's
 * {@code org.apache.kafka.common.requests.RequestHeader} and {@code ResponseHeader}, which are
 * what every Java client writes and reads.
 */
class RequestHeaderTest {

    /** Kafka's tagged field, under a name that does not clash with ours. */
    private static final class KafkaRawTaggedField extends org.apache.kafka.common.protocol.types.RawTaggedField {
        KafkaRawTaggedField(int tag, byte[] data) {
            super(tag, data);
        }
    }

    private static final short UNSUPPORTED_API_VERSIONS_VERSION = (short) (ApiKeys.API_VERSIONS.latestVersion(true) + 1);

    static Stream<Arguments> everyVersionOfEveryApi() {
        return Arrays.stream(ApiKeys.values()).filter(ApiKeys::hasValidVersion)
                .flatMap(k -> IntStream.rangeClosed(k.oldestVersion(), k.latestVersion(true))
                        .mapToObj(v -> Arguments.of(k, (short) v)));
    }

    static Stream<Arguments> firstVersionNewerThanKafkasOfEveryApi() {
        return Arrays.stream(ApiKeys.values()).filter(ApiKeys::hasValidVersion)
                .map(k -> Arguments.of(k, (short) (k.latestVersion(true) + 1)));
    }

    /** A request header as Kafka's client builds it, with a correlation id and client id that differ per case. */
    private static org.apache.kafka.common.requests.RequestHeader kafkaHeader(ApiKeys api, short version) {
        return new org.apache.kafka.common.requests.RequestHeader(api, version, "client-" + api.id, 1000 * api.id + version);
    }

    private static ByteBuffer kafkaBytes(Message message, short version) {
        return MessageUtil.toByteBufferAccessor(message, version).buffer();
    }

    /** Kafka's parse of {@code bytes}, leaving {@code bytes} unmoved. */
    private static org.apache.kafka.common.requests.RequestHeader kafkaParse(ByteBuffer bytes) {
        return org.apache.kafka.common.requests.RequestHeader.parse(bytes.duplicate());
    }

    private static ByteBuffer kafkaBytes(org.apache.kafka.common.requests.RequestHeader header) {
        return kafkaBytes(header.data(), header.headerVersion());
    }

    private static byte[] array(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static byte[] written(Consumer<ProtocolWriter> write, int size) {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        write.accept(new ByteBufferWriter(buffer));
        assertFalse(buffer.hasRemaining(), "wrote fewer bytes than size() said");
        return buffer.array();
    }

    /** A flexible (v2) ApiVersions header with two tagged fields, as a newer client might send. */
    private static RequestHeaderData flexibleHeaderWithTaggedFields(short apiVersion) {
        RequestHeaderData data = new RequestHeaderData()
                .setRequestApiKey(ApiKeys.API_VERSIONS.id)
                .setRequestApiVersion(apiVersion)
                .setCorrelationId(7)
                .setClientId("newer-client");
        data.unknownTaggedFields().add(new KafkaRawTaggedField(1, new byte[] {1, 2, 3}));
        data.unknownTaggedFields().add(new KafkaRawTaggedField(5, new byte[0]));
        return data;
    }

    @ParameterizedTest
    @MethodSource("everyVersionOfEveryApi")
    void parsesTheHeaderKafkaWritesForEveryVersionOfEveryApi(ApiKeys api, short version) {
        org.apache.kafka.common.requests.RequestHeader kafka = kafkaHeader(api, version);
        ProtocolReader reader = new ProtocolReader(kafkaBytes(kafka));

        RequestHeader ours = RequestHeader.parse(reader);

        assertAll(
                () -> assertEquals(api.name(), ours.apiKey().name()),
                () -> assertEquals(api.id, ours.apiKeyId()),
                () -> assertEquals(version, ours.apiVersion()),
                () -> assertEquals(kafka.correlationId(), ours.correlationId()),
                () -> assertEquals(kafka.clientId(), ours.clientId()),
                () -> assertEquals(kafka.headerVersion(), ours.headerVersion()),
                () -> assertTrue(ours.isApiVersionSupported()),
                () -> assertEquals(0, reader.remaining(), "bytes left after the header"));
    }

    @ParameterizedTest
    @MethodSource("everyVersionOfEveryApi")
    void writesTheBytesKafkaWritesForEveryVersionOfEveryApi(ApiKeys api, short version) {
        org.apache.kafka.common.requests.RequestHeader kafka = kafkaHeader(api, version);
        RequestHeader ours = new RequestHeader(ApiKey.forId(api.id), version, kafka.clientId(), kafka.correlationId());

        assertArrayEquals(array(kafkaBytes(kafka)), written(ours::write, ours.size()));
    }

    @ParameterizedTest
    @MethodSource("firstVersionNewerThanKafkasOfEveryApi")
    void versionNewerThanKafkasIsReadWithTheHeaderKafkaReads(ApiKeys api, short version) {
        ByteBuffer bytes = kafkaBytes(new RequestHeaderData().setRequestApiKey(api.id).setRequestApiVersion(version)
                .setCorrelationId(3).setClientId("c"), api.requestHeaderVersion(version));
        org.apache.kafka.common.requests.RequestHeader kafka = kafkaParse(bytes);

        RequestHeader ours = RequestHeader.parse(new ProtocolReader(bytes));

        assertEquals(kafka.headerVersion(), ours.headerVersion());
        assertFalse(ours.isApiVersionSupported());
    }

    @Test
    void tooNewApiVersionsRequestIsReadWithTheFlexibleHeaderAsKafkaReadsIt() {
        ByteBuffer bytes = kafkaBytes(flexibleHeaderWithTaggedFields(UNSUPPORTED_API_VERSIONS_VERSION), (short) 2);
        ByteBuffer kafkaInput = bytes.duplicate();
        org.apache.kafka.common.requests.RequestHeader kafka = org.apache.kafka.common.requests.RequestHeader.parse(kafkaInput);
        ProtocolReader reader = new ProtocolReader(bytes);

        RequestHeader ours = RequestHeader.parse(reader);

        assertAll(
                () -> assertSame(ApiKey.API_VERSIONS, ours.apiKey()),
                () -> assertEquals(UNSUPPORTED_API_VERSIONS_VERSION, ours.apiVersion()),
                () -> assertFalse(ours.isApiVersionSupported()),
                () -> assertEquals(kafka.correlationId(), ours.correlationId()),
                () -> assertEquals(kafka.clientId(), ours.clientId()),
                () -> assertEquals(2, kafka.headerVersion()),
                () -> assertEquals(kafka.headerVersion(), ours.headerVersion()),
                () -> assertEquals(kafkaInput.position(), reader.position(), "header size"));
    }

    @ParameterizedTest
    @ValueSource(shorts = {-1, 93, 999, Short.MAX_VALUE})
    void unknownApiKeyIsReadAsV1HeaderWithoutApi(short apiKeyId) {
        ByteBuffer bytes = kafkaBytes(new RequestHeaderData().setRequestApiKey(apiKeyId).setRequestApiVersion((short) 0)
                .setCorrelationId(42).setClientId("c"), (short) 1);
        // Kafka refuses the header, and its SocketServer then closes the connection unanswered.
        assertThrows(InvalidRequestException.class, () -> kafkaParse(bytes));
        ProtocolReader reader = new ProtocolReader(bytes);

        RequestHeader ours = RequestHeader.parse(reader);

        assertAll(
                () -> assertNull(ours.apiKey()),
                () -> assertEquals(apiKeyId, ours.apiKeyId()),
                () -> assertEquals(42, ours.correlationId()),
                () -> assertEquals("c", ours.clientId()),
                () -> assertEquals(1, ours.headerVersion()),
                () -> assertFalse(ours.isApiVersionSupported()),
                () -> assertEquals(0, reader.remaining()));
    }

    @Test
    void apiKafkaRemovedIsKnownButHasNoSupportedVersion() {
        ByteBuffer bytes = kafkaBytes(new RequestHeaderData().setRequestApiKey(ApiKeys.LEADER_AND_ISR.id)
                .setRequestApiVersion((short) 7).setCorrelationId(42).setClientId("controller"), (short) 1);
        assertThrows(InvalidRequestException.class, () -> kafkaParse(bytes));

        RequestHeader ours = RequestHeader.parse(new ProtocolReader(bytes));

        assertSame(ApiKey.LEADER_AND_ISR, ours.apiKey());
        assertEquals(42, ours.correlationId());
        assertFalse(ours.isApiVersionSupported());
    }

    @Test
    void nullClientIdReadsAsEmptyAsInKafka() {
        ByteBuffer bytes = kafkaBytes(new RequestHeaderData().setRequestApiKey(ApiKeys.METADATA.id)
                .setRequestApiVersion((short) 12).setCorrelationId(1).setClientId(null), (short) 2);
        org.apache.kafka.common.requests.RequestHeader kafka = kafkaParse(bytes);

        RequestHeader ours = RequestHeader.parse(new ProtocolReader(bytes));

        assertEquals("", kafka.clientId());
        assertEquals(kafka.clientId(), ours.clientId());
    }

    @Test
    void unknownTaggedFieldsOfAFlexibleHeaderAreKeptAndWrittenBack() {
        ByteBuffer bytes = kafkaBytes(flexibleHeaderWithTaggedFields((short) 3), (short) 2);

        RequestHeader ours = RequestHeader.parse(new ProtocolReader(bytes.duplicate()));

        assertEquals(List.of(new RawTaggedField(1, new byte[] {1, 2, 3}), new RawTaggedField(5, new byte[0])),
                ours.data().unknownTaggedFields());
        assertArrayEquals(array(bytes), written(ours::write, ours.size()));
    }

    static Stream<Arguments> everyTruncationOfAFlexibleHeader() {
        byte[] whole = array(kafkaBytes(flexibleHeaderWithTaggedFields((short) 3), (short) 2));
        return IntStream.range(0, whole.length).mapToObj(n -> Arguments.of(n, Arrays.copyOf(whole, n)));
    }

    @ParameterizedTest(name = "first {0} bytes")
    @MethodSource("everyTruncationOfAFlexibleHeader")
    void truncatedHeaderFailsWithDecodeException(int length, byte[] truncated) {
        ProtocolReader reader = new ProtocolReader(ByteBuffer.wrap(truncated));

        assertThrows(ProtocolDecodeException.class, () -> RequestHeader.parse(reader));
    }

    @Test
    void decodeErrorNamesTheHeaderVersionAndTheField() {
        byte[] whole = array(kafkaBytes(flexibleHeaderWithTaggedFields((short) 3), (short) 2));
        int insideClientId = 2 + 2 + 4 + 2 + 3;

        ProtocolDecodeException e = assertThrows(ProtocolDecodeException.class,
                () -> RequestHeader.parse(new ProtocolReader(ByteBuffer.wrap(Arrays.copyOf(whole, insideClientId)))));

        assertEquals("ClientId", e.fieldPath());
        assertTrue(e.getMessage().startsWith("malformed RequestHeader v2: ClientId at offset 8: "), e.getMessage());
    }

    @Test
    void clientIdIsUtf8() {
        RequestHeader header = new RequestHeader(ApiKey.PRODUCE, (short) 13, "prodücer-€", 5);
        ByteBuffer bytes = ByteBuffer.wrap(written(header::write, header.size()));

        assertEquals("prodücer-€", RequestHeader.parse(new ProtocolReader(bytes)).clientId());
        assertEquals(2 + 2 + 4 + 2 + "prodücer-€".getBytes(StandardCharsets.UTF_8).length + 1, header.size());
    }

    /** The header of the response to a request. */
    @Nested
    class Response {

        @ParameterizedTest
        @MethodSource("io.tributary.protocol.RequestHeaderTest#everyVersionOfEveryApi")
        void bytesAreKafkasForEveryVersionOfEveryApi(ApiKeys api, short version) {
            org.apache.kafka.common.requests.RequestHeader kafkaRequest = kafkaHeader(api, version);
            org.apache.kafka.common.requests.ResponseHeader kafka = kafkaRequest.toResponseHeader();
            RequestHeader request = RequestHeader.parse(new ProtocolReader(kafkaBytes(kafkaRequest)));

            ResponseHeader ours = ResponseHeader.forRequest(request);

            assertEquals(kafka.headerVersion(), ours.headerVersion());
            assertArrayEquals(array(kafkaBytes(kafka.data(), kafka.headerVersion())), written(ours::write, ours.size()));
        }

        @Test
        void apiVersionsIsAnsweredWithHeaderV0EvenAtFlexibleVersions() {
            RequestHeader request = new RequestHeader(ApiKey.API_VERSIONS, (short) 3, "c", 9);

            ResponseHeader response = ResponseHeader.forRequest(request);

            assertEquals(0, response.headerVersion());
            assertEquals(4, response.size());
        }

        @Test
        void tooNewApiVersionsRequestIsAnsweredWithTheHeaderKafkaAnswersWith() {
            ByteBuffer bytes = kafkaBytes(flexibleHeaderWithTaggedFields(UNSUPPORTED_API_VERSIONS_VERSION), (short) 2);
            org.apache.kafka.common.requests.ResponseHeader kafka = kafkaParse(bytes).toResponseHeader();

            ResponseHeader ours = ResponseHeader.forRequest(RequestHeader.parse(new ProtocolReader(bytes)));

            assertArrayEquals(array(kafkaBytes(kafka.data(), kafka.headerVersion())), written(ours::write, ours.size()));
        }

        @Test
        void unknownApiIsAnsweredWithHeaderV0() {
            ByteBuffer bytes = kafkaBytes(new RequestHeaderData().setRequestApiKey((short) 999)
                    .setRequestApiVersion((short) 0).setCorrelationId(42).setClientId("c"), (short) 1);

            ResponseHeader response = ResponseHeader.forRequest(RequestHeader.parse(new ProtocolReader(bytes)));

            assertEquals(0, response.headerVersion());
            assertEquals(42, response.correlationId());
        }

        @ParameterizedTest
        @ValueSource(shorts = {0, 1})
        void parsesTheHeaderKafkaWrites(short headerVersion) {
            ResponseHeaderData kafka = new ResponseHeaderData().setCorrelationId(-17);
            if (headerVersion == 1) {
                kafka.unknownTaggedFields().add(new KafkaRawTaggedField(2, new byte[] {9}));
            }
            ProtocolReader reader = new ProtocolReader(kafkaBytes(kafka, headerVersion));

            ResponseHeader ours = ResponseHeader.parse(reader, headerVersion);

            assertEquals(-17, ours.correlationId());
            assertEquals(headerVersion, ours.headerVersion());
            assertEquals(0, reader.remaining());
        }

        @ParameterizedTest
        @ValueSource(shorts = {-1, 2})
        void headerVersionOtherThanZeroOrOneIsRefused(short headerVersion) {
            assertThrows(IllegalArgumentException.class, () -> new ResponseHeader(1, headerVersion));
        }
    }
}
