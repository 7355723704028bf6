package io.tributary.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ApiMessage;
import io.tributary.protocol.ByteBufferWriter;
import io.tributary.protocol.ProtocolReader;
import io.tributary.protocol.RequestHeader;
import io.tributary.protocol.ResponseHeader;
import io.tributary.protocol.message.ApiVersionsRequestData;
import java.nio.ByteBuffer;

/** Request frames and response parsing for tests, with our own codec. */
final class Requests {

    static final String CLIENT_ID = "test-client";

    private Requests() {
    }

    /** An ApiVersions request frame, without the size prefix. */
    static ByteBuffer apiVersions(short version, int correlationId) {
        ApiVersionsRequestData body = new ApiVersionsRequestData();
        if (version >= 3) {
            body.setClientSoftwareName("tributary-test").setClientSoftwareVersion("1.0");
        }
        return frame(ApiKey.API_VERSIONS, version, correlationId, body);
    }

    /** Header and body of a request, without the size prefix. */
    static ByteBuffer frame(ApiKey apiKey, short version, int correlationId, ApiMessage body) {
        RequestHeader header = new RequestHeader(apiKey, version, CLIENT_ID, correlationId);
        ByteBuffer buffer = ByteBuffer.allocate(header.size() + body.size(version));
        ByteBufferWriter writer = new ByteBufferWriter(buffer);
        header.write(writer);
        body.write(writer, version);
        return buffer.flip();
    }

    /** A frame made of a raw header: any API key and version, then {@code rest}. */
    static ByteBuffer rawFrame(short apiKey, short version, int correlationId, byte... rest) {
        ByteBuffer buffer = ByteBuffer.allocate(2 + 2 + 4 + 2 + rest.length);
        buffer.putShort(apiKey).putShort(version).putInt(correlationId).putShort((short) -1).put(rest);
        return buffer.flip();
    }

    /** {@code frames}, each with its size prefix, in one buffer. */
    static ByteBuf sized(ByteBuffer... frames) {
        ByteBuf out = Unpooled.buffer();
        for (ByteBuffer frame : frames) {
            out.writeInt(frame.remaining());
            out.writeBytes(frame.duplicate());
        }
        return out;
    }

    /** One size-prefixed response read from {@code wire}, checked and parsed with our codec. */
    record ParsedResponse(int correlationId, ApiMessage body) {
    }

    static ParsedResponse parseResponse(ByteBuffer wire, ApiKey apiKey, short headerVersion, short bodyVersion) {
        int size = wire.getInt();
        ByteBuffer frame = wire.slice(wire.position(), size);
        wire.position(wire.position() + size);
        return parseFrame(frame, apiKey, headerVersion, bodyVersion);
    }

    /** One response frame (no size prefix), checked and parsed with our codec. */
    static ParsedResponse parseFrame(ByteBuffer frame, ApiKey apiKey, short headerVersion, short bodyVersion) {
        ProtocolReader reader = new ProtocolReader(frame);
        ResponseHeader header = ResponseHeader.parse(reader, headerVersion);
        ApiMessage body = apiKey.newResponse();
        body.read(reader, bodyVersion);
        if (reader.remaining() != 0) {
            throw new AssertionError(reader.remaining() + " bytes left after the response body");
        }
        return new ParsedResponse(header.correlationId(), body);
    }
}
