package io.tributary.broker.api;

/**
 * Who this broker is, for responses that name it: its node id and its cluster's id. Where clients
 * should connect comes from the brokers registered in the metadata image, per listener.
 */
public record BrokerIdentity(int nodeId, String clusterId) {
}
