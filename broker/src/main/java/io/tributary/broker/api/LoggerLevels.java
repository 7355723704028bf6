package io.tributary.broker.api;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The broker's loggers and their effective levels, as DescribeConfigs reports a BROKER_LOGGER
 * resource (Kafka's {@code LoggingController.loggers}): every logger that exists, by name, and the
 * root logger as {@code root}. Read from Logback, the broker's logging backend; empty when SLF4J is
 * bound to another one.
 *
 * <p>Stateless; Logback's logger list is safe to read from any thread.
 */
final class LoggerLevels {

    /** Kafka's name for the root logger. */
    static final String ROOT_LOGGER = "root";

    private LoggerLevels() {
    }

    /** Logger name to level name ({@code INFO}, {@code DEBUG}, ...), sorted by name. */
    static Map<String, String> current() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return Map.of();
        }
        Map<String, String> levels = new TreeMap<>();
        for (Logger logger : context.getLoggerList()) {
            String name = logger.getName().equals(org.slf4j.Logger.ROOT_LOGGER_NAME) ? ROOT_LOGGER : logger.getName();
            levels.put(name, logger.getEffectiveLevel().toString());
        }
        return Collections.unmodifiableMap(levels);
    }
}
