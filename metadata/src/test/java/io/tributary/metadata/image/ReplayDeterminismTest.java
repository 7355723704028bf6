package io.tributary.metadata.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.metadata.ApiMessageAndVersion;
import io.tributary.metadata.MetadataRecordSerde;
import io.tributary.metadata.MetadataRecordType;
import io.tributary.protocol.ApiMessage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The image is a function of the records alone: not of how they are grouped into deltas (a broker
 * that catches up applies big deltas, one that keeps up small ones), not of a trip through the
 * serde (what a broker reads back from the log), and not of anything else. The logs come from
 * {@link RandomMetadataLog}.
 */
class ReplayDeterminismTest {

    private static final int RECORDS = 300;

    @Example
    void theRandomLogsUseEveryRecordType() {
        Set<MetadataRecordType> used = EnumSet.noneOf(MetadataRecordType.class);
        for (long seed = 0; seed < 5; seed++) {
            new RandomMetadataLog(seed).records(RECORDS).forEach(r -> used.add(MetadataRecordType.of(r)));
        }
        assertEquals(EnumSet.allOf(MetadataRecordType.class), used);
    }

    @Property(tries = 100)
    void replayingTheSameLogTwiceGivesEqualImages(@ForAll long seed) {
        List<ApiMessage> log = new RandomMetadataLog(seed).records(RECORDS);
        assertEquals(TestRecords.replay(MetadataImage.EMPTY, log), TestRecords.replay(MetadataImage.EMPTY, log));
    }

    @Property(tries = 100)
    void groupingRecordsIntoDeltasDoesNotChangeTheImage(@ForAll long seed) {
        List<ApiMessage> log = new RandomMetadataLog(seed).records(RECORDS);
        MetadataImage oneDelta = TestRecords.replay(MetadataImage.EMPTY, log);

        MetadataImage recordByRecord = MetadataImage.EMPTY;
        for (ApiMessage record : log) {
            recordByRecord = TestRecords.replay(recordByRecord, record);
        }
        assertEquals(oneDelta, recordByRecord);

        Random random = new Random(seed);
        MetadataImage randomBatches = MetadataImage.EMPTY;
        for (int from = 0; from < log.size(); ) {
            int to = Math.min(log.size(), from + 1 + random.nextInt(40));
            randomBatches = TestRecords.replay(randomBatches, log.subList(from, to));
            from = to;
        }
        assertEquals(oneDelta, randomBatches);
    }

    @Property(tries = 50)
    void recordsReadBackFromTheirBytesGiveTheSameImage(@ForAll long seed) {
        List<ApiMessage> log = new RandomMetadataLog(seed).records(RECORDS);
        List<ApiMessage> readBack = new ArrayList<>();
        for (ApiMessage record : log) {
            ApiMessageAndVersion written = new ApiMessageAndVersion(record, record.highestSupportedVersion());
            readBack.add(MetadataRecordSerde.read(MetadataRecordSerde.serialize(written)).message());
        }
        assertEquals(TestRecords.replay(MetadataImage.EMPTY, log), TestRecords.replay(MetadataImage.EMPTY, readBack));
    }
}
