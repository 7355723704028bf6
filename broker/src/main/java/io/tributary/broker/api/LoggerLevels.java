package io.tributary.broker.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The broker's loggers and their effective levels, as DescribeConfigs reports a BROKER_LOGGER
 * resource (Kafka's {@code LoggingController.loggers}): every logger that exists, by name, and the
 * root logger as {@code root}; and changed by IncrementalAlterConfigs, which sets or unsets one
 * logger's level. Read from and written to Logback, the broker's logging backend; empty (and
 * unchangeable) when SLF4J is bound to another one. Levels are not persisted: a restart goes back to
 * the logging configuration, as in Kafka.
 *
 * <p>Stateless; Logback's loggers are safe to read and change from any thread.
 */
final class LoggerLevels {

    /** Kafka's name for the root logger. */
    static final String ROOT_LOGGER = "root";

    private LoggerLevels() {
    }

    /** Kafka's {@code LogLevelConfig.VALID_LOG_LEVELS}, sorted as Kafka prints them. */
    static final List<String> VALID_LEVELS = List.of("DEBUG", "ERROR", "FATAL", "INFO", "TRACE", "WARN");

    /** Whether a logger of this name (Kafka's name: {@code root} for the root logger) exists. */
    static boolean exists(String name) {
        return context().map(c -> c.exists(logbackName(name)) != null).orElse(false);
    }

    /**
     * Sets a logger's level; {@code level} is one of {@link #VALID_LEVELS} (Logback has no FATAL:
     * it becomes ERROR).
     */
    static void set(String name, String level) {
        Level logback = level.equals("FATAL") ? Level.ERROR : Level.toLevel(level);
        context().ifPresent(c -> c.getLogger(logbackName(name)).setLevel(logback));
    }

    /** Removes a logger's own level: it inherits its parent's again. Not for the root logger. */
    static void unset(String name) {
        context().ifPresent(c -> c.getLogger(logbackName(name)).setLevel(null));
    }

    private static String logbackName(String name) {
        return name.equals(ROOT_LOGGER) ? org.slf4j.Logger.ROOT_LOGGER_NAME : name;
    }

    private static Optional<LoggerContext> context() {
        return LoggerFactory.getILoggerFactory() instanceof LoggerContext context ? Optional.of(context) : Optional.empty();
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
