package io.tributary.broker;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.Charset;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * Encodes an event as the pattern {@value LogbackConfigurator#PATTERN} does, byte for byte
 * ({@code LogbackConfiguratorTest} compares the two), without compiling that pattern: Logback's
 * pattern machinery took a third of the broker's logging set-up at start-up. A stack trace is
 * written by Logback's own converter, as the pattern layout appends it.
 *
 * <p>Thread safety: {@link #encode} may be called from any thread (the appender serialises writes).
 */
final class ConsoleLineEncoder extends EncoderBase<ILoggingEvent> {

    private static final int LOGGER_NAME_LENGTH = 36;

    private final TargetLengthBasedClassNameAbbreviator abbreviator = new TargetLengthBasedClassNameAbbreviator(LOGGER_NAME_LENGTH);
    private final ThrowableProxyConverter throwables = new ThrowableProxyConverter();
    private final ZoneId zone = ZoneId.systemDefault();

    @Override
    public void start() {
        throwables.setContext(getContext());
        throwables.start();
        super.start();
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128);
        appendTimestamp(line, event.getTimeStamp());
        line.append(' ');
        String level = event.getLevel().toString();
        line.append(level);
        for (int i = level.length(); i < 5; i++) {
            line.append(' ');
        }
        line.append(" [").append(event.getThreadName()).append("] ");
        String logger = event.getLoggerName();
        line.append(logger == null ? "" : abbreviator.abbreviate(logger));
        line.append(" - ").append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
        if (event.getThrowableProxy() != null) {
            line.append(throwables.convert(event));
        }
        // The platform's charset, as Logback's pattern encoder uses when none is configured.
        return line.toString().getBytes(Charset.defaultCharset());
    }

    /** {@code yyyy-MM-dd HH:mm:ss.SSS} in the JVM's time zone. */
    private void appendTimestamp(StringBuilder line, long epochMs) {
        LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMs), zone);
        pad(line, t.getYear(), 4).append('-');
        pad(line, t.getMonthValue(), 2).append('-');
        pad(line, t.getDayOfMonth(), 2).append(' ');
        pad(line, t.getHour(), 2).append(':');
        pad(line, t.getMinute(), 2).append(':');
        pad(line, t.getSecond(), 2).append('.');
        pad(line, t.getNano() / 1_000_000, 3);
    }

    private static StringBuilder pad(StringBuilder line, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            line.append('0');
        }
        return line.append(digits);
    }
}
