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
import ch.qos.logback.core.ConsoleAppender;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
        PatternLayoutEncoder encoder = assertInstanceOf(PatternLayoutEncoder.class, stdout.getEncoder());
        assertEquals("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n", encoder.getPattern());
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
