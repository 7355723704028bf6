package io.tributary.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Topic name rules and Kafka 4.3.1's messages for them ({@code Topic.validate}), word for word. */
class TopicNamesTest {

    @Test
    void legalNamesHaveNoReason() {
        assertNull(TopicNames.invalidReason("orders.v2_EU-west"));
        assertNull(TopicNames.invalidReason("x".repeat(TopicNames.MAX_LENGTH)));
        assertNull(TopicNames.invalidReason("..."));
    }

    @Test
    void eachRuleHasKafkasMessage() {
        assertEquals("Topic name is invalid: the empty string is not allowed", TopicNames.invalidReason(""));
        assertEquals("Topic name is invalid: '.' is not allowed", TopicNames.invalidReason("."));
        assertEquals("Topic name is invalid: '..' is not allowed", TopicNames.invalidReason(".."));
        String tooLong = "x".repeat(TopicNames.MAX_LENGTH + 1);
        assertEquals("Topic name is invalid: the length of '" + tooLong + "' is longer than the max allowed length 249",
                TopicNames.invalidReason(tooLong));
        assertEquals("Topic name is invalid: 'a/b' contains one or more characters other than ASCII alphanumerics, '.', '_'"
                + " and '-'", TopicNames.invalidReason("a/b"));
    }
}
