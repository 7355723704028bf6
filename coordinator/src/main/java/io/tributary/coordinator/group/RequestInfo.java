package io.tributary.coordinator.group;

/**
 * What a group operation knows of the request besides its body: who sent it and at which version.
 */
public record RequestInfo(String clientId, String clientHost, short apiVersion) {
}
