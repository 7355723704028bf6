package io.tributary.metadata.image;

import static io.tributary.metadata.image.TestRecords.brokerChange;
import static io.tributary.metadata.image.TestRecords.fenceBroker;
import static io.tributary.metadata.image.TestRecords.registerBroker;
import static io.tributary.metadata.image.TestRecords.replay;
import static io.tributary.metadata.image.TestRecords.unfenceBroker;
import static io.tributary.metadata.image.TestRecords.unregisterBroker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.protocol.Uuid;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterDeltaTest {

    private static final Uuid DIR = new Uuid(9, 9);

    private static BrokerRegistration broker(MetadataImage image, int id) {
        return image.cluster().broker(id).orElseThrow();
    }

    @Test
    void registrationKeepsEndpointsFeaturesRackAndFencing() {
        RegisterBrokerRecord record = registerBroker(1, 10).setRack("rack-a").setLogDirs(List.of(DIR));
        record.features().add(new RegisterBrokerRecord.BrokerFeature().setName("metadata.version").setMinSupportedVersion((short) 7).setMaxSupportedVersion((short) 27));
        record.endPoints().add(new RegisterBrokerRecord.BrokerEndpoint().setName("SSL").setHost("h").setPort(65535).setSecurityProtocol((short) 1));
        MetadataImage image = replay(MetadataImage.EMPTY, record);

        BrokerRegistration b = broker(image, 1);
        assertEquals(10, b.epoch());
        assertEquals(new Uuid(1, 10), b.incarnationId());
        assertEquals(List.of(new BrokerRegistration.Endpoint("PLAINTEXT", "broker-1", 9092, (short) 0),
                new BrokerRegistration.Endpoint("SSL", "h", 65535, (short) 1)), b.listeners());
        assertEquals(Optional.of(new BrokerRegistration.Endpoint("SSL", "h", 65535, (short) 1)), b.listener("SSL"));
        assertEquals(Map.of("metadata.version", new BrokerRegistration.VersionRange((short) 7, (short) 27)), b.supportedFeatures());
        assertEquals(Optional.of("rack-a"), b.rack());
        assertTrue(b.fenced());
        assertFalse(b.inControlledShutdown());
        assertEquals(List.of(DIR), b.directories());
    }

    @Test
    void registrationIsTheInverseOfToRecord() {
        RegisterBrokerRecord record = registerBroker(4, 2).setRack(null).setFenced(false).setLogDirs(List.of(DIR));
        assertEquals(record, BrokerRegistration.fromRecord(record).toRecord());
    }

    @Test
    void reRegistrationWithAHigherEpochReplacesTheRegistration() {
        MetadataImage image = replay(MetadataImage.EMPTY, registerBroker(1, 10), unfenceBroker(1, 10));
        image = replay(image, registerBroker(1, 20));

        assertEquals(20, broker(image, 1).epoch());
        assertTrue(broker(image, 1).fenced());
    }

    @Test
    void reRegistrationWithoutAHigherEpochIsImpossible() {
        MetadataDelta delta = new MetadataDelta(replay(MetadataImage.EMPTY, registerBroker(1, 10)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> delta.replay(registerBroker(1, 10)));
        assertEquals("RegisterBrokerRecord for broker 1 has epoch 10, not above the epoch 10 of its registration", e.getMessage());
    }

    @Test
    void unfenceAndFenceToggleFencing() {
        MetadataImage image = replay(MetadataImage.EMPTY, registerBroker(1, 10), unfenceBroker(1, 10));
        assertFalse(broker(image, 1).fenced());

        image = replay(image, fenceBroker(1, 10));
        assertTrue(broker(image, 1).fenced());
    }

    @Test
    void registrationChangeRecordUnfencesFencesAndEntersControlledShutdown() {
        MetadataImage image = replay(MetadataImage.EMPTY, registerBroker(1, 10), brokerChange(1, 10).setFenced((byte) -1));
        assertFalse(broker(image, 1).fenced());

        image = replay(image, brokerChange(1, 10).setInControlledShutdown((byte) 1).setLogDirs(List.of(DIR)));
        assertFalse(broker(image, 1).fenced());
        assertTrue(broker(image, 1).inControlledShutdown());
        assertEquals(List.of(DIR), broker(image, 1).directories());

        image = replay(image, brokerChange(1, 10).setFenced((byte) 1));
        assertTrue(broker(image, 1).fenced());
        assertEquals(List.of(DIR), broker(image, 1).directories(), "empty log dirs mean no change");
    }

    @Test
    void unknownFencingChangeIsImpossible() {
        MetadataDelta delta = new MetadataDelta(replay(MetadataImage.EMPTY, registerBroker(1, 10)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> delta.replay(brokerChange(1, 10).setFenced((byte) 2)));
        assertEquals("BrokerRegistrationChangeRecord for broker 1 has unknown fencing change 2", e.getMessage());
    }

    @Test
    void unregistrationRemovesTheBroker() {
        MetadataImage image = replay(MetadataImage.EMPTY, registerBroker(1, 10), registerBroker(2, 11));
        MetadataDelta delta = new MetadataDelta(image);
        delta.replay(unregisterBroker(1, 10));

        assertEquals(Map.of(1, Optional.empty()), delta.clusterDelta().orElseThrow().changedBrokers());
        image = delta.apply(TestRecords.after(image.provenance(), 1));
        assertEquals(List.of(2), List.copyOf(image.cluster().brokers().keySet()));
    }

    @Test
    void recordsForAnotherEpochAreImpossible() {
        MetadataDelta delta = new MetadataDelta(replay(MetadataImage.EMPTY, registerBroker(1, 10)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> delta.replay(unregisterBroker(1, 9)));
        assertEquals("UnregisterBrokerRecord for broker 1 has epoch 9, but its registration has epoch 10", e.getMessage());
    }

    @Test
    void recordsForAnUnregisteredBrokerAreImpossible() {
        MetadataDelta delta = new MetadataDelta(MetadataImage.EMPTY);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> delta.replay(fenceBroker(3, 1)));
        assertEquals("FenceBrokerRecord for broker 3, which is not registered", e.getMessage());
    }

    @Test
    void migratingZooKeeperBrokersAreImpossible() {
        MetadataDelta delta = new MetadataDelta(MetadataImage.EMPTY);
        assertThrows(IllegalStateException.class, () -> delta.replay(registerBroker(1, 1).setIsMigratingZkBroker(true)));
    }
}
