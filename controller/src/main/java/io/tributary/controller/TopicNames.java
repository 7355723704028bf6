package io.tributary.controller;

/**
 * Kafka's rules for topic names (its {@code Topic.validate}): 1 to 249 characters of ASCII
 * letters, digits, '.', '_' and '-', and neither "." nor "..".
 */
public final class TopicNames {

    public static final int MAX_LENGTH = 249;

    private TopicNames() {
    }

    /** Null if {@code name} is legal, else Kafka 4.3.1's message for why not. */
    public static String invalidReason(String name) {
        String reason = violatedRule(name);
        return reason == null ? null : "Topic name is invalid: " + reason;
    }

    private static String violatedRule(String name) {
        if (name == null || name.isEmpty()) {
            return "the empty string is not allowed";
        }
        if (name.equals(".")) {
            return "'.' is not allowed";
        }
        if (name.equals("..")) {
            return "'..' is not allowed";
        }
        if (name.length() > MAX_LENGTH) {
            return "the length of '" + name + "' is longer than the max allowed length " + MAX_LENGTH;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
            if (!legal) {
                return "'" + name + "' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'";
            }
        }
        return null;
    }

    /** Whether the name is internal to Kafka's coordinators. */
    public static boolean isInternal(String name) {
        return name.equals("__consumer_offsets") || name.equals("__transaction_state") || name.equals("__share_group_state");
    }
}
