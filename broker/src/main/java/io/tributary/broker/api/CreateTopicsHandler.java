package io.tributary.broker.api;

import io.tributary.controller.Controller;
import io.tributary.controller.TopicControl;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.CreateTopicsRequestData;
import java.util.concurrent.CompletableFuture;

/** CreateTopics: validated and committed by the controller ({@link TopicControl#createTopics}). */
public final class CreateTopicsHandler implements ApiHandler {

    private final Controller controller;
    private final TopicControl topics;

    public CreateTopicsHandler(Controller controller, TopicControl topics) {
        this.controller = controller;
        this.topics = topics;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.CREATE_TOPICS;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        CreateTopicsRequestData create = (CreateTopicsRequestData) request.body();
        return controller.submit(image -> topics.createTopics(image, create))
                .thenApply(response -> new Response(response, request.header().apiVersion()));
    }
}
