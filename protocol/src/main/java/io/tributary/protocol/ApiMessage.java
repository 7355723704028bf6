package io.tributary.protocol;

/** A request or response body of a Kafka API. */
public interface ApiMessage extends Message {

    /** The API key, as in {@link ApiKey#id}. */
    short apiKey();
}
