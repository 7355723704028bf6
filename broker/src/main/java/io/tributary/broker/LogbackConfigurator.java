package io.tributary.broker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The broker's default logging, set up in code: Logback finds this class through
 * {@code META-INF/services/ch.qos.logback.classic.spi.Configurator} before it looks for an XML file.
 * It is the equivalent of
 *
 * <pre>{@code
 * <configuration>
 *   <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
 *     <encoder><pattern>%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
 *   </appender>
 *   <logger name="io.netty" level="WARN"/>
 *   <root level="INFO"><appender-ref ref="STDOUT"/></root>
 * </configuration>
 * }</pre>
 *
 * <p>Why not that file: parsing it (Joran) took about a quarter of a second of the broker's start-up;
 * and the pattern is written by {@link ConsoleLineEncoder}, not compiled by Logback, for the same reason.
 *
 * <p>A file still wins: with {@code -Dlogback.configurationFile=...} (how a user sets levels), or with a
 * {@code logback-test.xml} on the class path (the tests, and brokers they fork with the test class
 * path), this configurator steps aside and Logback reads the file as usual.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogbackConfigurator extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (configurationFileGiven()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configureConsole(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Whether Logback should read a file instead: one named by the system property, or a {@code logback-test.xml}. */
    static boolean configurationFileGiven() {
        return System.getProperty(ContextInitializer.CONFIG_FILE_PROPERTY) != null
                || LogbackConfigurator.class.getClassLoader().getResource(ContextInitializer.TEST_AUTOCONFIG_FILE) != null;
    }

    /** Sets up {@code context} as the XML in the class comment would. */
    static void configureConsole(LoggerContext context) {
        ConsoleLineEncoder encoder = new ConsoleLineEncoder();
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
        stdout.setContext(context);
        stdout.setName("STDOUT");
        stdout.setEncoder(encoder);
        stdout.start();
        context.getLogger("io.netty").setLevel(Level.WARN);
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stdout);
    }
}
