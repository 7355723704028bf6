package io.tributary.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class LogbackConfiguratorTest {

    @Test
    void configuresStdoutWithThePatternAtInfoAndNettyAtWarn() {
        LoggerContext context = new LoggerContext();
        LogbackConfigurator.configureConsole(context);

        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.INFO, root.getLevel());
        assertEquals(Level.WARN, context.getLogger("io.netty").getLevel());
        assertEquals(Level.INFO, context.getLogger("io.tributary.storage.LogManager").getEffectiveLevel());
        ConsoleAppender<?> stdout = assertInstanceOf(ConsoleAppender.class, root.getAppender("STDOUT"));
        assertTrue(stdout.isStarted());
        assertInstanceOf(ConsoleLineEncoder.class, stdout.getEncoder());
        assertEquals("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n", LogbackConfigurator.PATTERN);
    }

    @Test
    void linesAreThoseOfThePattern() {
        LoggerContext context = new LoggerContext();
        PatternLayoutEncoder pattern = new PatternLayoutEncoder();
        pattern.setContext(context);
        pattern.setPattern(LogbackConfigurator.PATTERN);
        pattern.start();
        ConsoleLineEncoder lines = new ConsoleLineEncoder();
        lines.setContext(context);
        lines.start();
        Exception cause = new IllegalStateException("disk gone");
        Exception failure = new java.io.IOException("segment 00000000000000000042.log: CRC mismatch at position 8191", cause);
        failure.addSuppressed(new RuntimeException("while closing"));
        List<LoggingEvent> events = List.of(
                event(context, "io.tributary.storage.LogManager", Level.INFO, "no logs in {}", null, "/tmp/data"),
                event(context, "io.tributary.broker.api.very.deep.packages.DescribeConfigsHandler", Level.WARN, "Unknown configuration '{}'", null, "x"),
                event(context, "Short", Level.ERROR, "failed", failure),
                event(context, org.slf4j.Logger.ROOT_LOGGER_NAME, Level.DEBUG, "débogage ünicode", null),
                event(context, "io.tributary.network.NetworkServer", Level.TRACE, "{} and {}", null, 1, 2));
        for (LoggingEvent e : events) {
            assertEquals(new String(pattern.encode(e)), new String(lines.encode(e)));
        }
    }

    private static LoggingEvent event(LoggerContext context, String logger, Level level, String message, Throwable t, Object... args) {
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), context.getLogger(logger), level, message, t, args);
        event.setTimeStamp(1_700_000_000_123L);
        return event;
    }

    @Test
    void stepsAsideWhenALogbackTestXmlIsOnTheClassPath() {
        // The test class path has logback-test.xml: the tests' own logging must keep working.
        LoggerContext context = new LoggerContext();
        LogbackConfigurator configurator = new LogbackConfigurator();
        configurator.setContext(context);

        assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, configurator.configure(context));
        assertNull(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDOUT"));
    }

    @Test
    void isRegisteredAsALogbackServiceProvider() throws IOException {
        String resource = "META-INF/services/" + ch.qos.logback.classic.spi.Configurator.class.getName();
        try (InputStream in = LogbackConfigurator.class.getClassLoader().getResourceAsStream(resource)) {
            assertEquals(LogbackConfigurator.class.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        }
        assertTrue(ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class).stream()
                .anyMatch(p -> p.type() == LogbackConfigurator.class));
    }
}
