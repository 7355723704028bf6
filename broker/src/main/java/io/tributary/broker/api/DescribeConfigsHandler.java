package io.tributary.broker.api;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.controller.TopicNames;
import io.tributary.metadata.image.ConfigResource;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.DescribeConfigsRequestData;
import io.tributary.protocol.message.DescribeConfigsRequestData.DescribeConfigsResource;
import io.tributary.protocol.message.DescribeConfigsResponseData;
import io.tributary.protocol.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import io.tributary.protocol.message.DescribeConfigsResponseData.DescribeConfigsResult;
import io.tributary.protocol.message.DescribeConfigsResponseData.DescribeConfigsSynonym;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DescribeConfigs (v1-v4; Kafka 4 removed v0): the configs of topics, of this broker, of the
 * cluster-wide broker default and of this broker's loggers, with Kafka 4.3.1's answers, which
 * {@link ConfigDescriber} documents. One result per requested resource, in request order:
 *
 * <ul>
 *   <li>TOPIC (2): an invalid name is INVALID_TOPIC_EXCEPTION, a topic that does not exist
 *       UNKNOWN_TOPIC_OR_PARTITION (with no message, as Kafka).</li>
 *   <li>BROKER (4): {@code ""} is the cluster-wide default (only what was set dynamically for all
 *       brokers); otherwise the name must be this broker's id (the Admin client sends it to that
 *       broker), else INVALID_REQUEST.</li>
 *   <li>BROKER_LOGGER (8): this broker's loggers and levels ({@link LoggerLevels}); the name must be
 *       this broker's id.</li>
 *   <li>CLIENT_METRICS (16) and GROUP (32), which Kafka describes but Tributary has no configs for:
 *       INVALID_REQUEST "Unsupported resource type", after Kafka's check for an empty name.</li>
 *   <li>Any other type fails the whole request, as in Kafka: every result is INVALID_REQUEST with
 *       Kafka's generic message.</li>
 * </ul>
 *
 * <p>{@code ConfigurationKeys} null or empty means every config; otherwise only the named ones that
 * exist. Synonyms (v1+) and documentation (v3+) only when asked for; the config type (v3+) always.
 * There is no authorizer yet, so nothing is refused for authorization.
 *
 * <p>Immutable; runs on the connection's event loop and reads one metadata image per request.
 */
public final class DescribeConfigsHandler implements ApiHandler {

    private static final Logger log = LoggerFactory.getLogger(DescribeConfigsHandler.class);

    private static final byte TOPIC = ConfigResource.Type.TOPIC.id();
    private static final byte BROKER = ConfigResource.Type.BROKER.id();
    private static final byte BROKER_LOGGER = 8;
    private static final byte CLIENT_METRICS = ConfigResource.Type.CLIENT_METRICS.id();
    private static final byte GROUP = ConfigResource.Type.GROUP.id();
    /** Kafka's id of the source of a logger's level. */
    private static final byte DYNAMIC_BROKER_LOGGER_CONFIG = 6;

    private final Supplier<MetadataImage> images;
    private final BrokerConfig brokerConfig;

    /**
     * @param images       the latest metadata image, e.g. {@code controller::image}
     * @param brokerConfig this broker's static configuration; its {@code node.id} is the broker's name
     */
    public DescribeConfigsHandler(Supplier<MetadataImage> images, BrokerConfig brokerConfig) {
        this.images = images;
        this.brokerConfig = brokerConfig;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_CONFIGS;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        DescribeConfigsRequestData describe = (DescribeConfigsRequestData) request.body();
        DescribeConfigsResponseData response = new DescribeConfigsResponseData();
        if (describe.resources().stream().anyMatch(r -> !isKnownType(r.resourceType()))) {
            // Kafka fails the whole request while authorizing, before describing anything.
            for (DescribeConfigsResource resource : describe.resources()) {
                response.results().add(error(resource, Errors.INVALID_REQUEST, Errors.INVALID_REQUEST.message()));
            }
            return ApiHandler.respond(request, response);
        }
        MetadataImage image = images.get();
        ConfigDescriber describer = new ConfigDescriber(brokerConfig, image.configs(), describe.includeSynonyms(),
                describe.includeDocumentation());
        for (DescribeConfigsResource resource : describe.resources()) {
            response.results().add(describeOrFail(resource, image, describer));
        }
        return ApiHandler.respond(request, response);
    }

    private DescribeConfigsResult describeOrFail(DescribeConfigsResource resource, MetadataImage image,
                                                 ConfigDescriber describer) {
        try {
            return describe(resource, image, describer);
        } catch (RuntimeException e) {
            // A stored config that no longer parses, or a bug: this resource fails, the others are answered.
            // Like Kafka (ApiError.fromThrowable), the client gets no message for an unexpected error.
            log.error("DescribeConfigs of resource type {} name '{}' failed", resource.resourceType(), resource.resourceName(), e);
            return error(resource, Errors.UNKNOWN_SERVER_ERROR, null);
        }
    }

    private DescribeConfigsResult describe(DescribeConfigsResource resource, MetadataImage image, ConfigDescriber describer) {
        byte type = resource.resourceType();
        String name = resource.resourceName();
        Predicate<String> wanted = wanted(resource.configurationKeys());
        if (type == TOPIC) {
            return describeTopic(resource, image, describer, wanted);
        }
        if (type == BROKER) {
            if (name.isEmpty()) {
                return result(resource, describer.brokerDefault(wanted));
            }
            String invalid = invalidBrokerName(name, true);
            return invalid != null ? error(resource, Errors.INVALID_REQUEST, invalid) : result(resource, describer.broker(wanted));
        }
        if (type == BROKER_LOGGER) {
            String invalid = name.isEmpty() ? "Broker id must not be empty" : invalidBrokerName(name, false);
            return invalid != null ? error(resource, Errors.INVALID_REQUEST, invalid) : result(resource, loggers(wanted));
        }
        String label = type == CLIENT_METRICS ? "CLIENT_METRICS" : "GROUP";
        String emptyName = type == CLIENT_METRICS ? "Client metrics subscription name must not be empty" : "Group name must not be empty";
        return error(resource, Errors.INVALID_REQUEST, name.isEmpty() ? emptyName : "Unsupported resource type: " + label);
    }

    private static DescribeConfigsResult describeTopic(DescribeConfigsResource resource, MetadataImage image,
                                                       ConfigDescriber describer, Predicate<String> wanted) {
        String topic = resource.resourceName();
        String invalid = TopicNames.invalidReason(topic);
        if (invalid != null) {
            return error(resource, Errors.INVALID_TOPIC_EXCEPTION, invalid);
        }
        if (image.topics().topic(topic).isEmpty()) {
            return new DescribeConfigsResult().setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code())
                    .setResourceType(resource.resourceType()).setResourceName(topic);
        }
        return result(resource, describer.topic(image.configs().configs(ConfigResource.topic(topic)), wanted));
    }

    /**
     * Null when {@code name} is this broker's id in decimal (Scala's {@code toInt}: "01" and "+1"
     * are 1), else Kafka's message for why not, which mentions "" where it names the cluster default.
     */
    private String invalidBrokerName(String name, boolean emptyAllowed) {
        int id;
        try {
            id = Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return "Broker id must be an integer, but it is: " + name;
        }
        int nodeId = brokerConfig.nodeId();
        String expected = emptyAllowed ? nodeId + " or empty string," : String.valueOf(nodeId);
        return id == nodeId ? null : "Unexpected broker id, expected " + expected + " but received " + name;
    }

    private static List<DescribeConfigsResourceResult> loggers(Predicate<String> wanted) {
        List<DescribeConfigsResourceResult> entries = new ArrayList<>();
        LoggerLevels.current().forEach((logger, level) -> {
            if (wanted.test(logger)) {
                // Kafka leaves the type and documentation at their defaults (UNKNOWN, "").
                entries.add(new DescribeConfigsResourceResult().setName(logger).setValue(level)
                        .setConfigSource(DYNAMIC_BROKER_LOGGER_CONFIG).setIsSensitive(false).setReadOnly(false)
                        .setSynonyms(new ArrayList<DescribeConfigsSynonym>()));
            }
        });
        return entries;
    }

    /** Kafka's filter: null or empty asks for every config. */
    private static Predicate<String> wanted(List<String> keys) {
        return keys == null || keys.isEmpty() ? name -> true : keys::contains;
    }

    private static boolean isKnownType(byte type) {
        return type == TOPIC || type == BROKER || type == BROKER_LOGGER || type == CLIENT_METRICS || type == GROUP;
    }

    private static DescribeConfigsResult result(DescribeConfigsResource resource, List<DescribeConfigsResourceResult> configs) {
        return new DescribeConfigsResult().setErrorCode(Errors.NONE.code())
                .setResourceType(resource.resourceType()).setResourceName(resource.resourceName()).setConfigs(configs);
    }

    private static DescribeConfigsResult error(DescribeConfigsResource resource, Errors error, String message) {
        return new DescribeConfigsResult().setErrorCode(error.code()).setErrorMessage(message)
                .setResourceType(resource.resourceType()).setResourceName(resource.resourceName());
    }
}
