package io.tributary.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigTypeTest {

    @Test
    void numbersAreTrimmed() {
        assertEquals(7, ConfigType.INT.parse("k", " 7 "));
        assertEquals(7L, ConfigType.LONG.parse("k", "\t7\n"));
        assertEquals((short) 7, ConfigType.SHORT.parse("k", "7 "));
        assertEquals(0.25, ConfigType.DOUBLE.parse("k", " 0.25"));
    }

    @Test
    void booleansIgnoreCaseAndBlanks() {
        assertEquals(true, ConfigType.BOOLEAN.parse("k", " TRUE "));
        assertEquals(false, ConfigType.BOOLEAN.parse("k", "False"));
    }

    @Test
    void aBooleanOtherThanTrueOrFalseIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigType.BOOLEAN.parse("k", "yes"));
        assertEquals("Invalid value yes for configuration k: Expected value to be either true or false", e.getMessage());
        assertEquals("k", e.name());
        assertEquals("yes", e.value());
    }

    @Test
    void anIntThatOverflowsIsNotANumberOfTypeInt() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigType.INT.parse("k", "99999999999"));
        assertEquals("Invalid value 99999999999 for configuration k: Not a number of type INT", e.getMessage());
    }

    @Test
    void aShortOutOfRangeIsNotANumberOfTypeShort() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigType.SHORT.parse("k", "40000"));
        assertEquals("Invalid value 40000 for configuration k: Not a number of type SHORT", e.getMessage());
    }

    @Test
    void emptyTextIsNotANumber() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigType.LONG.parse("k", ""));
        assertEquals("Invalid value  for configuration k: Not a number of type LONG", e.getMessage());
    }

    @Test
    void aListIsSplitAtCommasWithTheBlanksAroundThemRemoved() {
        assertEquals(List.of("a", "b c", "d"), ConfigType.LIST.parse("k", " a , b c,d "));
    }

    @Test
    void blankTextIsTheEmptyList() {
        assertEquals(List.of(), ConfigType.LIST.parse("k", "   "));
    }

    @Test
    void emptyListElementsAreKeptForTheValidatorToJudge() {
        assertEquals(List.of("a", "", "b", ""), ConfigType.LIST.parse("k", "a,,b,"));
    }

    @Test
    void stringsAreTrimmedButPasswordsAreNot() {
        assertEquals("x", ConfigType.STRING.parse("k", " x "));
        assertEquals(" secret ", ((Password) ConfigType.PASSWORD.parse("k", " secret ")).value());
    }

    @Test
    void onlyPasswordsAreSensitive() {
        for (ConfigType type : ConfigType.values()) {
            assertEquals(type == ConfigType.PASSWORD, type.isSensitive(), type.name());
        }
    }

    @Test
    void wireIdsAreKafkas() {
        assertEquals(1, ConfigType.BOOLEAN.id());
        assertEquals(2, ConfigType.STRING.id());
        assertEquals(3, ConfigType.INT.id());
        assertEquals(4, ConfigType.SHORT.id());
        assertEquals(5, ConfigType.LONG.id());
        assertEquals(6, ConfigType.DOUBLE.id());
        assertEquals(7, ConfigType.LIST.id());
        assertEquals(9, ConfigType.PASSWORD.id());
    }
}
