package io.tributary.metadata.image;

import static io.tributary.metadata.image.TestRecords.featureLevel;
import static io.tributary.metadata.image.TestRecords.producerIds;
import static io.tributary.metadata.image.TestRecords.replay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FeaturesAndProducerIdsTest {

    @Test
    void featureLevelsAreFinalizedAndLevelZeroDisablesAFeature() {
        MetadataImage image = replay(MetadataImage.EMPTY, featureLevel("metadata.version", 27), featureLevel("transaction.version", 2));
        assertEquals(27, image.features().finalizedLevel(FeaturesImage.METADATA_VERSION));
        assertEquals(2, image.features().finalizedLevel("transaction.version"));

        image = replay(image, featureLevel("transaction.version", 0));
        assertEquals(Map.of("metadata.version", (short) 27), image.features().finalizedLevels());
        assertEquals(0, image.features().finalizedLevel("transaction.version"));
    }

    @Test
    void metadataVersionCannotBeDisabled() {
        MetadataDelta delta = new MetadataDelta(replay(MetadataImage.EMPTY, featureLevel("metadata.version", 27)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> delta.replay(featureLevel("metadata.version", 0)));
        assertEquals("FeatureLevelRecord sets feature metadata.version to impossible level 0", e.getMessage());
    }

    @Test
    void nextProducerIdAdvancesWithEveryBlock() {
        assertEquals(-1, MetadataImage.EMPTY.producerIds().nextProducerId());
        MetadataImage image = replay(MetadataImage.EMPTY, producerIds(1, 1000), producerIds(1, 2000));
        assertEquals(2000, image.producerIds().nextProducerId());
    }

    @Test
    void nextProducerIdNeverGoesBack() {
        MetadataDelta delta = new MetadataDelta(replay(MetadataImage.EMPTY, producerIds(1, 2000)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> delta.replay(producerIds(2, 1000)));
        assertEquals("ProducerIdsRecord for broker 2 moves the next producer id from 2000 back to 1000", e.getMessage());
    }
}
