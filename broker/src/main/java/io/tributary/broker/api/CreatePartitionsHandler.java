package io.tributary.broker.api;

import io.tributary.controller.Controller;
import io.tributary.controller.TopicControl;
import io.tributary.network.RequestContext;
import io.tributary.network.Response;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.CreatePartitionsRequestData;
import java.util.concurrent.CompletableFuture;

/** CreatePartitions: grows a topic's partition count through the controller. */
public final class CreatePartitionsHandler implements ApiHandler {

    private final Controller controller;
    private final TopicControl topics;

    public CreatePartitionsHandler(Controller controller, TopicControl topics) {
        this.controller = controller;
        this.topics = topics;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.CREATE_PARTITIONS;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext request) {
        CreatePartitionsRequestData create = (CreatePartitionsRequestData) request.body();
        return controller.submit(image -> topics.createPartitions(image, create))
                .thenApply(response -> new Response(response, request.header().apiVersion()));
    }
}
