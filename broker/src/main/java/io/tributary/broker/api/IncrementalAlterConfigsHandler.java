package io.tributary.broker.api;

import static io.tributary.broker.api.ConfigAlterationChecks.BROKER;
import static io.tributary.broker.api.ConfigAlterationChecks.BROKER_LOGGER;
import static io.tributary.broker.api.ConfigAlterationChecks.CLIENT_METRICS;
import static io.tributary.broker.api.ConfigAlterationChecks.GROUP;
import static io.tributary.broker.api.ConfigAlterationChecks.TOPIC;

import io.tributary.broker.api.ConfigAlterationChecks.ResourceKey;
import io.tributary.broker.config.BrokerConfig;
import io.tributary.controller.ApiError;
import io.tributary.controller.ConfigControl;
import io.tributary.controller.ConfigControl.Alteration;
import io.tributary.controller.ConfigControl.Op;
import io.tributary.controller.ConfigControl.OpType;
import io.tributary.controller.Controller;
import io.tributary.metadata.image.ConfigResource;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.IncrementalAlterConfigsRequestData;
import io.tributary.protocol.message.IncrementalAlterConfigsRequestData.AlterConfigsResource;
import io.tributary.protocol.message.IncrementalAlterConfigsRequestData.AlterableConfig;
import io.tributary.protocol.message.IncrementalAlterConfigsResponseData;
import io.tributary.protocol.message.IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * IncrementalAlterConfigs (v0-v1): SET, DELETE, APPEND and SUBTRACT on the configs of topics, of
 * this broker or all brokers (resource name ""), and the levels of this broker's loggers, with
 * Kafka 4.3.1's answers. One result per resource, in request order:
 *
 * <ul>
 *   <li>The broker's checks come first ({@link ConfigAlterationChecks}): a resource named twice,
 *       a setting named twice, a null value for anything but DELETE, an unknown operation, a broker
 *       id that is not this node's, broker settings that cannot change dynamically or do not parse
 *       (all INVALID_REQUEST, as Kafka), APPEND/SUBTRACT on a broker setting that is not a list
 *       (INVALID_CONFIG).</li>
 *   <li>BROKER_LOGGER is applied here and now (unless validate_only); levels are not persisted.</li>
 *   <li>TOPIC and BROKER go to the controller ({@link ConfigControl}), which writes the changes of
 *       every valid resource to the metadata log in one batch; validate_only writes nothing.</li>
 *   <li>CLIENT_METRICS and GROUP, which Kafka alters, are INVALID_REQUEST "Unsupported resource
 *       type" (Tributary has no configs for them); any other type is "Unknown resource type".</li>
 * </ul>
 *
 * <p>One deliberate difference: an unknown operation id on a TOPIC resource is INVALID_REQUEST
 * "Unknown operations type N", as Kafka answers it for a BROKER resource; Kafka's controller fails
 * it with UNKNOWN_SERVER_ERROR and no message.
 *
 * <p>There is no authorizer yet, so nothing is refused for authorization. Immutable; runs on the
 * connection's event loop; the controller part runs on the controller thread.
 */
public final class IncrementalAlterConfigsHandler implements ApiHandler {

    private final Controller controller;
    private final ConfigControl configs;
    private final ConfigAlterationChecks checks;

    /**
     * @param controller   the controller, whose image the broker's checks read
     * @param configs      the controller's config operations
     * @param brokerConfig this broker's static configuration; its {@code node.id} is the broker's name
     */
    public IncrementalAlterConfigsHandler(Controller controller, ConfigControl configs, BrokerConfig brokerConfig) {
        this.controller = controller;
        this.configs = configs;
        this.checks = new ConfigAlterationChecks(brokerConfig);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.INCREMENTAL_ALTER_CONFIGS;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        IncrementalAlterConfigsRequestData alter = (IncrementalAlterConfigsRequestData) request.body();
        List<AlterConfigsResource> resources = alter.resources();
        short version = request.header().apiVersion();
        return ConfigAlterationRouting.route(controller, resources, r -> new ResourceKey(r.resourceType(), r.resourceName()),
                        (resource, image) -> preprocess(resource, alter.validateOnly(), image),
                        IncrementalAlterConfigsHandler::alteration,
                        (image, forwarded) -> configs.incrementalAlterConfigs(image, forwarded, alter.validateOnly()))
                .thenApply(results -> new Response(response(resources, results), version));
    }

    /** The broker's part: the result, or null when the controller decides. */
    private ApiError preprocess(AlterConfigsResource resource, boolean validateOnly, MetadataImage image) {
        List<AlterableConfig> entries = resource.configs();
        ApiError invalid = ConfigAlterationChecks.invalidEntries(entries.stream().map(AlterableConfig::name).toList(),
                entries.stream().map(c -> c.value() == null && c.configOperation() != OpType.DELETE.id()).toList());
        if (invalid != null) {
            return invalid;
        }
        byte type = resource.resourceType();
        String name = resource.resourceName();
        if (type == BROKER_LOGGER) {
            return alterLoggers(resource, validateOnly);
        }
        if (type != TOPIC && type != BROKER) {
            return type == CLIENT_METRICS || type == GROUP ? ConfigAlterationChecks.unsupportedType(type)
                    : ConfigAlterationChecks.unknownType(type);
        }
        for (AlterableConfig entry : entries) {
            if (OpType.forId(entry.configOperation()) == null) {
                return new ApiError(Errors.INVALID_REQUEST, "Unknown operations type " + entry.configOperation());
            }
        }
        if (type == BROKER) {
            ApiError wrongBroker = name.isEmpty() ? null : checks.invalidBrokerId(name);
            return wrongBroker != null ? wrongBroker : checks.invalidBrokerAlteration(name, alteration(resource).ops(), image.configs());
        }
        return null;
    }

    private ApiError alterLoggers(AlterConfigsResource resource, boolean validateOnly) {
        ApiError wrongNode = checks.invalidLoggerNodeId(resource.resourceName());
        if (wrongNode != null) {
            return wrongNode;
        }
        List<String> names = resource.configs().stream().map(AlterableConfig::name).toList();
        List<Byte> ops = resource.configs().stream().map(AlterableConfig::configOperation).toList();
        List<String> values = resource.configs().stream().map(AlterableConfig::value).toList();
        ApiError invalid = ConfigAlterationChecks.invalidLoggerOps(names, ops, values);
        if (invalid != null) {
            return invalid;
        }
        if (!validateOnly) {
            ConfigAlterationChecks.applyLoggerOps(names, ops, values);
        }
        return ApiError.NONE;
    }

    private static Alteration alteration(AlterConfigsResource resource) {
        List<Op> ops = resource.configs().stream()
                .map(c -> new Op(c.name(), OpType.forId(c.configOperation()), c.value())).toList();
        return new Alteration(new ConfigResource(ConfigResource.Type.forId(resource.resourceType()), resource.resourceName()), ops);
    }

    private static IncrementalAlterConfigsResponseData response(List<AlterConfigsResource> resources, ApiError[] results) {
        IncrementalAlterConfigsResponseData response = new IncrementalAlterConfigsResponseData();
        for (int i = 0; i < resources.size(); i++) {
            response.responses().add(new AlterConfigsResourceResponse().setErrorCode(results[i].error().code())
                    .setErrorMessage(results[i].message()).setResourceType(resources.get(i).resourceType())
                    .setResourceName(resources.get(i).resourceName()));
        }
        return response;
    }
}
