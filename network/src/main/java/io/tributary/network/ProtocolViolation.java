package io.tributary.network;

/**
 * What a decoder passes down the pipeline instead of a request when the input breaks the protocol
 * (an impossible frame size, an unknown API key, a version the broker does not serve, a malformed
 * header or body). {@link RequestDispatchHandler} logs it once, stops reading, writes the responses
 * still owed for earlier requests and closes the connection: the way Kafka answers, which reads a
 * connection's next request only after answering the previous one (DESIGN D13).
 *
 * @param reason what was wrong, naming the value, e.g. {@code unknown API key 999 (correlation id 7)}
 */
record ProtocolViolation(String reason) {
}
