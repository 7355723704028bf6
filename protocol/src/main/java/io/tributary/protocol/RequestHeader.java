package io.tributary.protocol;

import io.tributary.protocol.message.RequestHeaderData;
import java.util.List;

/**
 * The header in front of every request body: which API and version the body is, the correlation
 * id the response must echo, and the client id.
 *
 * <pre>
 * v1 (non-flexible API versions)      v2 (flexible API versions)
 * +------------------------------+    +------------------------------+
 * | request_api_key      int16   |    | request_api_key      int16   |
 * | request_api_version  int16   |    | request_api_version  int16   |
 * | correlation_id       int32   |    | correlation_id       int32   |
 * | client_id  nullable string   |    | client_id  nullable string   |
 * |            (int16 length)    |    |            (int16 length)    |
 * +------------------------------+    | tagged fields (varint count) |
 *                                     +------------------------------+
 * </pre>
 *
 * <p>The header version follows from the API key and version, which every header version begins
 * with; {@link #parse} reads those two first and picks the rest of the layout from them, by
 * {@link ApiKey#requestHeaderVersion}. The client id keeps its int16 length even in v2, so an old
 * broker can read the header of any ApiVersions request.
 *
 * <p>Requests the broker cannot serve are still parsed, so the network layer can decide what to
 * do with their correlation id. Kafka 4.3.1 decides like this (and so must the broker):
 * <ul>
 *   <li>An unknown API key parses here as a v1 header with {@link #apiKey()} null. Kafka's
 *       {@code RequestHeader.parse} rejects it and its {@code SocketServer} closes the connection
 *       without a response; so does an API whose versions Kafka removed (LeaderAndIsr and the
 *       other ZooKeeper-era APIs), which parses here with {@link #isApiVersionSupported()} false.</li>
 *   <li>A version outside the API's range parses with the header version that version would have
 *       ({@code version >= firstFlexibleVersion} gives v2). Kafka closes the connection for every
 *       such request except ApiVersions: a client sends ApiVersions at the newest version it knows
 *       (KIP-511), so an ApiVersions request newer than the broker's is read with the v2 header,
 *       its body is not parsed, and it is answered with an ApiVersions v0 response carrying
 *       {@link Errors#UNSUPPORTED_VERSION} and the supported range of ApiVersions (Kafka's
 *       {@code RequestContext.isUnsupportedApiVersionsRequest}). The response header is v0 for
 *       every ApiVersions version, see {@link ResponseHeader#forRequest}.</li>
 * </ul>
 *
 * <p>Immutable, except that {@link #data()} exposes the generated message, which callers must not
 * modify.
 */
public final class RequestHeader {

    private final ApiKey apiKey;
    private final RequestHeaderData data;
    private final short headerVersion;

    /** A header for sending a request of {@code apiKey} at {@code apiVersion}. */
    public RequestHeader(ApiKey apiKey, short apiVersion, String clientId, int correlationId) {
        this(apiKey,
                new RequestHeaderData()
                        .setRequestApiKey(apiKey.id)
                        .setRequestApiVersion(apiVersion)
                        .setCorrelationId(correlationId)
                        .setClientId(clientId),
                apiKey.requestHeaderVersion(apiVersion));
    }

    private RequestHeader(ApiKey apiKey, RequestHeaderData data, short headerVersion) {
        this.apiKey = apiKey;
        this.data = data;
        this.headerVersion = headerVersion;
    }

    /**
     * Reads a request header from the start of a request frame, leaving {@code reader} at the first
     * byte of the body. A null client id reads as the empty string, as in Kafka.
     *
     * @throws ProtocolDecodeException if the header is truncated or malformed; the exception names
     *     the field, e.g. {@code malformed RequestHeader v2: ClientId at offset 8: ...}
     */
    public static RequestHeader parse(ProtocolReader reader) {
        short apiKeyId;
        short apiVersion;
        try {
            apiKeyId = reader.peekInt16(0);
            apiVersion = reader.peekInt16(2);
        } catch (ProtocolDecodeException e) {
            throw e.inField("RequestApiKey").inMessage("RequestHeader", RequestHeaderData.LOWEST_SUPPORTED_VERSION);
        }
        ApiKey apiKey = ApiKey.forId(apiKeyId);
        short headerVersion = apiKey == null ? RequestHeaderData.LOWEST_SUPPORTED_VERSION : apiKey.requestHeaderVersion(apiVersion);
        RequestHeaderData data = new RequestHeaderData(reader, headerVersion);
        if (data.clientId() == null) {
            data.setClientId("");
        }
        return new RequestHeader(apiKey, data, headerVersion);
    }

    /** The API, or null if the key is not one Kafka 4.3.1 defines. */
    public ApiKey apiKey() {
        return apiKey;
    }

    /** The API key as sent, known or not. */
    public short apiKeyId() {
        return data.requestApiKey();
    }

    public short apiVersion() {
        return data.requestApiVersion();
    }

    public int correlationId() {
        return data.correlationId();
    }

    /** The client id; never null in a parsed header (a null on the wire reads as empty). */
    public String clientId() {
        return data.clientId();
    }

    /** 1 or 2; see the class comment. */
    public short headerVersion() {
        return headerVersion;
    }

    /** The generated message, including any unknown tagged fields of a v2 header. */
    public RequestHeaderData data() {
        return data;
    }

    /**
     * Whether the API is known and the version is in its schema range (Kafka's
     * {@code RequestHeader.isApiVersionSupported}). Which versions the broker serves is for its
     * handlers to say; this is only the upper bound.
     */
    public boolean isApiVersionSupported() {
        return apiKey != null && apiKey.isVersionSupported(apiVersion());
    }

    /** The number of bytes {@link #write} produces. */
    public int size() {
        return data.size(headerVersion);
    }

    public void write(ProtocolWriter writer) {
        data.write(writer, headerVersion);
    }

    @Override
    public String toString() {
        return "RequestHeader(apiKey=" + (apiKey == null ? "unknown " + apiKeyId() : apiKey.title)
                + ", apiVersion=" + apiVersion()
                + ", correlationId=" + correlationId()
                + ", clientId=" + clientId()
                + ", headerVersion=" + headerVersion + ")";
    }
}
