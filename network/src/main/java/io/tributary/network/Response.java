package io.tributary.network;

import io.tributary.protocol.ApiMessage;

/**
 * What the broker answers to one request: the body and the version to encode it at (the request's
 * version, except for the ApiVersions fallback at v0). {@link #NONE} means "send nothing" (a
 * Produce with {@code acks=0}); the connection still keeps its response order.
 */
public record Response(ApiMessage body, short version) {

    public static final Response NONE = new Response(null, (short) -1);

    public boolean isNone() {
        return body == null;
    }
}
