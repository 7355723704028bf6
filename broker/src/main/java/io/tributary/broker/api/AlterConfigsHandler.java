package io.tributary.broker.api;

import static io.tributary.broker.api.ConfigAlterationChecks.BROKER;
import static io.tributary.broker.api.ConfigAlterationChecks.TOPIC;

import io.tributary.broker.api.ConfigAlterationChecks.ResourceKey;
import io.tributary.broker.config.BrokerConfig;
import io.tributary.controller.ApiError;
import io.tributary.controller.ConfigControl;
import io.tributary.controller.ConfigControl.Replacement;
import io.tributary.controller.Controller;
import io.tributary.metadata.image.ConfigResource;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.AlterConfigsRequestData;
import io.tributary.protocol.message.AlterConfigsRequestData.AlterConfigsResource;
import io.tributary.protocol.message.AlterConfigsRequestData.AlterableConfig;
import io.tributary.protocol.message.AlterConfigsResponseData;
import io.tributary.protocol.message.AlterConfigsResponseData.AlterConfigsResourceResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * AlterConfigs (v0-v2), the legacy form that Kafka 4's Admin client no longer sends but older
 * clients and tools do: each resource's configs are <em>replaced</em> by the given set, every
 * setting it does not name going back to its default. Topics, this broker, or all brokers (resource
 * name ""); with Kafka 4.3.1's answers, in request order:
 *
 * <ul>
 *   <li>The broker's checks ({@link ConfigAlterationChecks}): a resource named twice, a setting named
 *       twice, null values, a broker id that is not this node's, broker settings that cannot change
 *       dynamically or do not parse, all INVALID_REQUEST.</li>
 *   <li>Any type other than TOPIC and BROKER, BROKER_LOGGER included, is INVALID_REQUEST
 *       "Unknown resource type", as in Kafka.</li>
 *   <li>The rest goes to the controller ({@link ConfigControl#legacyAlterConfigs}); validate_only
 *       writes nothing.</li>
 * </ul>
 *
 * <p>Immutable; runs on the connection's event loop; the controller part on the controller thread.
 */
public final class AlterConfigsHandler implements ApiHandler {

    private final Controller controller;
    private final ConfigControl configs;
    private final ConfigAlterationChecks checks;

    /**
     * @param controller   the controller, whose image the broker's checks read
     * @param configs      the controller's config operations
     * @param brokerConfig this broker's static configuration; its {@code node.id} is the broker's name
     */
    public AlterConfigsHandler(Controller controller, ConfigControl configs, BrokerConfig brokerConfig) {
        this.controller = controller;
        this.configs = configs;
        this.checks = new ConfigAlterationChecks(brokerConfig);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.ALTER_CONFIGS;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        AlterConfigsRequestData alter = (AlterConfigsRequestData) request.body();
        List<AlterConfigsResource> resources = alter.resources();
        short version = request.header().apiVersion();
        return ConfigAlterationRouting.route(controller, resources, r -> new ResourceKey(r.resourceType(), r.resourceName()),
                        this::preprocess,
                        resource -> new Replacement(new ConfigResource(ConfigResource.Type.forId(resource.resourceType()),
                                resource.resourceName()), configs(resource)),
                        (image, forwarded) -> configs.legacyAlterConfigs(image, forwarded, alter.validateOnly()))
                .thenApply(results -> new Response(response(resources, results), version));
    }

    /** The broker's part: the result, or null when the controller decides. */
    private ApiError preprocess(AlterConfigsResource resource, MetadataImage image) {
        List<AlterableConfig> entries = resource.configs();
        ApiError invalid = ConfigAlterationChecks.invalidEntries(entries.stream().map(AlterableConfig::name).toList(),
                entries.stream().map(c -> c.value() == null).toList());
        if (invalid != null) {
            return invalid;
        }
        byte type = resource.resourceType();
        String name = resource.resourceName();
        if (type == BROKER) {
            ApiError wrongBroker = name.isEmpty() ? null : checks.invalidBrokerId(name);
            return wrongBroker != null ? wrongBroker : checks.invalidBrokerConfigs(name, configs(resource), image.configs());
        }
        return type == TOPIC ? null : ConfigAlterationChecks.unknownType(type);
    }

    private static Map<String, String> configs(AlterConfigsResource resource) {
        Map<String, String> configs = new LinkedHashMap<>();
        resource.configs().forEach(c -> configs.put(c.name(), c.value()));
        return configs;
    }

    private static AlterConfigsResponseData response(List<AlterConfigsResource> resources, ApiError[] results) {
        AlterConfigsResponseData response = new AlterConfigsResponseData();
        for (int i = 0; i < resources.size(); i++) {
            response.responses().add(new AlterConfigsResourceResponse().setErrorCode(results[i].error().code())
                    .setErrorMessage(results[i].message()).setResourceType(resources.get(i).resourceType())
                    .setResourceName(resources.get(i).resourceName()));
        }
        return response;
    }
}
