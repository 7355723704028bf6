package io.tributary.storage.cleaner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OffsetMapTest {

    private static ByteBuffer key(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPutKeyReturnsItsLatestOffsetAndAnUnknownKeyMinusOne() {
        OffsetMap map = new OffsetMap(24 * 100, 0.9);
        map.put(key("a"), 3);
        map.put(key("b"), 4);
        map.put(key("a"), 7);

        assertEquals(7, map.get(key("a")));
        assertEquals(4, map.get(key("b")));
        assertEquals(-1, map.get(key("c")));
        assertEquals(2, map.size());
        assertEquals(7, map.latestOffset());
    }

    @Test
    void capacityIsTheSlotsTimesTheLoadFactor() {
        assertEquals(90, new OffsetMap(24 * 100, 0.9).capacity());
        assertEquals(100, new OffsetMap(24 * 100 + 23, 1.0).capacity(), "a partial slot is not a slot");
    }

    @Test
    void aFullMapRefusesNewKeysButUpdatesKnownOnes() {
        OffsetMap map = new OffsetMap(24 * 10, 0.5);
        for (int i = 0; i < 5; i++) {
            map.put(key("k" + i), i);
        }
        map.put(key("k0"), 99);
        assertEquals(99, map.get(key("k0")));
        assertThrows(IllegalStateException.class, () -> map.put(key("new"), 100));
    }

    @Test
    void aLookupOfAnAbsentKeyInAFullMapReturnsMinusOne() {
        OffsetMap map = new OffsetMap(24 * 4, 1.0);
        for (int i = 0; i < map.capacity(); i++) {
            map.put(key("k" + i), i);
        }
        assertEquals(4, map.size(), "load factor 1.0 fills every slot");

        long absent = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> map.get(key("absent")));

        assertEquals(-1, absent);
        assertEquals(3, map.get(key("k3")));
    }

    @Test
    void aNewKeyInAFullMapIsRefused() {
        OffsetMap map = new OffsetMap(24 * 4, 1.0);
        for (int i = 0; i < map.capacity(); i++) {
            map.put(key("k" + i), i);
        }

        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(IllegalStateException.class, () -> map.put(key("new"), 100)));
    }

    @Test
    void manyKeysInAFullTableAllResolveDespiteCollisions() {
        OffsetMap map = new OffsetMap(24 * 1000, 1.0);
        for (int i = 0; i < 1000; i++) {
            map.put(key("key-" + i), i * 10L);
        }
        for (int i = 0; i < 1000; i++) {
            assertEquals(i * 10L, map.get(key("key-" + i)));
        }
    }

    @Test
    void clearEmptiesTheMap() {
        OffsetMap map = new OffsetMap(24 * 10, 0.9);
        map.put(key("a"), 1);
        map.clear();
        assertEquals(-1, map.get(key("a")));
        assertEquals(0, map.size());
        assertEquals(-1, map.latestOffset());
    }

    @Test
    void theKeysPositionIsNotMoved() {
        OffsetMap map = new OffsetMap(24 * 10, 0.9);
        ByteBuffer k = key("abc");
        map.put(k, 1);
        assertEquals(3, k.remaining());
    }
}
