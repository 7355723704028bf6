package io.tributary.broker.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.broker.Tributary;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceRequestData.PartitionProduceData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceData;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.utils.Crc32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input over real sockets (DESIGN D13). For each kind, the broker answers as Apache Kafka 4.3.1
 * does (an error code in the response, or the connection closed; checked against Kafka by hand),
 * while a well-behaved connection opened before keeps being served, and nothing of the bad
 * request reaches the log: read back with a consumer, each partition holds what it held before,
 * and the bystander's next record lands at the old end offset.
 *
 * <p>Well-formed parts are serialized by Kafka's own client classes; the rest is written by hand.
 * Record batch v2 layout used below:
 *
 * <pre>
 * offset  0 baseOffset int64      17 crc uint32 (CRC-32C of bytes 21..end)   23 lastOffsetDelta int32
 *         8 batchLength int32     21 attributes int16                        57 recordCount int32
 *        16 magic int8                                                       61 records
 * </pre>
 */
class MalformedInputTest {

    private static final String TOPIC = "guarded";
    /** The last Produce version that names topics (v13 refers to them by id). */
    private static final short PRODUCE_VERSION = 12;
    private static final int CRC_OFFSET = 17;
    private static final int ATTRIBUTES_OFFSET = 21;
    private static final int LAST_OFFSET_DELTA_OFFSET = 23;
    private static final int RECORD_COUNT_OFFSET = 57;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final List<String> BEFORE = List.of("before-0", "before-1", "before-2");

    @TempDir
    Path dataDir;
    private Tributary broker;
    /** A well-behaved client, connected before the bad input arrives. */
    private RawKafkaConnection bystander;

    @BeforeEach
    void start() throws Exception {
        broker = Tributary.builder().dataDir(dataDir).start();
        try (Admin admin = Admin.create(ClientConfigs.admin(broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        bystander = RawKafkaConnection.open(broker.bootstrapServers(), READ_TIMEOUT);
        ApiVersionsResponse versions = bystander.roundTrip(new ApiVersionsRequest.Builder().build((short) 3));
        assertEquals(Errors.NONE.code(), versions.data().errorCode());
        ProduceResponse baseline = bystander.roundTrip(produce(Map.of(0, batch(BEFORE), 1, batch(BEFORE))));
        assertEquals(Map.of(0, Errors.NONE, 1, Errors.NONE), errors(baseline));
    }

    @AfterEach
    void stop() throws IOException {
        bystander.close();
        broker.close();
    }

    @Test
    void framesOfRandomBytesCloseTheConnection() throws Exception {
        Random random = new Random(20_260_521);
        for (int i = 0; i < 50; i++) {
            byte[] frame = new byte[1 + random.nextInt(2048)];
            random.nextBytes(frame);
            try (RawKafkaConnection attacker = open()) {
                attacker.sendFrame(frame);
                assertTrue(attacker.awaitClosedByBroker(), "random frame " + i + " closed the connection");
            }
        }
        assertBrokerServesAndLogIsUnchanged();
    }

    /**
     * A valid header for every API and version the broker advertises, followed by a random body:
     * each is answered (with its correlation id) or closes the connection, and never harms the broker.
     */
    @Test
    void randomBodiesOfEveryAdvertisedApiAreAnsweredOrCloseTheConnection() throws Exception {
        Random random = new Random(20_260_522);
        ApiVersionsResponse advertised = bystander.roundTrip(new ApiVersionsRequest.Builder().build((short) 3));
        for (ApiVersion api : advertised.data().apiKeys()) {
            for (short version = api.minVersion(); version <= api.maxVersion(); version++) {
                for (int i = 0; i < 10; i++) {
                    int correlationId = random.nextInt(Integer.MAX_VALUE);
                    byte[] header = RawKafkaConnection.serialize(
                            new RequestHeader(ApiKeys.forId(api.apiKey()), version, RawKafkaConnection.CLIENT_ID, correlationId));
                    byte[] body = new byte[random.nextInt(128)];
                    random.nextBytes(body);
                    String what = ApiKeys.forId(api.apiKey()) + " v" + version + " random body " + i;
                    try (RawKafkaConnection attacker = open()) {
                        attacker.sendFrame(ByteBuffer.allocate(header.length + body.length).put(header).put(body).array());
                        assertAnsweredOrClosed(attacker, correlationId, what);
                    }
                }
            }
        }
        assertBrokerServesAndLogIsUnchanged();
    }

    /** The largest size a frame can declare, 2^31 - 1 bytes. */
    @Test
    void aDeclaredFrameSizeOfTwoGibibytesClosesTheConnection() throws Exception {
        try (RawKafkaConnection attacker = open()) {
            attacker.sendRaw(ByteBuffer.allocate(4 + 64).putInt(Integer.MAX_VALUE).array());
            assertTrue(attacker.awaitClosedByBroker(), "connection closed");
        }
        assertBrokerServesAndLogIsUnchanged();
    }

    @ParameterizedTest(name = "size {0}")
    @ValueSource(ints = {-1, Integer.MIN_VALUE})
    void aNegativeFrameSizeClosesTheConnection(int size) throws Exception {
        try (RawKafkaConnection attacker = open()) {
            attacker.sendRaw(ByteBuffer.allocate(4 + 64).putInt(size).array());
            assertTrue(attacker.awaitClosedByBroker(), "connection closed");
        }
        assertBrokerServesAndLogIsUnchanged();
    }

    @Test
    void aProduceRequestTruncatedInsideItsFrameClosesTheConnectionAndAppendsNothing() throws Exception {
        try (RawKafkaConnection attacker = open()) {
            ProduceRequest request = produce(Map.of(0, batch(List.of("partial-0", "partial-1", "partial-2"))));
            byte[] whole = RawKafkaConnection.serialize(request, attacker.header(request));
            attacker.sendFrame(Arrays.copyOf(whole, whole.length - 20));
            assertTrue(attacker.awaitClosedByBroker(), "connection closed");
        }
        assertBrokerServesAndLogIsUnchanged();
    }

    @Test
    void aProduceFrameCutShortByTheClientAppendsNothing() throws Exception {
        try (RawKafkaConnection attacker = open()) {
            ProduceRequest request = produce(Map.of(0, batch(List.of("partial-0", "partial-1", "partial-2"))));
            byte[] whole = RawKafkaConnection.serialize(request, attacker.header(request));
            byte[] framed = ByteBuffer.allocate(4 + whole.length).putInt(whole.length).put(whole).array();
            attacker.sendRaw(Arrays.copyOf(framed, framed.length - 20));
            attacker.shutdownOutput();
            assertTrue(attacker.awaitClosedByBroker(), "connection closed after the client's end of stream");
        }
        assertBrokerServesAndLogIsUnchanged();
    }

    @Test
    void anUnknownApiKeyClosesTheConnection() throws Exception {
        try (RawKafkaConnection attacker = open()) {
            attacker.sendFrame(headerV1((short) 9_999, (short) 0, 7));
            assertTrue(attacker.awaitClosedByBroker(), "connection closed");
        }
        assertBrokerServesAndLogIsUnchanged();
    }

    @Test
    void anUnsupportedVersionOfProduceClosesTheConnection() throws Exception {
        try (RawKafkaConnection attacker = open()) {
            attacker.sendFrame(headerV1((short) 0, (short) 99, 7));
            assertTrue(attacker.awaitClosedByBroker(), "connection closed");
        }
        assertBrokerServesAndLogIsUnchanged();
    }

    /** Produce v3 (fixed-size arrays): acks, timeout, then a topic array count of 2^31-1 and no topics. */
    @Test
    void anArrayCountOfTwoToTheThirtyOneMinusOneClosesTheConnection() throws Exception {
        byte[] header = headerV1((short) 0, (short) 3, 7);
        byte[] frame = ByteBuffer.allocate(header.length + 2 + 2 + 4 + 4 + 16)
                .put(header)
                .putShort((short) -1)       // transactional_id: null
                .putShort((short) -1)       // acks
                .putInt(1_000)              // timeout_ms
                .putInt(Integer.MAX_VALUE)  // topic_data count
                .array();
        try (RawKafkaConnection attacker = open()) {
            attacker.sendFrame(frame);
            assertTrue(attacker.awaitClosedByBroker(), "connection closed");
        }
        assertBrokerServesAndLogIsUnchanged();
    }

    /** Produce v9 (flexible): a compact array's count is an unsigned varint of count + 1, here 2^31. */
    @Test
    void aCompactArrayCountOfTwoToTheThirtyOneMinusOneClosesTheConnection() throws Exception {
        byte[] header = headerV1((short) 0, (short) 9, 7);
        byte[] frame = ByteBuffer.allocate(header.length + 1 + 1 + 2 + 4 + 5 + 16)
                .put(header)
                .put((byte) 0)              // request header v2: no tagged fields
                .put((byte) 0)              // transactional_id: null (compact)
                .putShort((short) -1)       // acks
                .putInt(1_000)              // timeout_ms
                .put(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08}) // 2^31
                .array();
        try (RawKafkaConnection attacker = open()) {
            attacker.sendFrame(frame);
            assertTrue(attacker.awaitClosedByBroker(), "connection closed");
        }
        assertBrokerServesAndLogIsUnchanged();
    }

    @Test
    void aBatchWithAWrongCrcIsCorruptMessageForItsPartitionOnly() throws Exception {
        byte[] corrupt = bytes(batch(List.of("bad-0", "bad-1", "bad-2")));
        corrupt[corrupt.length - 1] ^= 0x01;

        ProduceResponse response = bystander.roundTrip(produce(Map.of(0, records(corrupt), 1, batch(List.of("good")))));

        assertEquals(Map.of(0, Errors.CORRUPT_MESSAGE, 1, Errors.NONE), errors(response));
        assertEquals(BEFORE.size(), partitionResponse(response, 1).baseOffset(), "offset of the good partition's batch");
        assertBrokerServesAndLogIs(BEFORE, concat(BEFORE, List.of("good")));
    }

    /** With {@code acks=0} there is no response to carry the error: Kafka closes the connection instead. */
    @Test
    void aBatchWithAWrongCrcSentWithAcksZeroClosesTheConnection() throws Exception {
        byte[] corrupt = bytes(batch(List.of("bad-0", "bad-1", "bad-2")));
        corrupt[corrupt.length - 1] ^= 0x01;
        try (RawKafkaConnection attacker = open()) {
            ProduceRequest request = produce((short) 0, Map.of(0, records(corrupt)));
            attacker.sendFrame(RawKafkaConnection.serialize(request, attacker.header(request)));
            assertTrue(attacker.awaitClosedByBroker(), "connection closed");
        }
        assertBrokerServesAndLogIsUnchanged();
    }

    @Test
    void aRequestWhoseSecondBatchHasAWrongCrcAppendsNeitherBatch() throws Exception {
        byte[] good = bytes(batch(List.of("good-0", "good-1")));
        byte[] corrupt = bytes(batch(List.of("bad-0", "bad-1")));
        corrupt[corrupt.length - 1] ^= 0x01;
        byte[] both = ByteBuffer.allocate(good.length + corrupt.length).put(good).put(corrupt).array();

        ProduceResponse response = bystander.roundTrip(produce(Map.of(0, records(both))));

        assertEquals(Map.of(0, Errors.CORRUPT_MESSAGE), errors(response));
        assertBrokerServesAndLogIsUnchanged();
    }

    /**
     * A batch whose record count (and last offset delta, so the two agree) claims more or fewer
     * records than it holds, its CRC recomputed so only the count is wrong. Rejected either way.
     */
    @ParameterizedTest(name = "{0} records declared, 3 held")
    @ValueSource(ints = {5, 2, Integer.MAX_VALUE})
    void aBatchWhoseRecordCountDisagreesWithItsRecordsAppendsNothing(int declared) throws Exception {
        byte[] lying = withRecordCount(bytes(batch(List.of("lie-0", "lie-1", "lie-2"))), declared);

        ProduceResponse response = bystander.roundTrip(produce(Map.of(0, records(lying))));

        assertNotEquals(Errors.NONE, errors(response).get(0));
        assertBrokerServesAndLogIsUnchanged();
    }

    /** Kafka 4.3.1 answers INVALID_RECORD (non-retriable) to all of these, uncompressed or compressed. */
    @ParameterizedTest(name = "{0} records declared, 3 held, compressed: {1}")
    @CsvSource({"5, false", "2, false", "2147483647, false", "5, true", "2, true"})
    void aBatchWhoseRecordCountDisagreesWithItsRecordsIsAnInvalidRecordAsInKafka(int declared, boolean compressed) throws Exception {
        MemoryRecords batch = compressed ? batch(Compression.gzip().build(), List.of("lie-0", "lie-1", "lie-2"))
                : batch(List.of("lie-0", "lie-1", "lie-2"));
        byte[] lying = withRecordCount(bytes(batch), declared);

        ProduceResponse response = bystander.roundTrip(produce(Map.of(0, records(lying))));

        assertEquals(Map.of(0, Errors.INVALID_RECORD), errors(response));
        assertBrokerServesAndLogIsUnchanged();
    }

    @Test
    void aRecordCountThatDisagreesWithTheLastOffsetDeltaIsAnInvalidRecord() throws Exception {
        byte[] lying = bytes(batch(List.of("lie-0", "lie-1", "lie-2")));
        ByteBuffer.wrap(lying).putInt(RECORD_COUNT_OFFSET, 5);
        recomputeCrc(lying);

        ProduceResponse response = bystander.roundTrip(produce(Map.of(0, records(lying))));

        assertEquals(Map.of(0, Errors.INVALID_RECORD), errors(response));
        assertBrokerServesAndLogIsUnchanged();
    }

    /** Requests pipelined before a malformed frame are answered, in order, before the connection closes (DESIGN D6). */
    @Test
    void requestsBeforeAMalformedFrameAreAnsweredThenTheConnectionCloses() throws Exception {
        try (RawKafkaConnection client = open()) {
            ProduceRequest request = produce(Map.of(0, batch(List.of("pipelined"))));
            RequestHeader header = client.header(request);
            byte[] produce = RawKafkaConnection.serialize(request, header);
            byte[] garbage = headerV1((short) 9_999, (short) 0, 8);
            client.sendRaw(ByteBuffer.allocate(8 + produce.length + garbage.length)
                    .putInt(produce.length).put(produce).putInt(garbage.length).put(garbage).array());

            ProduceResponse response = (ProduceResponse) AbstractResponse.parseResponse(client.readFrame(), header);
            assertEquals(Map.of(0, Errors.NONE), errors(response));
            assertTrue(client.awaitClosedByBroker(), "connection closed after the answered request");
        }
        assertBrokerServesAndLogIs(concat(BEFORE, List.of("pipelined")), BEFORE);
    }

    // ---- checks

    private void assertBrokerServesAndLogIsUnchanged() throws Exception {
        assertBrokerServesAndLogIs(BEFORE, BEFORE);
    }

    /**
     * The bystander's connection still works: its record lands right after {@code partition0} /
     * {@code partition1}, and a consumer reads exactly those values followed by it.
     */
    private void assertBrokerServesAndLogIs(List<String> partition0, List<String> partition1) throws Exception {
        ProduceResponse response = bystander.roundTrip(produce(Map.of(0, batch(List.of("after")), 1, batch(List.of("after")))));
        assertEquals(Map.of(0, Errors.NONE, 1, Errors.NONE), errors(response), "the bystander is served");
        assertEquals(partition0.size(), partitionResponse(response, 0).baseOffset(), "end offset of partition 0 before 'after'");
        assertEquals(partition1.size(), partitionResponse(response, 1).baseOffset(), "end offset of partition 1 before 'after'");
        assertEquals(concat(partition0, List.of("after")), read(0), "partition 0");
        assertEquals(concat(partition1, List.of("after")), read(1), "partition 1");
    }

    private static void assertAnsweredOrClosed(RawKafkaConnection connection, int correlationId, String what) throws IOException {
        ByteBuffer response;
        try {
            response = connection.readFrame();
        } catch (EOFException | SocketException closed) {
            return;
        } catch (SocketTimeoutException e) {
            throw new AssertionError(what + ": neither answered nor closed within " + READ_TIMEOUT);
        }
        assertEquals(correlationId, response.getInt(), what + ": correlation id of the response");
    }

    private List<String> read(int partition) {
        return LogReader.readAll(broker.bootstrapServers(), List.of(new TopicPartition(TOPIC, partition)), Duration.ofSeconds(30))
                .stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    // ---- building requests and batches

    private RawKafkaConnection open() throws IOException {
        return RawKafkaConnection.open(broker.bootstrapServers(), READ_TIMEOUT);
    }

    /** Request header v1: api key, version, correlation id, client id (int16-length string). */
    private static byte[] headerV1(short apiKey, short version, int correlationId) {
        byte[] clientId = RawKafkaConnection.CLIENT_ID.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + 2 + 4 + 2 + clientId.length)
                .putShort(apiKey).putShort(version).putInt(correlationId)
                .putShort((short) clientId.length).put(clientId).array();
    }

    /** An {@code acks=-1} Produce request for partitions of {@link #TOPIC}, in partition order. */
    private static ProduceRequest produce(Map<Integer, MemoryRecords> recordsByPartition) {
        return produce((short) -1, recordsByPartition);
    }

    private static ProduceRequest produce(short acks, Map<Integer, MemoryRecords> recordsByPartition) {
        TopicProduceData topic = new TopicProduceData().setName(TOPIC);
        new TreeMap<>(recordsByPartition).forEach((partition, records) ->
                topic.partitionData().add(new PartitionProduceData().setIndex(partition).setRecords(records)));
        ProduceRequestData data = new ProduceRequestData().setAcks(acks).setTimeoutMs(10_000);
        data.topicData().add(topic);
        return new ProduceRequest(data, PRODUCE_VERSION);
    }

    private static MemoryRecords batch(List<String> values) {
        return batch(Compression.NONE, values);
    }

    private static MemoryRecords batch(Compression compression, List<String> values) {
        return MemoryRecords.withRecords(compression, values.stream()
                .map(v -> new SimpleRecord(v.getBytes(StandardCharsets.UTF_8))).toArray(SimpleRecord[]::new));
    }

    private static byte[] bytes(MemoryRecords records) {
        ByteBuffer buffer = records.buffer().duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static MemoryRecords records(byte[] bytes) {
        return MemoryRecords.readableRecords(ByteBuffer.wrap(bytes));
    }

    /** Sets record count and last offset delta to agree with {@code declared}, and a valid CRC over the lie. */
    private static byte[] withRecordCount(byte[] batch, int declared) {
        ByteBuffer.wrap(batch).putInt(RECORD_COUNT_OFFSET, declared).putInt(LAST_OFFSET_DELTA_OFFSET, declared - 1);
        recomputeCrc(batch);
        return batch;
    }

    private static void recomputeCrc(byte[] batch) {
        ByteBuffer.wrap(batch).putInt(CRC_OFFSET, (int) Crc32C.compute(batch, ATTRIBUTES_OFFSET, batch.length - ATTRIBUTES_OFFSET));
    }

    // ---- reading responses

    private static Map<Integer, Errors> errors(ProduceResponse response) {
        Map<Integer, Errors> errors = new LinkedHashMap<>();
        response.data().responses().forEach(topic -> topic.partitionResponses()
                .forEach(p -> errors.put(p.index(), Errors.forCode(p.errorCode()))));
        return errors;
    }

    private static PartitionProduceResponse partitionResponse(ProduceResponse response, int partition) {
        return response.data().responses().iterator().next().partitionResponses().stream()
                .filter(p -> p.index() == partition).findFirst().orElseThrow();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
