package io.tributary.controller;

import io.tributary.controller.Controller.Result;
import io.tributary.metadata.image.ConfigResource;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.ConfigRecord;
import io.tributary.protocol.ApiMessage;
import io.tributary.protocol.Errors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Config alterations of the controller (IncrementalAlterConfigs, AlterConfigs) for topics and
 * brokers, with the checks and errors of Kafka 4.3.1's {@code ConfigurationControlManager}: pure
 * functions from the current image and the requested changes to {@link ConfigRecord}s (a null value
 * deletes a setting) and one result per resource. Run on the controller thread through
 * {@link Controller#submit}; the records of all resources are committed as one batch.
 *
 * <p>The broker checks what Kafka checks on the broker before it forwards a request (duplicate
 * resources, null values, broker ids, which broker settings may change dynamically); this class
 * does the rest:
 *
 * <ul>
 *   <li>APPEND and SUBTRACT only on LIST settings (INVALID_CONFIG); they start from the setting's
 *       current value, or its default when the resource does not set it.</li>
 *   <li>A topic's resulting configs are checked as a whole ({@link ConfigSchema#invalidTopicConfigs},
 *       INVALID_CONFIG), before whether the topic exists (UNKNOWN_TOPIC_OR_PARTITION), as Kafka does.</li>
 *   <li>A broker resource is "" (the cluster-wide default) or the id of a registered broker.</li>
 *   <li>A topic setting whose value does not change writes no record; a broker setting always
 *       does, so that brokers reload it (as Kafka, KAFKA-14136).</li>
 * </ul>
 *
 * <p>Stateless apart from the schema; thread-safe.
 */
public final class ConfigControl {

    /** Kafka refuses longer values: a ConfigRecord's value must fit its string encoding. */
    static final int MAX_VALUE_LENGTH = Short.MAX_VALUE;

    private final ConfigSchema schema;

    public ConfigControl(ConfigSchema schema) {
        this.schema = schema;
    }

    /** Kafka's {@code AlterConfigOp.OpType}, with its wire ids. */
    public enum OpType {
        SET((byte) 0), DELETE((byte) 1), APPEND((byte) 2), SUBTRACT((byte) 3);

        private final byte id;

        OpType(byte id) {
            this.id = id;
        }

        public byte id() {
            return id;
        }

        /** The operation with this id, or null for an unknown one. */
        public static OpType forId(byte id) {
            return Arrays.stream(values()).filter(t -> t.id == id).findFirst().orElse(null);
        }
    }

    /** One change to one setting; {@code value} is null for DELETE. */
    public record Op(String name, OpType type, String value) {
    }

    /** The changes to one resource, applied in order. */
    public record Alteration(ConfigResource resource, List<Op> ops) {
    }

    /** The complete new configs of one resource (legacy AlterConfigs): every other setting is deleted. */
    public record Replacement(ConfigResource resource, Map<String, String> configs) {
    }

    /**
     * IncrementalAlterConfigs: applies each resource's operations to its current configs.
     *
     * @return the records (none when {@code validateOnly}) and one result per alteration, in order
     */
    public Result<List<ApiError>> incrementalAlterConfigs(MetadataImage image, List<Alteration> alterations, boolean validateOnly) {
        List<ApiMessage> records = new ArrayList<>();
        List<ApiError> results = new ArrayList<>();
        for (Alteration alteration : alterations) {
            results.add(alter(image, alteration, records));
        }
        return new Result<>(validateOnly ? List.of() : records, results);
    }

    /**
     * AlterConfigs: replaces each resource's configs with the given ones, deleting the settings it
     * does not name.
     *
     * @return the records (none when {@code validateOnly}) and one result per replacement, in order
     */
    public Result<List<ApiError>> legacyAlterConfigs(MetadataImage image, List<Replacement> replacements, boolean validateOnly) {
        List<Alteration> alterations = new ArrayList<>();
        for (Replacement replacement : replacements) {
            List<Op> ops = new ArrayList<>();
            replacement.configs().forEach((name, value) -> ops.add(new Op(name, OpType.SET, value)));
            for (String existing : image.configs().configs(replacement.resource()).keySet()) {
                if (!replacement.configs().containsKey(existing)) {
                    ops.add(new Op(existing, OpType.DELETE, null));
                }
            }
            alterations.add(new Alteration(replacement.resource(), ops));
        }
        return incrementalAlterConfigs(image, alterations, validateOnly);
    }

    /** Adds the records of one resource to {@code records} if all its changes are valid. */
    private ApiError alter(MetadataImage image, Alteration alteration, List<ApiMessage> records) {
        ConfigResource resource = alteration.resource();
        Map<String, String> current = image.configs().configs(resource);
        Map<String, String> updated = new LinkedHashMap<>(current);
        List<ApiMessage> resourceRecords = new ArrayList<>();
        for (Op op : alteration.ops()) {
            String value;
            switch (op.type()) {
                case SET -> value = op.value();
                case DELETE -> value = null;
                default -> {
                    if (!schema.isList(resource.type(), op.name())) {
                        return new ApiError(Errors.INVALID_CONFIG, "Can't " + op.type() + " to key " + op.name()
                                + " because its type is not LIST.");
                    }
                    String base = updated.containsKey(op.name()) ? updated.get(op.name())
                            : schema.defaultValue(resource.type(), op.name());
                    value = listAfter(base, op);
                }
            }
            if (value != null && value.length() > MAX_VALUE_LENGTH) {
                return new ApiError(Errors.INVALID_CONFIG, "The configuration value cannot be added because it exceeds"
                        + " the maximum value size of " + MAX_VALUE_LENGTH + " bytes.");
            }
            if (!Objects.equals(current.get(op.name()), value) || resource.type() == ConfigResource.Type.BROKER) {
                resourceRecords.add(new ConfigRecord().setResourceType(resource.type().id()).setResourceName(resource.name())
                        .setName(op.name()).setValue(value));
            }
            if (value == null) {
                updated.remove(op.name());
            } else {
                updated.put(op.name(), value);
            }
        }
        ApiError invalid = resource.type() == ConfigResource.Type.TOPIC ? validateTopic(image, resource.name(), updated)
                : validateBroker(image, resource.name());
        if (invalid.isFailure()) {
            return invalid;
        }
        records.addAll(resourceRecords);
        return ApiError.NONE;
    }

    /**
     * A list setting after an APPEND (adds the values not yet in the list) or a SUBTRACT (removes
     * them), both keeping the list's order; {@code base} is the current value, comma-separated, or null.
     */
    public static String listAfter(String base, Op op) {
        List<String> values = new ArrayList<>();
        if (base != null && !base.isEmpty()) {
            for (String v : base.split(",")) {
                values.add(v.trim());
            }
        }
        for (String v : op.value().split(",")) {
            if (op.type() == OpType.APPEND && !values.contains(v)) {
                values.add(v);
            } else if (op.type() == OpType.SUBTRACT) {
                values.remove(v);
            }
        }
        return String.join(",", values);
    }

    private ApiError validateTopic(MetadataImage image, String topic, Map<String, String> configs) {
        if (topic.isEmpty()) {
            return new ApiError(Errors.INVALID_REQUEST, "Default topic resources are not allowed.");
        }
        String invalidName = TopicNames.invalidReason(topic);
        if (invalidName != null) {
            return new ApiError(Errors.INVALID_TOPIC_EXCEPTION, invalidName);
        }
        String invalidConfigs = schema.invalidTopicConfigs(configs, image);
        if (invalidConfigs != null) {
            return new ApiError(Errors.INVALID_CONFIG, invalidConfigs);
        }
        if (image.topics().topic(topic).isEmpty()) {
            return new ApiError(Errors.UNKNOWN_TOPIC_OR_PARTITION, "The topic '" + topic + "' does not exist.");
        }
        return ApiError.NONE;
    }

    private static ApiError validateBroker(MetadataImage image, String broker) {
        if (broker.isEmpty()) {
            return ApiError.NONE;
        }
        int id;
        try {
            id = Integer.parseInt(broker);
        } catch (NumberFormatException e) {
            return new ApiError(Errors.INVALID_REQUEST, "Unable to parse broker name as a base 10 number.");
        }
        if (id < 0) {
            return new ApiError(Errors.INVALID_REQUEST, "Invalid negative broker ID.");
        }
        if (!image.cluster().brokers().containsKey(id)) {
            return new ApiError(Errors.BROKER_ID_NOT_REGISTERED, "No node with id " + id + " found.");
        }
        return ApiError.NONE;
    }
}
