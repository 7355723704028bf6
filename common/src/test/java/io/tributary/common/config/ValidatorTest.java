package io.tributary.common.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValidatorTest {

    private static String message(Validator validator, Object value) {
        return assertThrows(ConfigException.class, () -> validator.ensureValid("k", value)).getMessage();
    }

    @Test
    void atLeastNamesTheMinimum() {
        assertEquals("Invalid value 0 for configuration k: Value must be at least 1", message(Validator.atLeast(1), 0));
        assertDoesNotThrow(() -> Validator.atLeast(1).ensureValid("k", 1));
    }

    @Test
    void betweenNamesTheMaximum() {
        assertEquals("Invalid value 2.0 for configuration k: Value must be no more than 1",
                message(Validator.between(0, 1), 2.0));
        assertDoesNotThrow(() -> Validator.between(0, 1).ensureValid("k", 0.5));
    }

    @Test
    void rangeComparesLongsExactly() {
        Validator max = Validator.between(0L, Long.MAX_VALUE - 1);
        assertEquals("Invalid value 9223372036854775807 for configuration k: Value must be no more than 9223372036854775806",
                message(max, Long.MAX_VALUE));
    }

    @Test
    void inListsTheValidStrings() {
        assertEquals("Invalid value LZ4 for configuration k: String must be one of: lz4, zstd",
                message(Validator.in("lz4", "zstd"), "LZ4"));
    }

    @Test
    void listNamesTheElementThatIsNotValid() {
        assertEquals("Invalid value foo for configuration k: String must be one of: compact, delete",
                message(Validator.list(true, "compact", "delete"), List.of("delete", "foo")));
    }

    @Test
    void listRefusesEmptyElements() {
        assertEquals("Invalid value a,,b for configuration k: List must not contain empty values",
                message(Validator.list(false), List.of("a", "", "b")));
    }

    @Test
    void listRefusesEmptyListUnlessAllowed() {
        assertEquals("Invalid value  for configuration k: List must not be empty", message(Validator.list(false), List.of()));
        assertDoesNotThrow(() -> Validator.list(true, "a").ensureValid("k", List.of()));
    }

    @Test
    void nonEmptyStringRefusesBlank() {
        assertEquals("Invalid value  for configuration k: String must be non-empty", message(Validator.nonEmptyString(), ""));
    }

    @Test
    void descriptionsFollowKafka() {
        assertEquals("[1,...]", Validator.atLeast(1).toString());
        assertEquals("[1,...,17]", Validator.between(1, 17).toString());
        assertEquals("[CreateTime, LogAppendTime]", Validator.in("CreateTime", "LogAppendTime").toString());
        assertEquals("my rule", Validator.custom("my rule", (name, value) -> { }).toString());
    }
}
