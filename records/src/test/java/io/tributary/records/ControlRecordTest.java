package io.tributary.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Control record keys and transaction marker values match Kafka's encoding. */
class ControlRecordTest {

    @Test
    void controlRecordKeysAreKafkas() {
        assertEquals(org.apache.kafka.common.record.internal.ControlRecordType.COMMIT.recordKey(),
                ControlRecordType.COMMIT.recordKey());
        assertEquals(org.apache.kafka.common.record.internal.ControlRecordType.ABORT.recordKey(),
                ControlRecordType.ABORT.recordKey());
    }

    @Test
    void kafkasControlRecordKeysParseToTheirTypes() {
        assertEquals(ControlRecordType.COMMIT,
                ControlRecordType.parse(org.apache.kafka.common.record.internal.ControlRecordType.COMMIT.recordKey()));
        assertEquals(ControlRecordType.ABORT,
                ControlRecordType.parse(org.apache.kafka.common.record.internal.ControlRecordType.ABORT.recordKey()));
    }

    @Test
    void typesThisBrokerDoesNotKnowParseAsUnknown() {
        ByteBuffer leaderChange = org.apache.kafka.common.record.internal.ControlRecordType.LEADER_CHANGE.recordKey();

        assertEquals(ControlRecordType.UNKNOWN, ControlRecordType.parse(leaderChange));
    }

    @Test
    void endTransactionMarkerValueIsKafkas() {
        var kafka = new org.apache.kafka.common.record.internal.EndTransactionMarker(
                org.apache.kafka.common.record.internal.ControlRecordType.COMMIT, 123_456);

        assertEquals(kafka.serializeValue(), new EndTransactionMarker(ControlRecordType.COMMIT, 123_456).encodeValue());
    }

    @Test
    void shortOrNullControlKeysAreCorrupt() {
        assertThrows(CorruptRecordException.class, () -> ControlRecordType.parse(ByteBuffer.allocate(3)));
        assertThrows(CorruptRecordException.class, () -> ControlRecordType.parse(null));
        assertThrows(CorruptRecordException.class,
                () -> ControlRecordType.parse(ByteBuffer.allocate(4).putShort(0, (short) -1)));
    }

    @Test
    void markerWithAShortValueIsCorrupt() {
        RecordBatch batch = new RecordBatchBuilder().producer(1, (short) 0, -1).transactional(true)
                .appendControlRecord(1, ControlRecordType.COMMIT, ByteBuffer.allocate(5)).build().firstBatch();
        Record record = batch.records().toList().get(0);

        assertThrows(CorruptRecordException.class, () -> EndTransactionMarker.decode(record));
    }

    @Test
    void markerWithAHigherValueVersionIsReadForItsEpoch() {
        ByteBuffer value = ByteBuffer.allocate(10).putShort((short) 3).putInt(77).putInt(0).flip();
        RecordBatch batch = new RecordBatchBuilder().producer(1, (short) 0, -1).transactional(true)
                .appendControlRecord(1, ControlRecordType.ABORT, value).build().firstBatch();
        List<Record> records = batch.records().toList();

        assertEquals(new EndTransactionMarker(ControlRecordType.ABORT, 77), EndTransactionMarker.decode(records.get(0)));
    }

    @Test
    void onlyCommitAndAbortAreTransactionMarkers() {
        assertThrows(IllegalArgumentException.class, () -> new EndTransactionMarker(ControlRecordType.UNKNOWN, 0));
    }
}
