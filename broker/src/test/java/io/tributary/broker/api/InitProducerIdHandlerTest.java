package io.tributary.broker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.common.Time;
import io.tributary.controller.Controller;
import io.tributary.controller.ControllerConfig;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.protocol.message.InitProducerIdResponseData;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.requests.InitProducerIdRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InitProducerIdHandlerTest {

    private Controller controller;
    private InitProducerIdHandler handler;

    @BeforeEach
    void start() throws Exception {
        controller = new Controller(new InMemoryMetadataLog(), new ControllerConfig(1, 1, (short) 1, true, (configs, image) -> null),
                Time.SYSTEM);
        controller.start();
        controller.registerBroker(new RegisterBrokerRecord()).get(10, TimeUnit.SECONDS);
        handler = new InitProducerIdHandler(controller);
    }

    @AfterEach
    void stop() throws InterruptedException {
        controller.close();
    }

    private CompletableFuture<Long> initProducerId() {
        InitProducerIdRequest request = new InitProducerIdRequest.Builder(new InitProducerIdRequestData()
                .setTransactionalId(null).setTransactionTimeoutMs(Integer.MAX_VALUE)).build((short) 4);
        return handler.handle(KafkaWire.decode(request, "PLAINTEXT"))
                .thenApply(response -> ((InitProducerIdResponseData) response.body()).producerId());
    }

    /** Waits until every operation submitted to the controller so far (and what it completed) has run. */
    private long committedNextProducerId() throws Exception {
        controller.submit(image -> new Controller.Result<>(List.of(), null)).get(10, TimeUnit.SECONDS);
        return controller.image().producerIds().nextProducerId();
    }

    @Test
    void aPrefetchedBlockServesTheFirstRequestWithoutAnotherCommit() throws Exception {
        handler.prefetchBlock();
        assertEquals(Controller.PRODUCER_ID_BLOCK_SIZE, committedNextProducerId());

        assertEquals(0L, initProducerId().get(10, TimeUnit.SECONDS));
        assertEquals(Controller.PRODUCER_ID_BLOCK_SIZE, committedNextProducerId());
    }

    @Test
    void prefetchingWhileABlockIsAtHandReservesNoOther() throws Exception {
        handler.prefetchBlock();
        handler.prefetchBlock();
        assertEquals(0L, initProducerId().get(10, TimeUnit.SECONDS));
        handler.prefetchBlock();
        assertEquals(Controller.PRODUCER_ID_BLOCK_SIZE, committedNextProducerId());
    }

    @Test
    void requestsWaitingForTheFirstBlockShareOneReservation() throws Exception {
        CompletableFuture<Long> first = initProducerId();
        CompletableFuture<Long> second = initProducerId();

        assertEquals(List.of(0L, 1L), List.of(first.get(10, TimeUnit.SECONDS), second.get(10, TimeUnit.SECONDS)).stream().sorted().toList());
        assertEquals(Controller.PRODUCER_ID_BLOCK_SIZE, committedNextProducerId());
    }
}
