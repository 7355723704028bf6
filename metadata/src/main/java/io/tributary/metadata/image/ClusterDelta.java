package io.tributary.metadata.image;

import io.tributary.metadata.record.BrokerRegistrationChangeRecord;
import io.tributary.metadata.record.FenceBrokerRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.record.UnfenceBrokerRecord;
import io.tributary.metadata.record.UnregisterBrokerRecord;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The changes to the registered brokers of a {@link ClusterImage}. Every record but a registration
 * names the broker epoch it applies to; a record for an unregistered broker or another epoch throws
 * {@link IllegalStateException}, as does a registration whose epoch does not exceed the previous
 * one (the controller assigns epochs from log offsets, which only grow).
 *
 * <p>Not thread safe: owned by the thread replaying the metadata log, read-only once applied.
 */
public final class ClusterDelta {

    private final ClusterImage image;
    /** The new registration of every broker touched; empty for a broker unregistered. */
    private final Map<Integer, Optional<BrokerRegistration>> changedBrokers = new TreeMap<>();

    ClusterDelta(ClusterImage image) {
        this.image = image;
    }

    public ClusterImage image() {
        return image;
    }

    /** Every broker whose registration this delta changes, with the new one; empty when unregistered. */
    public Map<Integer, Optional<BrokerRegistration>> changedBrokers() {
        return Collections.unmodifiableMap(changedBrokers);
    }

    /** The registration of {@code brokerId} with this delta's changes so far. */
    public Optional<BrokerRegistration> broker(int brokerId) {
        Optional<BrokerRegistration> changed = changedBrokers.get(brokerId);
        return changed != null ? changed : image.broker(brokerId);
    }

    void replay(RegisterBrokerRecord record) {
        Optional<BrokerRegistration> previous = broker(record.brokerId());
        if (previous.isPresent() && record.brokerEpoch() <= previous.get().epoch()) {
            throw new IllegalStateException("RegisterBrokerRecord for broker " + record.brokerId() + " has epoch "
                    + record.brokerEpoch() + ", not above the epoch " + previous.get().epoch() + " of its registration");
        }
        changedBrokers.put(record.brokerId(), Optional.of(BrokerRegistration.fromRecord(record)));
    }

    void replay(UnregisterBrokerRecord record) {
        registered("UnregisterBrokerRecord", record.brokerId(), record.brokerEpoch());
        changedBrokers.put(record.brokerId(), Optional.empty());
    }

    void replay(FenceBrokerRecord record) {
        BrokerRegistration current = registered("FenceBrokerRecord", record.id(), record.epoch());
        changedBrokers.put(record.id(), Optional.of(current.withFenced(true)));
    }

    void replay(UnfenceBrokerRecord record) {
        BrokerRegistration current = registered("UnfenceBrokerRecord", record.id(), record.epoch());
        changedBrokers.put(record.id(), Optional.of(current.withFenced(false)));
    }

    /**
     * Fenced: -1 unfenced, 0 no change, 1 fenced. InControlledShutdown: 0 no change, 1 entering it.
     * LogDirs: empty for no change.
     */
    void replay(BrokerRegistrationChangeRecord record) {
        String what = "BrokerRegistrationChangeRecord";
        BrokerRegistration next = registered(what, record.brokerId(), record.brokerEpoch());
        switch (record.fenced()) {
            case -1 -> next = next.withFenced(false);
            case 0 -> { }
            case 1 -> next = next.withFenced(true);
            default -> throw new IllegalStateException(what + " for broker " + record.brokerId()
                    + " has unknown fencing change " + record.fenced());
        }
        switch (record.inControlledShutdown()) {
            case 0 -> { }
            case 1 -> next = next.withInControlledShutdown(true);
            default -> throw new IllegalStateException(what + " for broker " + record.brokerId()
                    + " has unknown controlled shutdown change " + record.inControlledShutdown());
        }
        if (!record.logDirs().isEmpty()) {
            next = next.withDirectories(record.logDirs());
        }
        changedBrokers.put(record.brokerId(), Optional.of(next));
    }

    private BrokerRegistration registered(String what, int brokerId, long epoch) {
        BrokerRegistration current = broker(brokerId).orElseThrow(() -> new IllegalStateException(
                what + " for broker " + brokerId + ", which is not registered"));
        if (current.epoch() != epoch) {
            throw new IllegalStateException(what + " for broker " + brokerId + " has epoch " + epoch
                    + ", but its registration has epoch " + current.epoch());
        }
        return current;
    }

    public ClusterImage apply() {
        if (changedBrokers.isEmpty()) {
            return image;
        }
        Map<Integer, BrokerRegistration> brokers = new HashMap<>(image.brokers());
        changedBrokers.forEach((id, registration) -> {
            if (registration.isPresent()) {
                brokers.put(id, registration.get());
            } else {
                brokers.remove(id);
            }
        });
        return new ClusterImage(brokers);
    }

    @Override
    public String toString() {
        return "ClusterDelta(" + changedBrokers + ")";
    }
}
