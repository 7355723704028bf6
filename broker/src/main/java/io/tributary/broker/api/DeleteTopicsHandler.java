package io.tributary.broker.api;

import io.tributary.controller.Controller;
import io.tributary.controller.TopicControl;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.DeleteTopicsRequestData;
import java.util.concurrent.CompletableFuture;

/** DeleteTopics, by name or (v6+) by id: the controller removes the topic; its data goes with it. */
public final class DeleteTopicsHandler implements ApiHandler {

    private final Controller controller;
    private final TopicControl topics;

    public DeleteTopicsHandler(Controller controller, TopicControl topics) {
        this.controller = controller;
        this.topics = topics;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DELETE_TOPICS;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        DeleteTopicsRequestData delete = (DeleteTopicsRequestData) request.body();
        short version = request.header().apiVersion();
        return controller.submit(image -> topics.deleteTopics(image, delete, version))
                .thenApply(response -> new Response(response, version));
    }
}
