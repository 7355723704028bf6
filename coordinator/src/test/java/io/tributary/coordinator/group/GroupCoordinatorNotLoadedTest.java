package io.tributary.coordinator.group;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.common.Time;
import io.tributary.coordinator.runtime.CoordinatorLog;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.protocol.ByteBufferWriter;
import io.tributary.protocol.Errors;
import io.tributary.protocol.message.JoinGroupRequestData;
import io.tributary.protocol.message.JoinGroupResponseData;
import io.tributary.protocol.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import io.tributary.records.MemoryRecords;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests for groups whose partition is not led here are answered NOT_COORDINATOR at every version. */
class GroupCoordinatorNotLoadedTest {

    private static final CoordinatorLog NO_LOG = new CoordinatorLog() {
        @Override
        public CompletableFuture<Void> append(int partition, int leaderEpoch, MemoryRecords records) {
            throw new AssertionError("nothing is written for a partition not led here");
        }

        @Override
        public MemoryRecords read(int partition, long offset, int maxBytes) {
            return MemoryRecords.EMPTY;
        }

        @Override
        public long logStartOffset(int partition) {
            return 0;
        }
    };

    private final GroupCoordinator coordinator = new GroupCoordinator(GroupConfig.defaults(), 1, NO_LOG,
            () -> MetadataImage.EMPTY, Time.SYSTEM);

    @AfterEach
    void close() {
        coordinator.close();
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {0, 5, 6, 7, 9})
    void joinGroupIsAnsweredNotCoordinatorInAResponseThatEncodesAtItsVersion(short version) throws Exception {
        JoinGroupResponseData response = coordinator.joinGroup(new RequestInfo("c", "/127.0.0.1", version),
                new JoinGroupRequestData().setGroupId("g").setMemberId("").setProtocolType("consumer")).get(10, TimeUnit.SECONDS);

        assertEquals(Errors.NOT_COORDINATOR.code(), response.errorCode());
        ByteBufferWriter.serialize(response, version);
    }

    @Test
    void offsetFetchIsAnsweredNotCoordinator() throws Exception {
        var group = coordinator.fetchOffsets(new RequestInfo("c", "", (short) 9),
                new OffsetFetchRequestGroup().setGroupId("g").setMemberId(null).setTopics(List.of()), false).get(10, TimeUnit.SECONDS);

        assertEquals(Errors.NOT_COORDINATOR.code(), group.errorCode());
    }
}
