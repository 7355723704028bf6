package io.tributary.generator;

/** Builds simplified Java boolean expressions from the literals and comparisons {@link Versions} produces. */
final class Conditions {

    private Conditions() {
    }

    static String and(String a, String b) {
        if (a.equals("false") || b.equals("false")) {
            return "false";
        }
        if (a.equals("true")) {
            return b;
        }
        if (b.equals("true")) {
            return a;
        }
        return a + " && " + b;
    }

    static String not(String a) {
        return switch (a) {
            case "true" -> "false";
            case "false" -> "true";
            default -> "!(" + a + ")";
        };
    }
}
