package io.tributary.network;

import io.tributary.protocol.ApiMessage;
import io.tributary.protocol.ResponseHeader;

/**
 * One response as {@link RequestDispatchHandler} hands it to {@link ResponseEncoder}: the header
 * (whose version follows from the request's API and version) and the body with the version to
 * encode it at.
 */
record ResponseFrame(ResponseHeader header, ApiMessage body, short version) {

    @Override
    public String toString() {
        return "response to API key " + body.apiKey() + " v" + version + " (correlation id " + header.correlationId() + ")";
    }
}
