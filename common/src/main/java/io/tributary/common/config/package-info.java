/**
 * Typed, documented configuration (STYLE habit 8): a {@link io.tributary.common.config.ConfigDef}
 * holds one {@link io.tributary.common.config.ConfigKey} per setting (name, type, default, validator,
 * importance and documentation side by side) and turns the strings of a properties file into a
 * {@link io.tributary.common.config.ParsedConfig}, or fails with a
 * {@link io.tributary.common.config.ConfigException} that names the key and the value.
 *
 * <p>Parsing follows Apache Kafka's {@code ConfigDef} so that a Kafka properties file means the same
 * thing here: values are trimmed, booleans are {@code true}/{@code false} in any case, lists are
 * comma-separated with the blanks around each comma removed, numbers must fit their type, and an
 * invalid value is reported as {@code Invalid value X for configuration KEY: reason}. Keys a
 * definition does not know are collected, not rejected, so the caller can warn about them.
 */
package io.tributary.common.config;
