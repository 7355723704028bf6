package io.tributary.coordinator.group.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.protocol.Errors;
import io.tributary.protocol.message.ConsumerGroupHeartbeatResponseData;

/** A KIP-848 client that revokes and takes partitions as soon as a response tells it to. */
final class SimulatedConsumer {

    final String memberId;
    private final ConsumerGroupTestContext context;
    int epoch;
    PartitionAssignment owned = PartitionAssignment.EMPTY;

    SimulatedConsumer(ConsumerGroupTestContext context, String memberId) {
        this.context = context;
        this.memberId = memberId;
    }

    SimulatedConsumer join(String... topics) {
        apply(context.heartbeatOk(ConsumerGroupTestContext.joinRequest(memberId, topics)));
        return this;
    }

    void poll() {
        apply(context.heartbeatOk(ConsumerGroupTestContext.heartbeatRequest(memberId, epoch, owned)));
    }

    void leave() {
        ConsumerGroupHeartbeatResponseData response = context.heartbeatOk(ConsumerGroupTestContext.heartbeatRequest(memberId, -1,
                PartitionAssignment.EMPTY));
        assertEquals(-1, response.memberEpoch());
        owned = PartitionAssignment.EMPTY;
    }

    private void apply(ConsumerGroupHeartbeatResponseData response) {
        assertEquals(Errors.NONE.code(), response.errorCode());
        epoch = response.memberEpoch();
        if (response.assignment() != null) {
            owned = ConsumerGroupTestContext.assignment(response);
        }
    }
}
