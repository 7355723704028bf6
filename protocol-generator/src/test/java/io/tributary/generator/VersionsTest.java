package io.tributary.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VersionsTest {

    private static final Versions VALID = Versions.parse("3-13", null);

    @Test
    void parsesEveryFormOfTheSchemaLanguage() {
        assertEquals(new Versions((short) 9, Versions.MAX), Versions.parse("9+", null));
        assertEquals(new Versions((short) 0, (short) 5), Versions.parse("0-5", null));
        assertEquals(new Versions((short) 3, (short) 3), Versions.parse("3", null));
        assertTrue(Versions.parse("none", null).isEmpty());
        assertEquals(Versions.ALL, Versions.parse(null, Versions.ALL));
    }

    @Test
    void conditionsAreSimplifiedAgainstTheValidVersions() {
        assertEquals("true", Versions.parse("0+", null).condition("v", VALID));
        assertEquals("false", Versions.parse("0-2", null).condition("v", VALID));
        assertEquals("false", Versions.NONE.condition("v", VALID));
        assertEquals("v >= 9", Versions.parse("9+", null).condition("v", VALID));
        assertEquals("v <= 8", Versions.parse("0-8", null).condition("v", VALID));
        assertEquals("(v >= 5 && v <= 8)", Versions.parse("5-8", null).condition("v", VALID));
        assertEquals("v == 7", Versions.parse("7", null).condition("v", VALID));
    }

    @Test
    void containsAllTreatsEmptyAsContained() {
        assertTrue(VALID.containsAll(Versions.NONE));
        assertFalse(Versions.NONE.containsAll(VALID));
        assertTrue(Versions.ALL.containsAll(VALID));
    }
}
