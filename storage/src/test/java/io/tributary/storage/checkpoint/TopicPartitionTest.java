package io.tributary.storage.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.storage.TopicPartition;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link TopicPartition}, the key of every offset checkpoint. (It lives in the storage root
 * package; its test sits here with its first user.)
 */
class TopicPartitionTest {

    @Test
    void toStringIsKafkasTopicDashPartition() {
        assertEquals("orders-3", new TopicPartition("orders", 3).toString());
    }

    @Test
    void parseSplitsAtTheLastDash() {
        assertEquals(new TopicPartition("my-topic-v2", 12), TopicPartition.parse("my-topic-v2-12"));
        assertEquals(new TopicPartition("__consumer_offsets", 49), TopicPartition.parse("__consumer_offsets-49"));
    }

    @Test
    void parseIsTheInverseOfToString() {
        TopicPartition partition = new TopicPartition("a.b-c_d", 2_147_483_647);
        assertEquals(partition, TopicPartition.parse(partition.toString()));
    }

    @Test
    void parseRejectsNamesWithoutATopicAndAPartitionAndNamesTheInput() {
        for (String name : List.of("orders", "-3", "orders-", "orders-x", "orders-+1", "orders-1.abc-delete", "orders-99999999999")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TopicPartition.parse(name), name);
            assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
        }
    }

    @Test
    void aNegativePartitionOrEmptyTopicIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new TopicPartition("t", -1));
        assertThrows(IllegalArgumentException.class, () -> new TopicPartition("", 0));
        assertThrows(NullPointerException.class, () -> new TopicPartition(null, 0));
    }

    @Test
    void partitionsOrderByTopicThenPartition() {
        List<TopicPartition> sorted = Stream.of(new TopicPartition("b", 0), new TopicPartition("a", 10), new TopicPartition("a", 2))
                .sorted().toList();
        assertEquals(List.of(new TopicPartition("a", 2), new TopicPartition("a", 10), new TopicPartition("b", 0)), sorted);
    }
}
