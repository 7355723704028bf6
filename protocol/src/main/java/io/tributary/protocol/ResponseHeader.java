package io.tributary.protocol;

import io.tributary.protocol.message.ResponseHeaderData;

/**
 * The header in front of every response body: the correlation id of the request it answers.
 *
 * <pre>
 * v0                                  v1 (flexible API versions)
 * +------------------------------+    +------------------------------+
 * | correlation_id       int32   |    | correlation_id       int32   |
 * +------------------------------+    | tagged fields (varint count) |
 *                                     +------------------------------+
 * </pre>
 *
 * <p>The version follows from the request's API key and version by
 * {@link ApiKey#responseHeaderVersion}: v1 for flexible versions, v0 otherwise, and v0 for
 * every version of ApiVersions, whose response a client must be able to read before it knows what
 * the broker speaks (KIP-511).
 *
 * <p>Immutable, except that {@link #data()} exposes the generated message, which callers must not
 * modify.
 */
public final class ResponseHeader {

    private final ResponseHeaderData data;
    private final short headerVersion;

    /**
     * @throws IllegalArgumentException if {@code headerVersion} is not 0 or 1
     */
    public ResponseHeader(int correlationId, short headerVersion) {
        this(new ResponseHeaderData().setCorrelationId(correlationId), headerVersion);
    }

    private ResponseHeader(ResponseHeaderData data, short headerVersion) {
        if (headerVersion < ResponseHeaderData.LOWEST_SUPPORTED_VERSION
                || headerVersion > ResponseHeaderData.HIGHEST_SUPPORTED_VERSION) {
            throw new IllegalArgumentException("response header version " + headerVersion + " does not exist; "
                    + "versions are " + ResponseHeaderData.LOWEST_SUPPORTED_VERSION + "-"
                    + ResponseHeaderData.HIGHEST_SUPPORTED_VERSION);
        }
        this.data = data;
        this.headerVersion = headerVersion;
    }

    /**
     * The header of the response to {@code request}. A request with an unknown API key gets v0:
     * no version of it is known to be flexible (Kafka sends no response at all, it closes the
     * connection; see {@link RequestHeader}).
     */
    public static ResponseHeader forRequest(RequestHeader request) {
        ApiKey apiKey = request.apiKey();
        short version = apiKey == null ? 0 : apiKey.responseHeaderVersion(request.apiVersion());
        return new ResponseHeader(request.correlationId(), version);
    }

    /**
     * Reads a response header of {@code headerVersion}, leaving {@code reader} at the first byte of
     * the body; for the client side (replica fetchers, tools, tests).
     *
     * @throws ProtocolDecodeException if the header is truncated or malformed
     * @throws UnsupportedVersionException if {@code headerVersion} is not 0 or 1
     */
    public static ResponseHeader parse(ProtocolReader reader, short headerVersion) {
        return new ResponseHeader(new ResponseHeaderData(reader, headerVersion), headerVersion);
    }

    public int correlationId() {
        return data.correlationId();
    }

    /** 0 or 1. */
    public short headerVersion() {
        return headerVersion;
    }

    /** The generated message, including any unknown tagged fields of a v1 header. */
    public ResponseHeaderData data() {
        return data;
    }

    /** The number of bytes {@link #write} produces: 4 for v0, 5 for v1 without tagged fields. */
    public int size() {
        return data.size(headerVersion);
    }

    public void write(ProtocolWriter writer) {
        data.write(writer, headerVersion);
    }

    @Override
    public String toString() {
        return "ResponseHeader(correlationId=" + correlationId() + ", headerVersion=" + headerVersion + ")";
    }
}
