package io.tributary.metadata.image;

import static io.tributary.metadata.image.TestRecords.featureLevel;
import static io.tributary.metadata.image.TestRecords.partition;
import static io.tributary.metadata.image.TestRecords.partitionChange;
import static io.tributary.metadata.image.TestRecords.registerBroker;
import static io.tributary.metadata.image.TestRecords.removeTopic;
import static io.tributary.metadata.image.TestRecords.replay;
import static io.tributary.metadata.image.TestRecords.topic;
import static io.tributary.metadata.image.TestRecords.topicConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.metadata.record.NoOpRecord;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.protocol.ApiMessage;
import io.tributary.protocol.Uuid;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetadataImageTest {

    private static final Uuid FOO = new Uuid(1, 1);

    private static List<ApiMessage> createFoo() {
        return List.of(featureLevel("metadata.version", 27), registerBroker(1, 1), topic("foo", FOO),
                topicConfig("foo", "retention.ms", "1"), partition(FOO, 0, 1), partition(FOO, 1, 1));
    }

    @Test
    void emptyImageHasNothing() {
        assertTrue(MetadataImage.EMPTY.isEmpty());
        assertEquals(MetadataProvenance.EMPTY, MetadataImage.EMPTY.provenance());
    }

    @Test
    void applyRecordsTheProvenance() {
        MetadataDelta delta = new MetadataDelta(MetadataImage.EMPTY);
        delta.replay(new NoOpRecord());
        MetadataProvenance provenance = new MetadataProvenance(41, 3, 1234);

        MetadataImage image = delta.apply(provenance);
        assertEquals(provenance, image.provenance());
        assertTrue(image.isEmpty());
    }

    @Test
    void laterDeltasLeaveTheOldImageAsItWas() {
        MetadataImage before = replay(MetadataImage.EMPTY, createFoo());
        MetadataImage copy = replay(MetadataImage.EMPTY, createFoo());

        replay(before, partitionChange(FOO, 0).setLeader(-1), topicConfig("foo", "retention.ms", null), removeTopic(FOO));

        assertEquals(copy, before);
        assertEquals(1, before.topics().topic("foo").orElseThrow().partition(0).orElseThrow().leader());
    }

    @Test
    void changingTheRecordAfterReplayDoesNotChangeTheImage() {
        PartitionRecord record = partition(FOO, 0, 1, 2);
        record.setReplicas(new ArrayList<>(record.replicas()));
        MetadataImage image = replay(replay(MetadataImage.EMPTY, topic("foo", FOO)), record);

        record.replicas().add(3);
        record.setLeader(2);

        PartitionRegistration p0 = image.topics().topic(FOO).orElseThrow().partition(0).orElseThrow();
        assertEquals(List.of(1, 2), p0.replicas());
        assertEquals(1, p0.leader());
    }

    @Test
    void imageCollectionsCannotBeModified() {
        MetadataImage image = replay(MetadataImage.EMPTY, createFoo());

        assertThrows(UnsupportedOperationException.class, () -> image.topics().topicsById().clear());
        assertThrows(UnsupportedOperationException.class, () -> image.topics().topicsByName().clear());
        assertThrows(UnsupportedOperationException.class, () -> image.topics().topic(FOO).orElseThrow().partitions().clear());
        assertThrows(UnsupportedOperationException.class,
                () -> image.topics().topic(FOO).orElseThrow().partition(0).orElseThrow().isr().add(7));
        assertThrows(UnsupportedOperationException.class, () -> image.configs().resources().clear());
        assertThrows(UnsupportedOperationException.class, () -> image.configs().configs(ConfigResource.topic("foo")).clear());
        assertThrows(UnsupportedOperationException.class, () -> image.cluster().brokers().clear());
        assertThrows(UnsupportedOperationException.class, () -> image.cluster().broker(1).orElseThrow().listeners().clear());
        assertThrows(UnsupportedOperationException.class, () -> image.features().finalizedLevels().clear());
    }

    @Test
    void partsNoRecordTouchedAreSharedWithTheBaseImage() {
        MetadataImage before = replay(MetadataImage.EMPTY, createFoo());
        MetadataImage after = replay(before, partitionChange(FOO, 1).setIsr(List.of(1)));

        assertSame(before.features(), after.features());
        assertSame(before.cluster(), after.cluster());
        assertSame(before.configs(), after.configs());
        assertSame(before.producerIds(), after.producerIds());
        assertNotEquals(before.topics(), after.topics());
    }

    @Test
    void replayingTheSameRecordsGivesEqualImages() {
        assertEquals(replay(MetadataImage.EMPTY, createFoo()), replay(MetadataImage.EMPTY, createFoo()));
        assertEquals(replay(MetadataImage.EMPTY, createFoo()).hashCode(), replay(MetadataImage.EMPTY, createFoo()).hashCode());
    }

    @Test
    void anAppliedDeltaRefusesFurtherRecords() {
        MetadataDelta delta = new MetadataDelta(MetadataImage.EMPTY);
        delta.apply(MetadataProvenance.EMPTY);
        assertThrows(IllegalStateException.class, () -> delta.replay(new NoOpRecord()));
    }

    @Test
    void aListenerSeesTheDeltaAndTheNewImage() {
        MetadataImage base = replay(MetadataImage.EMPTY, createFoo());
        List<String> seen = new ArrayList<>();
        MetadataListener listener = (delta, newImage) -> {
            TopicsDelta topics = delta.topicsDelta().orElseThrow();
            seen.add(topics.deletedTopicIds() + " " + newImage.topics().topicsById().keySet() + " " + delta.image().topics().topicsById().keySet());
        };

        MetadataDelta delta = new MetadataDelta(base);
        delta.replay(removeTopic(FOO));
        listener.onMetadataUpdate(delta, delta.apply(TestRecords.after(base.provenance(), 1)));

        assertEquals(List.of("[" + FOO + "] [] [" + FOO + "]"), seen);
    }
}
