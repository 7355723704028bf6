package io.tributary.generator;

/**
 * An inclusive range of message versions as written in the schemas: {@code "3"}, {@code "0-5"},
 * {@code "9+"} or {@code "none"}.
 */
public record Versions(short lowest, short highest) {

    static final short MAX = Short.MAX_VALUE;
    static final Versions NONE = new Versions((short) 1, (short) 0);
    static final Versions ALL = new Versions((short) 0, MAX);

    public static Versions parse(String text, Versions ifAbsent) {
        if (text == null) {
            return ifAbsent;
        }
        String s = text.trim();
        if (s.equals("none")) {
            return NONE;
        }
        if (s.endsWith("+")) {
            return new Versions(Short.parseShort(s.substring(0, s.length() - 1)), MAX);
        }
        int dash = s.indexOf('-');
        if (dash > 0) {
            return new Versions(Short.parseShort(s.substring(0, dash)), Short.parseShort(s.substring(dash + 1)));
        }
        short v = Short.parseShort(s);
        return new Versions(v, v);
    }

    public boolean isEmpty() {
        return lowest > highest;
    }

    public boolean contains(int version) {
        return version >= lowest && version <= highest;
    }

    boolean containsAll(Versions other) {
        return other.isEmpty() || (!isEmpty() && lowest <= other.lowest && highest >= other.highest);
    }

    Versions intersect(Versions other) {
        short lo = (short) Math.max(lowest, other.lowest);
        short hi = (short) Math.min(highest, other.highest);
        return lo > hi ? NONE : new Versions(lo, hi);
    }

    /**
     * A Java boolean expression over {@code variable} that is true for versions in this range,
     * simplified for versions that can occur at all ({@code valid}): {@code "true"}, {@code "false"}
     * or a comparison.
     */
    String condition(String variable, Versions valid) {
        Versions effective = intersect(valid);
        if (effective.isEmpty()) {
            return "false";
        }
        if (effective.equals(valid)) {
            return "true";
        }
        boolean checkLow = effective.lowest > valid.lowest;
        boolean checkHigh = effective.highest < valid.highest;
        if (checkLow && checkHigh) {
            return effective.lowest == effective.highest
                    ? variable + " == " + effective.lowest
                    : "(" + variable + " >= " + effective.lowest + " && " + variable + " <= " + effective.highest + ")";
        }
        return checkLow ? variable + " >= " + effective.lowest : variable + " <= " + effective.highest;
    }

    @Override
    public String toString() {
        if (isEmpty()) {
            return "none";
        }
        if (highest == MAX) {
            return lowest + "+";
        }
        return lowest == highest ? Short.toString(lowest) : lowest + "-" + highest;
    }
}
