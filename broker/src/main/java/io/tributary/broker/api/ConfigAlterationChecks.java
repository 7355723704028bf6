package io.tributary.broker.api;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.config.BrokerConfigs;
import io.tributary.broker.config.DynamicBrokerConfig;
import io.tributary.common.config.ConfigException;
import io.tributary.common.config.ConfigKey;
import io.tributary.common.config.ConfigType;
import io.tributary.controller.ApiError;
import io.tributary.controller.ConfigControl;
import io.tributary.controller.ConfigControl.Op;
import io.tributary.controller.ConfigControl.OpType;
import io.tributary.metadata.image.ConfigResource;
import io.tributary.metadata.image.ConfigurationsImage;
import io.tributary.protocol.Errors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the broker checks of AlterConfigs and IncrementalAlterConfigs before the controller sees
 * them, with the messages of Kafka 4.3.1's {@code ConfigAdminManager} and {@code RuntimeLoggerManager}
 * (checked against a running Kafka): resources named twice, a setting named twice, null values,
 * broker ids, which broker settings may change dynamically, and the BROKER_LOGGER resource, which
 * the broker applies itself and never persists.
 *
 * <p>Immutable; thread-safe.
 */
final class ConfigAlterationChecks {

    static final byte TOPIC = ConfigResource.Type.TOPIC.id();
    static final byte BROKER = ConfigResource.Type.BROKER.id();
    static final byte BROKER_LOGGER = 8;
    static final byte CLIENT_METRICS = ConfigResource.Type.CLIENT_METRICS.id();
    static final byte GROUP = ConfigResource.Type.GROUP.id();

    private final BrokerConfig brokerConfig;

    ConfigAlterationChecks(BrokerConfig brokerConfig) {
        this.brokerConfig = brokerConfig;
    }

    /** A resource as a request names it. */
    record ResourceKey(byte type, String name) {
    }

    /** The resources a request names more than once: each of their entries fails. */
    static Set<ResourceKey> duplicates(List<ResourceKey> resources) {
        Map<ResourceKey, Integer> counts = new HashMap<>();
        resources.forEach(r -> counts.merge(r, 1, Integer::sum));
        Set<ResourceKey> duplicates = new HashSet<>();
        counts.forEach((r, n) -> {
            if (n > 1) {
                duplicates.add(r);
            }
        });
        return duplicates;
    }

    static ApiError duplicateResource() {
        return new ApiError(Errors.INVALID_REQUEST, "Each resource must appear at most once.");
    }

    /**
     * Kafka's checks of one resource's entries, in its order: a setting named twice, then null values
     * (where {@code nullAllowed} is false). Null if neither.
     */
    static ApiError invalidEntries(List<String> names, List<Boolean> nullNotAllowed) {
        if (new HashSet<>(names).size() != names.size()) {
            return new ApiError(Errors.INVALID_REQUEST, "Error due to duplicate config keys");
        }
        List<String> nulls = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (nullNotAllowed.get(i)) {
                nulls.add(names.get(i));
            }
        }
        return nulls.isEmpty() ? null : new ApiError(Errors.INVALID_REQUEST, "Null value not supported for : " + String.join(",", nulls));
    }

    /** Null if {@code name} is this broker's id in decimal, else Kafka's error for a BROKER resource. */
    ApiError invalidBrokerId(String name) {
        return invalidNodeId(name, "Unexpected broker id, expected " + brokerConfig.nodeId() + ", but received " + name);
    }

    /** Null if {@code name} is this broker's id in decimal, else Kafka's error for a BROKER_LOGGER resource. */
    ApiError invalidLoggerNodeId(String name) {
        return invalidNodeId(name, "Unexpected node id. Expected " + brokerConfig.nodeId() + ", but received " + name);
    }

    private ApiError invalidNodeId(String name, String unexpected) {
        int id;
        try {
            id = Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return new ApiError(Errors.INVALID_REQUEST, "Node id must be an integer, but it is: " + name);
        }
        return id == brokerConfig.nodeId() ? null : new ApiError(Errors.INVALID_REQUEST, unexpected);
    }

    /**
     * Applies {@code ops} to a BROKER resource's current dynamic configs and checks the result
     * ({@link DynamicBrokerConfig#validate}). Null if valid.
     */
    ApiError invalidBrokerAlteration(String name, List<Op> ops, ConfigurationsImage configs) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, name);
        Map<String, String> updated = new LinkedHashMap<>(configs.configs(resource));
        for (Op op : ops) {
            switch (op.type()) {
                case SET -> updated.put(op.name(), op.value());
                case DELETE -> updated.remove(op.name());
                default -> {
                    ConfigKey key = BrokerConfigs.CONFIG_DEF.key(op.name()).orElse(null);
                    if (key == null || key.type() != ConfigType.LIST) {
                        return new ApiError(Errors.INVALID_CONFIG, "Config value " + op.type().name().toLowerCase()
                                + " is not allowed for config key: " + op.name());
                    }
                    String base = updated.containsKey(op.name()) ? updated.get(op.name())
                            : String.join(",", ((List<?>) key.defaultValue()).stream().map(String::valueOf).toList());
                    updated.put(op.name(), ConfigControl.listAfter(base, op));
                }
            }
        }
        return invalidBrokerConfigs(name, updated, configs);
    }

    /** Checks the complete dynamic configs a BROKER resource would have. Null if valid. */
    ApiError invalidBrokerConfigs(String name, Map<String, String> resourceConfigs, ConfigurationsImage configs) {
        try {
            DynamicBrokerConfig.validate(resourceConfigs, !name.isEmpty(), brokerConfig, configs);
            return null;
        } catch (ConfigException e) {
            // Kafka answers INVALID_REQUEST here, not INVALID_CONFIG (see KAFKA-13609).
            return new ApiError(Errors.INVALID_REQUEST, e.getMessage());
        }
    }

    /** Checks every logger operation (Kafka's {@code validateLogLevelConfigs}). Null if all are valid. */
    static ApiError invalidLoggerOps(List<String> names, List<Byte> opIds, List<String> values) {
        for (int i = 0; i < names.size(); i++) {
            String logger = names.get(i);
            OpType type = OpType.forId(opIds.get(i));
            if (type == null) {
                return new ApiError(Errors.INVALID_REQUEST, "Unknown operation type " + opIds.get(i)
                        + " is not allowed for the BROKER_LOGGER resource");
            }
            switch (type) {
                case SET -> {
                    if (!LoggerLevels.exists(logger)) {
                        return new ApiError(Errors.INVALID_CONFIG, "Logger " + logger + " does not exist!");
                    }
                    if (!LoggerLevels.VALID_LEVELS.contains(values.get(i))) {
                        return new ApiError(Errors.INVALID_CONFIG, "Cannot set the log level of " + logger + " to "
                                + values.get(i) + " as it is not a supported log level. Valid log levels are "
                                + String.join(", ", LoggerLevels.VALID_LEVELS));
                    }
                }
                case DELETE -> {
                    if (!LoggerLevels.exists(logger)) {
                        return new ApiError(Errors.INVALID_CONFIG, "Logger " + logger + " does not exist!");
                    }
                    if (logger.equals(LoggerLevels.ROOT_LOGGER)) {
                        return new ApiError(Errors.INVALID_REQUEST, "Removing the log level of the root logger is not allowed");
                    }
                }
                default -> {
                    return new ApiError(Errors.INVALID_REQUEST, type + " operation is not allowed for the BROKER_LOGGER resource");
                }
            }
        }
        return null;
    }

    /** Applies logger operations that {@link #invalidLoggerOps} accepted. */
    static void applyLoggerOps(List<String> names, List<Byte> opIds, List<String> values) {
        for (int i = 0; i < names.size(); i++) {
            if (OpType.forId(opIds.get(i)) == OpType.SET) {
                LoggerLevels.set(names.get(i), values.get(i));
            } else {
                LoggerLevels.unset(names.get(i));
            }
        }
    }

    /** INVALID_REQUEST for resource types Kafka alters but Tributary has no configs for. */
    static ApiError unsupportedType(byte type) {
        String label = type == CLIENT_METRICS ? "CLIENT_METRICS" : "GROUP";
        return new ApiError(Errors.INVALID_REQUEST, "Unsupported resource type: " + label);
    }

    static ApiError unknownType(byte type) {
        return new ApiError(Errors.INVALID_REQUEST, "Unknown resource type " + type);
    }
}
