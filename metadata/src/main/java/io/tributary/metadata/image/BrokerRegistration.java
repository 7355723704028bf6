package io.tributary.metadata.image;

import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.protocol.Uuid;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A broker as registered with the controller: who it is (id, epoch, incarnation), how clients
 * reach it, what it supports, and whether it is fenced.
 *
 * <p>Immutable and thread safe.
 *
 * @param id                   the broker id
 * @param epoch                the broker epoch the controller assigned to this registration
 * @param incarnationId        the id of the broker process that registered
 * @param listeners            the endpoints, in the order the broker gave them
 * @param supportedFeatures    the feature levels the broker supports, by feature name
 * @param rack                 the broker's rack, if any
 * @param fenced               whether the broker is fenced (may not lead or be in an ISR)
 * @param inControlledShutdown whether the broker is shutting down in a controlled way
 * @param directories          the broker's online log directories
 */
public record BrokerRegistration(
        int id,
        long epoch,
        Uuid incarnationId,
        List<Endpoint> listeners,
        Map<String, VersionRange> supportedFeatures,
        Optional<String> rack,
        boolean fenced,
        boolean inControlledShutdown,
        List<Uuid> directories) {

    public BrokerRegistration {
        Objects.requireNonNull(incarnationId, "incarnationId");
        Objects.requireNonNull(rack, "rack");
        listeners = List.copyOf(listeners);
        supportedFeatures = Collections.unmodifiableMap(new TreeMap<>(supportedFeatures));
        directories = List.copyOf(directories);
    }

    /**
     * The registration a {@link RegisterBrokerRecord} describes.
     *
     * @throws IllegalStateException if the record describes a ZooKeeper broker in migration, which
     *                               a Tributary controller never registers
     */
    public static BrokerRegistration fromRecord(RegisterBrokerRecord record) {
        if (record.isMigratingZkBroker()) {
            throw new IllegalStateException("RegisterBrokerRecord for broker " + record.brokerId()
                    + " describes a migrating ZooKeeper broker");
        }
        List<Endpoint> listeners = new ArrayList<>();
        for (RegisterBrokerRecord.BrokerEndpoint e : record.endPoints()) {
            listeners.add(new Endpoint(e.name(), e.host(), e.port(), e.securityProtocol()));
        }
        Map<String, VersionRange> features = new TreeMap<>();
        for (RegisterBrokerRecord.BrokerFeature f : record.features()) {
            features.put(f.name(), new VersionRange(f.minSupportedVersion(), f.maxSupportedVersion()));
        }
        return new BrokerRegistration(record.brokerId(), record.brokerEpoch(), record.incarnationId(), listeners, features,
                Optional.ofNullable(record.rack()), record.fenced(), record.inControlledShutdown(), record.logDirs());
    }

    /** This registration as the {@link RegisterBrokerRecord} that recreates it. */
    public RegisterBrokerRecord toRecord() {
        List<RegisterBrokerRecord.BrokerEndpoint> endpoints = new ArrayList<>();
        for (Endpoint e : listeners) {
            endpoints.add(new RegisterBrokerRecord.BrokerEndpoint()
                    .setName(e.listenerName()).setHost(e.host()).setPort(e.port()).setSecurityProtocol(e.securityProtocol()));
        }
        List<RegisterBrokerRecord.BrokerFeature> features = new ArrayList<>();
        supportedFeatures.forEach((name, range) -> features.add(new RegisterBrokerRecord.BrokerFeature()
                .setName(name).setMinSupportedVersion(range.min()).setMaxSupportedVersion(range.max())));
        return new RegisterBrokerRecord()
                .setBrokerId(id)
                .setBrokerEpoch(epoch)
                .setIncarnationId(incarnationId)
                .setEndPoints(endpoints)
                .setFeatures(features)
                .setRack(rack.orElse(null))
                .setFenced(fenced)
                .setInControlledShutdown(inControlledShutdown)
                .setLogDirs(new ArrayList<>(directories));
    }

    public Optional<Endpoint> listener(String listenerName) {
        return listeners.stream().filter(l -> l.listenerName().equals(listenerName)).findFirst();
    }

    BrokerRegistration withFenced(boolean newFenced) {
        return new BrokerRegistration(id, epoch, incarnationId, listeners, supportedFeatures, rack, newFenced,
                inControlledShutdown, directories);
    }

    BrokerRegistration withInControlledShutdown(boolean newInControlledShutdown) {
        return new BrokerRegistration(id, epoch, incarnationId, listeners, supportedFeatures, rack, fenced,
                newInControlledShutdown, directories);
    }

    BrokerRegistration withDirectories(List<Uuid> newDirectories) {
        return new BrokerRegistration(id, epoch, incarnationId, listeners, supportedFeatures, rack, fenced,
                inControlledShutdown, newDirectories);
    }

    /**
     * One way to reach the broker.
     *
     * @param listenerName     the listener's name, e.g. {@code PLAINTEXT}
     * @param host             the advertised host
     * @param port             the advertised port
     * @param securityProtocol Kafka's security protocol id: 0 PLAINTEXT, 1 SSL, 2 SASL_PLAINTEXT, 3 SASL_SSL
     */
    public record Endpoint(String listenerName, String host, int port, short securityProtocol) {

        public Endpoint {
            Objects.requireNonNull(listenerName, "listenerName");
            Objects.requireNonNull(host, "host");
        }
    }

    /**
     * An inclusive range of feature levels.
     *
     * @param min the lowest supported level
     * @param max the highest supported level
     */
    public record VersionRange(short min, short max) {

        public boolean contains(short level) {
            return level >= min && level <= max;
        }
    }
}
