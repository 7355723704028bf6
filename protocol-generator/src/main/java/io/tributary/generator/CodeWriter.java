package io.tributary.generator;

/** Accumulates Java source with four-space indentation. */
final class CodeWriter {

    private final StringBuilder out = new StringBuilder(16 * 1024);
    private int depth;

    CodeWriter line(String text) {
        if (!text.isEmpty()) {
            out.append("    ".repeat(depth)).append(text);
        }
        out.append('\n');
        return this;
    }

    CodeWriter blank() {
        return line("");
    }

    /** Writes {@code header + " {"} and indents. */
    CodeWriter open(String header) {
        line(header.isEmpty() ? "{" : header + " {");
        depth++;
        return this;
    }

    /** Closes a block opened with {@link #open}, writing {@code "}" + suffix}. */
    CodeWriter close(String suffix) {
        depth--;
        return line("}" + suffix);
    }

    CodeWriter close() {
        return close("");
    }

    /** Closes the current block and opens another on the same line, e.g. {@code "} else {"}. */
    CodeWriter reopen(String header) {
        depth--;
        line("} " + header + " {");
        depth++;
        return this;
    }

    /**
     * Opens {@code if (condition)} unless the condition is the literal {@code true}; returns whether a
     * block was opened, to pass to {@link #closeIf}. A literal {@code false} condition must be
     * handled by the caller.
     */
    boolean openIf(String condition) {
        if (condition.equals("true")) {
            return false;
        }
        open("if (" + condition + ")");
        return true;
    }

    void closeIf(boolean opened) {
        if (opened) {
            close();
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
