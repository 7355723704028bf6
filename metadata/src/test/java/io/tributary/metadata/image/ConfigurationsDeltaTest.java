package io.tributary.metadata.image;

import static io.tributary.metadata.image.TestRecords.config;
import static io.tributary.metadata.image.TestRecords.partition;
import static io.tributary.metadata.image.TestRecords.removeTopic;
import static io.tributary.metadata.image.TestRecords.replay;
import static io.tributary.metadata.image.TestRecords.topic;
import static io.tributary.metadata.image.TestRecords.topicConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.protocol.Uuid;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigurationsDeltaTest {

    private static final Uuid FOO = new Uuid(1, 1);
    private static final Uuid FOO_AGAIN = new Uuid(3, 3);
    private static final ConfigResource FOO_TOPIC = ConfigResource.topic("foo");

    /** Topic foo as CreateTopics writes it: the topic, its configs, its partitions. */
    private static MetadataImage fooWithConfigs() {
        return replay(MetadataImage.EMPTY,
                topic("foo", FOO),
                topicConfig("foo", "cleanup.policy", "compact"),
                topicConfig("foo", "retention.ms", "1000"),
                partition(FOO, 0, 1));
    }

    @Test
    void topicConfigsAreKeptByResourceAndKey() {
        MetadataImage image = fooWithConfigs();

        assertEquals(Map.of("cleanup.policy", "compact", "retention.ms", "1000"), image.configs().configs(FOO_TOPIC));
        assertEquals(Optional.of("compact"), image.configs().value(FOO_TOPIC, "cleanup.policy"));
    }

    @Test
    void aLaterValueReplacesTheEarlierOne() {
        MetadataImage image = replay(fooWithConfigs(), topicConfig("foo", "retention.ms", "5000"));

        assertEquals(Optional.of("5000"), image.configs().value(FOO_TOPIC, "retention.ms"));
    }

    @Test
    void aNullValueDeletesTheKey() {
        MetadataImage image = replay(fooWithConfigs(), topicConfig("foo", "retention.ms", null));

        assertEquals(Map.of("cleanup.policy", "compact"), image.configs().configs(FOO_TOPIC));
    }

    @Test
    void deletingTheLastKeyRemovesTheResource() {
        MetadataImage image = replay(fooWithConfigs(),
                topicConfig("foo", "retention.ms", null),
                topicConfig("foo", "cleanup.policy", null));

        assertTrue(image.configs().isEmpty());
        assertEquals(Map.of(), image.configs().configs(FOO_TOPIC));
    }

    @Test
    void deletingAKeyThatIsNotSetChangesNothing() {
        MetadataImage image = replay(fooWithConfigs(), topicConfig("foo", "segment.bytes", null));

        assertEquals(fooWithConfigs().configs(), image.configs());
    }

    @Test
    void removingATopicRemovesItsConfigs() {
        MetadataDelta delta = new MetadataDelta(fooWithConfigs());
        delta.replay(removeTopic(FOO));

        assertEquals(Set.of(FOO_TOPIC), delta.configsDelta().orElseThrow().changedResources());
        assertTrue(delta.apply(MetadataProvenance.EMPTY).configs().isEmpty());
    }

    @Test
    void aTopicRecreatedUnderTheSameNameStartsWithoutTheOldConfigs() {
        MetadataImage image = replay(fooWithConfigs(),
                removeTopic(FOO),
                topic("foo", FOO_AGAIN),
                topicConfig("foo", "retention.ms", "7"));

        assertEquals(Map.of("retention.ms", "7"), image.configs().configs(FOO_TOPIC));
    }

    @Test
    void brokerConfigsAndTheClusterWideDefaultAreSeparateResources() {
        MetadataImage image = replay(MetadataImage.EMPTY,
                config(ConfigResource.Type.BROKER, "", "log.retention.ms", "100"),
                config(ConfigResource.Type.BROKER, "1", "log.retention.ms", "200"));

        assertEquals(Optional.of("100"), image.configs().value(ConfigResource.brokerDefault(), "log.retention.ms"));
        assertEquals(Optional.of("200"), image.configs().value(ConfigResource.broker(1), "log.retention.ms"));
        assertFalse(image.configs().value(ConfigResource.broker(2), "log.retention.ms").isPresent());
    }

    @Test
    void configOfAnUnknownTopicIsImpossible() {
        MetadataDelta delta = new MetadataDelta(MetadataImage.EMPTY);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> delta.replay(topicConfig("foo", "retention.ms", "1")));
        assertEquals("ConfigRecord retention.ms for unknown topic foo", e.getMessage());
    }

    @Test
    void unknownResourceTypeIsImpossible() {
        MetadataDelta delta = new MetadataDelta(MetadataImage.EMPTY);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> delta.replay(TestRecords.topicConfig("foo", "k", "v").setResourceType((byte) 3)));
        assertEquals("unknown config resource type 3", e.getMessage());
    }
}
