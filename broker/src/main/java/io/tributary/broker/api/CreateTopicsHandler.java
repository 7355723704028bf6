package io.tributary.broker.api;

import io.tributary.controller.Controller;
import io.tributary.controller.TopicControl;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.config.DynamicBrokerConfig;
import io.tributary.broker.config.TopicConfigDescriptions;
import io.tributary.protocol.message.CreateTopicsRequestData;
import io.tributary.protocol.message.CreateTopicsResponseData;
import io.tributary.protocol.message.CreateTopicsResponseData.CreatableTopicConfigs;
import io.tributary.protocol.message.CreateTopicsResponseData.CreatableTopicResult;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * CreateTopics: validated and committed by the controller ({@link TopicControl#createTopics}); from
 * v5 each created topic's effective configs are returned, as Kafka's admin client expects.
 */
public final class CreateTopicsHandler implements ApiHandler {

    private final Controller controller;
    private final TopicControl topics;
    private final BrokerConfig brokerConfig;

    public CreateTopicsHandler(Controller controller, TopicControl topics, BrokerConfig brokerConfig) {
        this.controller = controller;
        this.topics = topics;
        this.brokerConfig = brokerConfig;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.CREATE_TOPICS;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        CreateTopicsRequestData create = (CreateTopicsRequestData) request.body();
        return controller.submit(image -> topics.createTopics(image, create))
                .thenApply(response -> new Response(withConfigs(create, response), request.header().apiVersion()));
    }

    private CreateTopicsResponseData withConfigs(CreateTopicsRequestData create, CreateTopicsResponseData response) {
        // The topic defaults as this broker applies them: its static settings under the dynamic ones.
        BrokerConfig effective = DynamicBrokerConfig.effective(brokerConfig, controller.image().configs());
        for (CreatableTopicResult result : response.topics()) {
            if (result.configs() == null) {
                continue;
            }
            Map<String, String> overrides = new HashMap<>();
            create.topics().stream().filter(t -> t.name().equals(result.name()))
                    .forEach(t -> t.configs().forEach(c -> overrides.put(c.name(), c.value())));
            for (TopicConfigDescriptions.Described d : TopicConfigDescriptions.describe(overrides, effective)) {
                result.configs().add(new CreatableTopicConfigs().setName(d.name()).setValue(d.value())
                        .setReadOnly(false).setConfigSource((byte) d.source().id()).setIsSensitive(d.sensitive()));
            }
        }
        return response;
    }
}
