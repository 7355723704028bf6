package io.tributary.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;

/**
 * Apache Kafka's own serializers and parsers (kafka-clients, test scope), so that what goes over
 * our sockets is checked against Kafka, not against ourselves (STYLE habit 3).
 */
final class KafkaOracle {

    static final String CLIENT_ID = "kafka-java";

    private KafkaOracle() {
    }

    /** An ApiVersions request as Kafka's Java client serialises it (header + body, no size). */
    static ByteBuffer apiVersionsRequest(short version, int correlationId) {
        RequestHeader header = new RequestHeader(ApiKeys.API_VERSIONS, version, CLIENT_ID, correlationId);
        return new ApiVersionsRequest.Builder().build(version).serializeWithHeader(header);
    }

    /** Parses a response frame the way Kafka's client does for a request of {@code apiKey} at {@code version}. */
    static AbstractResponse parseResponse(ByteBuffer frame, ApiKeys apiKey, short version, int correlationId) {
        assertEquals(correlationId, frame.getInt(0), "correlation id");
        return AbstractResponse.parseResponse(frame.duplicate(), new RequestHeader(apiKey, version, CLIENT_ID, correlationId));
    }

    /** Parses the v0 ApiVersions answer to a request newer than the broker serves (header v0, body v0). */
    static ApiVersionsResponse parseApiVersionsFallback(ByteBuffer frame, int correlationId) {
        ByteBuffer buffer = frame.duplicate();
        assertEquals(correlationId, ResponseHeader.parse(buffer, (short) 0).correlationId());
        return (ApiVersionsResponse) AbstractResponse.parseResponse(ApiKeys.API_VERSIONS, new ByteBufferAccessor(buffer), (short) 0);
    }

    /** A record batch as Kafka's producer builds it. */
    static byte[] recordBatch(String... values) {
        SimpleRecord[] records = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            records[i] = new SimpleRecord(1_700_000_000_000L, values[i].getBytes(StandardCharsets.UTF_8));
        }
        ByteBuffer buffer = MemoryRecords.withRecords(Compression.NONE, records).buffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** The record values of the first partition of a Fetch response, read with Kafka's record classes. */
    static List<String> fetchedValues(FetchResponse response) {
        MemoryRecords records = (MemoryRecords) response.data().responses().get(0).partitions().get(0).records();
        List<String> values = new ArrayList<>();
        for (RecordBatch batch : records.batches()) {
            batch.ensureValid();
            for (Record record : batch) {
                ByteBuffer value = record.value();
                byte[] bytes = new byte[value.remaining()];
                value.get(bytes);
                values.add(new String(bytes, StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
