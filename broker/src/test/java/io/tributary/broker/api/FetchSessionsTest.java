package io.tributary.broker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.broker.partition.IsrState;
import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.Partitions;
import io.tributary.common.Time;
import io.tributary.protocol.Errors;
import io.tributary.protocol.Uuid;
import io.tributary.protocol.message.FetchRequestData;
import io.tributary.protocol.message.FetchRequestData.FetchPartition;
import io.tributary.protocol.message.FetchRequestData.FetchTopic;
import io.tributary.protocol.message.FetchRequestData.ForgottenTopic;
import io.tributary.protocol.message.FetchResponseData;
import io.tributary.protocol.message.FetchResponseData.FetchableTopicResponse;
import io.tributary.protocol.message.FetchResponseData.PartitionData;
import io.tributary.records.MemoryRecords;
import io.tributary.records.RecordBatchBuilder;
import io.tributary.storage.LogConfig;
import io.tributary.storage.LogManager;
import io.tributary.storage.StorageException;
import io.tributary.storage.TopicPartition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental fetch sessions (KIP-227), driven directly: each fetch is resolved by
 * {@link FetchSessions}, served from real partitions the way {@link FetchHandler} reads them, and
 * filtered by {@link FetchSessions#respond}. Partitions are named {@code topic:partition}.
 */
class FetchSessionsTest {

    private static final short V12 = 12;
    private static final short V13 = 13;
    private static final int NO_SESSION = 0;
    private static final int INITIAL_EPOCH = 0;
    private static final int FINAL_EPOCH = -1;
    private static final Uuid ORDERS_ID = new Uuid(0x0123L, 0x4567L);
    private static final Uuid PAYMENTS_ID = new Uuid(0x89abL, 0xcdefL);

    @TempDir
    Path dir;
    private LogManager logManager;
    private Partitions partitions;
    private FetchSessions sessions;

    @BeforeEach
    void hostPartitions() throws Exception {
        logManager = new LogManager(List.of(dir), LogConfig.defaults(), Time.SYSTEM, 1, 60_000, 60_000);
        logManager.startup();
        partitions = new Partitions(logManager);
        partitions.host(new TopicPartition("orders", 0), ORDERS_ID, LogConfig.defaults(), 0, new IsrState(List.of(1), List.of(1), 1));
        partitions.host(new TopicPartition("orders", 1), ORDERS_ID, LogConfig.defaults(), 0, new IsrState(List.of(1), List.of(1), 1));
        partitions.host(new TopicPartition("payments", 0), PAYMENTS_ID, LogConfig.defaults(), 0, new IsrState(List.of(1), List.of(1), 1));
        sessions = new FetchSessions(partitions, 10);
    }

    @AfterEach
    void close() throws Exception {
        logManager.close();
    }

    // ---- sessionless and full fetches ----

    @Test
    void sessionlessFullFetchGetsSessionIdZeroAndEveryPartition() {
        Reply reply = send(V12, fetch(NO_SESSION, FINAL_EPOCH).topic("orders", 0, 1));

        assertEquals(0, reply.response.sessionId());
        assertEquals(List.of("orders:0", "orders:1"), reply.partitions());
        assertEquals(0, sessions.size());
    }

    @Test
    void initialEpochCreatesASessionWhoseFirstResponseHasEveryPartition() {
        Reply reply = send(V12, fetch(NO_SESSION, INITIAL_EPOCH).topic("orders", 0, 1));

        assertNotEquals(0, reply.response.sessionId());
        assertEquals(List.of("orders:0", "orders:1"), reply.partitions());
        assertEquals(1, sessions.size());
    }

    @Test
    void noCacheSlotsMeansAnInitialFetchRunsWithoutASession() {
        sessions = new FetchSessions(partitions, 0);

        Reply reply = send(V12, fetch(NO_SESSION, INITIAL_EPOCH).topic("orders", 0, 1));

        assertEquals(0, reply.response.sessionId());
        assertEquals(List.of("orders:0", "orders:1"), reply.partitions());
        assertEquals(0, sessions.size());
    }

    // ---- incremental fetches ----

    @Test
    void incrementalFetchNamingNoPartitionsReadsTheSessionPartitions() {
        int id = open(V12, fetch(NO_SESSION, INITIAL_EPOCH).topic("orders", 0, 1));

        FetchSessions.Resolved resolved = sessions.resolve(fetch(id, 1).build(), V12, "c1");

        assertEquals(Errors.NONE, resolved.error());
        assertEquals(List.of("orders:0", "orders:1"), names(resolved.targets()));
    }

    @Test
    void incrementalResponseLeavesOutPartitionsWithoutNews() {
        int id = open(V12, fetch(NO_SESSION, INITIAL_EPOCH).topic("orders", 0, 1));

        Reply reply = send(V12, fetch(id, 1));

        assertEquals(Errors.NONE.code(), reply.response.errorCode());
        assertEquals(id, reply.response.sessionId());
        assertEquals(List.of(), reply.partitions());
    }

    @Test
    void incrementalResponseIncludesOnlyThePartitionWithNewRecords() {
        int id = open(V12, fetch(NO_SESSION, INITIAL_EPOCH).topic("orders", 0, 1));
        append("orders", 1, "o-1");

        Reply reply = send(V12, fetch(id, 1));

        assertEquals(List.of("orders:1"), reply.partitions());
        assertTrue(reply.partition("orders", 1).records().sizeInBytes() > 0);
    }

    @Test
    void incrementalResponseIncludesAPartitionWhoseHighWatermarkMovedWithoutRecords() {
        int id = open(V12, fetch(NO_SESSION, INITIAL_EPOCH).topic("orders", 0, 1));
        FetchSessions.Resolved resolved = sessions.resolve(fetch(id, 1).build(), V12, "c1");

        FetchResponseData response = sessions.respond(resolved, response(
                "orders", partitionData(0, 5, 0), partitionData(1, 0, 0)));

        assertEquals(List.of("orders:0"), partitionsOf(response));
    }

    @Test
    void incrementalResponseIncludesAPartitionWhoseLogStartOffsetMoved() {
        int id = open(V12, fetch(NO_SESSION, INITIAL_EPOCH).topic("orders", 0, 1));
        FetchSessions.Resolved resolved = sessions.resolve(fetch(id, 1).build(), V12, "c1");

        FetchResponseData response = sessions.respond(resolved, response(
                "orders", partitionData(0, 0, 0), partitionData(1, 0, 3)));

        assertEquals(List.of("orders:1"), partitionsOf(response));
    }

    @Test
    void incrementalResponseAlwaysIncludesAPartitionWithAnError() {
        int id = open(V12, fetch(NO_SESSION, INITIAL_EPOCH).topic("orders", 0, 1));

        Reply reply = send(V12, fetch(id, 1).partition("orders", new FetchPartition().setPartition(0)
                .setCurrentLeaderEpoch(7).setPartitionMaxBytes(1 << 20)));

        assertEquals(List.of("orders:0"), reply.partitions());
        assertEquals(Errors.UNKNOWN_LEADER_EPOCH.code(), reply.partition("orders", 0).errorCode());
    }

    @Test
    void aPartitionIsResentOnceItsErrorClears() {
        int id = open(V12, fetch(NO_SESSION, INITIAL_EPOCH).topic("orders", 0, 1));
        send(V12, fetch(id, 1).partition("orders", new FetchPartition().setPartition(0)
                .setCurrentLeaderEpoch(7).setPartitionMaxBytes(1 << 20)));

        Reply reply = send(V12, fetch(id, 2).partition("orders", new FetchPartition().setPartition(0)
                .setCurrentLeaderEpoch(0).setPartitionMaxBytes(1 << 20)));

        assertEquals(List.of("orders:0"), reply.partitions());
        assertEquals(Errors.NONE.code(), reply.partition("orders", 0).errorCode());
    }

    @Test
    void aResentPartitionUpdatesItsFetchOffsetInTheSession() {
        append("orders", 0, "o-0");
        append("orders", 0, "o-1");
        int id = open(V12, fetch(NO_SESSION, INITIAL_EPOCH).topic("orders", 0, 1));
        send(V12, fetch(id, 1).partition("orders", at(0, 2)));

        FetchSessions.Resolved resolved = sessions.resolve(fetch(id, 2).build(), V12, "c1");

        assertEquals(2, target(resolved, "orders", 0).partition().fetchOffset());
        assertEquals(0, target(resolved, "orders", 1).partition().fetchOffset());
    }

    @Test
    void aPartitionNamedByAnIncrementalFetchJoinsTheSessionAndIsReported() {
        int id = open(V12, fetch(NO_SESSION, INITIAL_EPOCH).topic("orders", 0, 1));

        Reply reply = send(V12, fetch(id, 1).topic("payments", 0));

        assertEquals(List.of("payments:0"), reply.partitions());
        assertEquals(List.of("orders:0", "orders:1", "payments:0"),
                names(sessions.resolve(fetch(id, 2).build(), V12, "c1").targets()));
    }

    @Test
    void aForgottenPartitionLeavesTheSession() {
        int id = open(V12, fetch(NO_SESSION, INITIAL_EPOCH).topic("orders", 0, 1));
        send(V12, fetch(id, 1).forget("orders", 0));
        append("orders", 0, "o-0");

        Reply reply = send(V12, fetch(id, 2));

        assertEquals(List.of("orders:1"), names(reply.resolved.targets()));
        assertEquals(List.of(), reply.partitions());
    }

    @Test
    void aPartitionThatReturnedRecordsMovesToTheEndOfTheSession() {
        int id = open(V12, fetch(NO_SESSION, INITIAL_EPOCH).topic("orders", 0, 1));
        append("orders", 0, "o-0");
        append("orders", 1, "o-1");

        Reply first = send(V12, fetch(id, 1).maxBytes(1));
        assertTrue(first.partition("orders", 0).records().sizeInBytes() > 0);

        FetchSessions.Resolved next = sessions.resolve(fetch(id, 2).maxBytes(1).build(), V12, "c1");
        assertEquals(List.of("orders:1", "orders:0"), names(next.targets()));
    }

    // ---- epochs, unknown and closed sessions ----

    @Test
    void aWrongEpochIsInvalidFetchSessionEpochAndLeavesTheSessionUsable() {
        int id = open(V12, fetch(NO_SESSION, INITIAL_EPOCH).topic("orders", 0, 1));

        assertEquals(Errors.INVALID_FETCH_SESSION_EPOCH, sessions.resolve(fetch(id, 2).build(), V12, "c1").error());
        assertEquals(Errors.NONE, sessions.resolve(fetch(id, 1).build(), V12, "c1").error());
    }

    @Test
    void aRepeatedEpochIsInvalidFetchSessionEpoch() {
        int id = open(V12, fetch(NO_SESSION, INITIAL_EPOCH).topic("orders", 0, 1));
        send(V12, fetch(id, 1));

        assertEquals(Errors.INVALID_FETCH_SESSION_EPOCH, sessions.resolve(fetch(id, 1).build(), V12, "c1").error());
    }

    @Test
    void anUnknownSessionIdIsFetchSessionIdNotFound() {
        FetchSessions.Resolved resolved = sessions.resolve(fetch(12345, 1).topic("orders", 0).build(), V12, "c1");

        assertEquals(Errors.FETCH_SESSION_ID_NOT_FOUND, resolved.error());
        assertEquals(List.of(), resolved.targets());
    }

    @Test
    void finalEpochWithASessionIdClosesItAndFetchesInFullWithoutASession() {
        int id = open(V12, fetch(NO_SESSION, INITIAL_EPOCH).topic("orders", 0, 1));

        Reply close = send(V12, fetch(id, FINAL_EPOCH).topic("payments", 0));

        assertEquals(0, close.response.sessionId());
        assertEquals(List.of("payments:0"), close.partitions());
        assertEquals(0, sessions.size());
        assertEquals(Errors.FETCH_SESSION_ID_NOT_FOUND, sessions.resolve(fetch(id, 1).build(), V12, "c1").error());
    }

    @Test
    void initialEpochWithASessionIdReplacesThatSession() {
        int old = open(V12, fetch(NO_SESSION, INITIAL_EPOCH).topic("orders", 0, 1));

        int replacement = open(V12, fetch(old, INITIAL_EPOCH).topic("payments", 0));

        assertNotEquals(old, replacement);
        assertEquals(1, sessions.size());
        assertEquals(Errors.FETCH_SESSION_ID_NOT_FOUND, sessions.resolve(fetch(old, 1).build(), V12, "c1").error());
        assertEquals(List.of("payments:0"), names(sessions.resolve(fetch(replacement, 1).build(), V12, "c1").targets()));
    }

    @Test
    void theFetchAtTheLastEpochIsStillIncremental() {
        int id = open(V12, fetch(NO_SESSION, INITIAL_EPOCH).topic("orders", 0, 1));
        FetchSessions.Resolved first = sessions.resolve(fetch(id, 1).build(), V12, "c1");
        sessions.respond(first, serve(fetch(id, 1).build(), first));
        first.session().nextEpoch = Integer.MAX_VALUE;

        Reply last = send(V12, fetch(id, Integer.MAX_VALUE));

        assertEquals(List.of(), last.partitions());
        assertEquals(Errors.NONE, sessions.resolve(fetch(id, 1).build(), V12, "c1").error());
    }

    // ---- the cache ----

    @Test
    void theCacheEvictsTheLeastRecentlyUsedSession() {
        sessions = new FetchSessions(partitions, 2);
        int first = open(V12, fetch(NO_SESSION, INITIAL_EPOCH).topic("orders", 0));
        int second = open(V12, fetch(NO_SESSION, INITIAL_EPOCH).topic("orders", 1));
        send(V12, fetch(first, 1));

        int third = open(V12, fetch(NO_SESSION, INITIAL_EPOCH).topic("payments", 0));

        assertEquals(2, sessions.size());
        assertEquals(Errors.FETCH_SESSION_ID_NOT_FOUND, sessions.resolve(fetch(second, 1).build(), V12, "c1").error());
        assertEquals(Errors.NONE, sessions.resolve(fetch(first, 2).build(), V12, "c1").error());
        assertEquals(Errors.NONE, sessions.resolve(fetch(third, 1).build(), V12, "c1").error());
    }

    // ---- versions ----

    @Test
    void versionsBelowSevenNeverCreateASession() {
        for (short version = 4; version < 7; version++) {
            Reply reply = send(version, fetch(NO_SESSION, INITIAL_EPOCH).topic("orders", 0, 1));

            assertNull(reply.resolved.session(), "v" + version);
            assertEquals(0, reply.response.sessionId(), "v" + version);
            assertEquals(List.of("orders:0", "orders:1"), reply.partitions(), "v" + version);
        }
        assertEquals(0, sessions.size());
    }

    @Test
    void versionsBelowSevenIgnoreSessionIdAndEpoch() {
        FetchSessions.Resolved resolved = sessions.resolve(fetch(12345, 3).topic("orders", 0).build(), (short) 6, "c1");

        assertEquals(Errors.NONE, resolved.error());
        assertEquals(List.of("orders:0"), names(resolved.targets()));
    }

    @Test
    void version13ResolvesTopicIdsToNames() {
        FetchSessions.Resolved resolved = sessions.resolve(
                fetch(NO_SESSION, INITIAL_EPOCH).topicId(ORDERS_ID, 0, 1).build(), V13, "c1");

        assertEquals(List.of("orders:0", "orders:1"), names(resolved.targets()));
        assertEquals(ORDERS_ID, resolved.targets().get(0).topicId());
    }

    @Test
    void version13ForgetsPartitionsByTopicId() {
        int id = open(V13, fetch(NO_SESSION, INITIAL_EPOCH).topicId(ORDERS_ID, 0, 1).topicId(PAYMENTS_ID, 0));

        send(V13, fetch(id, 1).forgetId(ORDERS_ID, 1));

        assertEquals(List.of("orders:0", "payments:0"),
                names(sessions.resolve(fetch(id, 2).build(), V13, "c1").targets()));
    }

    @Test
    void version13IncrementalResponseKeepsOnlyPartitionsWithNews() {
        int id = open(V13, fetch(NO_SESSION, INITIAL_EPOCH).topicId(ORDERS_ID, 0, 1).topicId(PAYMENTS_ID, 0));
        append("payments", 0, "p-0");

        Reply reply = send(V13, fetch(id, 1));

        assertEquals(List.of("payments:0"), reply.partitions());
    }

    @Test
    void version13UnknownTopicIdIsReportedAsUnknownTopicId() {
        Uuid unknown = new Uuid(0x7777L, 0x7777L);

        Reply reply = send(V13, fetch(NO_SESSION, INITIAL_EPOCH).topicId(unknown, 0));

        assertNull(reply.resolved.targets().get(0).topicName());
        assertEquals(Errors.UNKNOWN_TOPIC_ID.code(), reply.response.responses().get(0).partitions().get(0).errorCode());
    }

    // ---- builders and helpers ----

    /** A fetch request under construction. */
    private static final class Fetch {
        private final FetchRequestData data = new FetchRequestData().setMaxBytes(50 << 20);

        Fetch(int sessionId, int epoch) {
            data.setSessionId(sessionId).setSessionEpoch(epoch);
        }

        Fetch topic(String topic, int... partitionIndexes) {
            FetchTopic fetchTopic = new FetchTopic().setTopic(topic);
            for (int p : partitionIndexes) {
                fetchTopic.partitions().add(at(p, 0));
            }
            data.topics().add(fetchTopic);
            return this;
        }

        Fetch topicId(Uuid topicId, int... partitionIndexes) {
            FetchTopic fetchTopic = new FetchTopic().setTopicId(topicId);
            for (int p : partitionIndexes) {
                fetchTopic.partitions().add(at(p, 0));
            }
            data.topics().add(fetchTopic);
            return this;
        }

        Fetch partition(String topic, FetchPartition partition) {
            data.topics().add(new FetchTopic().setTopic(topic).setPartitions(new ArrayList<>(List.of(partition))));
            return this;
        }

        Fetch forget(String topic, int... partitionIndexes) {
            data.forgottenTopicsData().add(new ForgottenTopic().setTopic(topic).setPartitions(ints(partitionIndexes)));
            return this;
        }

        Fetch forgetId(Uuid topicId, int... partitionIndexes) {
            data.forgottenTopicsData().add(new ForgottenTopic().setTopicId(topicId).setPartitions(ints(partitionIndexes)));
            return this;
        }

        Fetch maxBytes(int maxBytes) {
            data.setMaxBytes(maxBytes);
            return this;
        }

        FetchRequestData build() {
            return data;
        }

        private static List<Integer> ints(int... values) {
            List<Integer> list = new ArrayList<>();
            for (int v : values) {
                list.add(v);
            }
            return list;
        }
    }

    private static Fetch fetch(int sessionId, int epoch) {
        return new Fetch(sessionId, epoch);
    }

    private static FetchPartition at(int partition, long fetchOffset) {
        return new FetchPartition().setPartition(partition).setFetchOffset(fetchOffset).setPartitionMaxBytes(1 << 20);
    }

    /** A fetch and what the session layer answered. */
    private record Reply(FetchSessions.Resolved resolved, FetchResponseData response) {

        List<String> partitions() {
            return partitionsOf(response);
        }

        PartitionData partition(String topic, int index) {
            for (FetchableTopicResponse t : response.responses()) {
                for (PartitionData p : t.partitions()) {
                    if (t.topic().equals(topic) && p.partitionIndex() == index) {
                        return p;
                    }
                }
            }
            throw new AssertionError(topic + ":" + index + " not in " + partitionsOf(response));
        }
    }

    /** Resolves, serves and filters one fetch, as FetchHandler does without the long poll. */
    private Reply send(short version, Fetch fetch) {
        FetchRequestData request = fetch.build();
        FetchSessions.Resolved resolved = sessions.resolve(request, version, "c1");
        if (resolved.error() != Errors.NONE) {
            return new Reply(resolved, new FetchResponseData().setErrorCode(resolved.error().code()));
        }
        return new Reply(resolved, sessions.respond(resolved, serve(request, resolved)));
    }

    /** Opens a session with a full fetch and returns its id. */
    private int open(short version, Fetch fetch) {
        Reply reply = send(version, fetch);
        assertNotEquals(0, reply.response.sessionId(), "no session was created");
        return reply.response.sessionId();
    }

    /** Reads every target from the hosted partitions within max_bytes, first batch whole, like FetchHandler.read. */
    private FetchResponseData serve(FetchRequestData request, FetchSessions.Resolved resolved) {
        FetchResponseData response = new FetchResponseData();
        int budget = request.maxBytes();
        boolean minOneMessage = true;
        for (FetchSessions.Target target : resolved.targets()) {
            String topic = target.topicName() == null ? target.requestedName() : target.topicName();
            FetchableTopicResponse topicResponse = new FetchableTopicResponse().setTopic(topic).setTopicId(target.topicId());
            response.responses().add(topicResponse);
            PartitionData data = new PartitionData().setPartitionIndex(target.partition().partition())
                    .setRecords(MemoryRecords.EMPTY);
            topicResponse.partitions().add(data);
            Partition partition = target.topicName() == null ? null
                    : partitions.get(target.topicName(), target.partition().partition());
            if (partition == null) {
                data.setErrorCode(Errors.UNKNOWN_TOPIC_ID.code()).setHighWatermark(-1).setLastStableOffset(-1).setLogStartOffset(-1);
                continue;
            }
            data.setHighWatermark(partition.highWatermark()).setLastStableOffset(partition.lastStableOffset())
                    .setLogStartOffset(partition.logStartOffset());
            Errors epochError = FetchHandler.checkLeaderEpoch(target.partition().currentLeaderEpoch(), partition.leaderEpoch());
            if (epochError != Errors.NONE) {
                data.setErrorCode(epochError.code());
                continue;
            }
            try {
                data.setRecords(partition.read(target.partition().fetchOffset(),
                        Math.min(target.partition().partitionMaxBytes(), Math.max(budget, 0)), partition.highWatermark(),
                        minOneMessage).records());
            } catch (StorageException e) {
                data.setErrorCode(StorageErrors.toError(e).code());
                continue;
            }
            int size = data.records().sizeInBytes();
            if (size > 0) {
                minOneMessage = false;
            }
            budget -= size;
        }
        return response;
    }

    private static FetchResponseData response(String topic, PartitionData... partitionData) {
        FetchResponseData response = new FetchResponseData();
        FetchableTopicResponse topicResponse = new FetchableTopicResponse().setTopic(topic);
        topicResponse.partitions().addAll(List.of(partitionData));
        response.responses().add(topicResponse);
        return response;
    }

    private static PartitionData partitionData(int partition, long highWatermark, long logStartOffset) {
        return new PartitionData().setPartitionIndex(partition).setHighWatermark(highWatermark)
                .setLastStableOffset(highWatermark).setLogStartOffset(logStartOffset).setRecords(MemoryRecords.EMPTY);
    }

    private void append(String topic, int partition, String value) {
        partitions.get(topic, partition).appendAsLeader(new RecordBatchBuilder()
                .append(System.currentTimeMillis(), null, value.getBytes(StandardCharsets.UTF_8)).build());
    }

    private static List<String> partitionsOf(FetchResponseData response) {
        List<String> names = new ArrayList<>();
        for (FetchableTopicResponse topic : response.responses()) {
            for (PartitionData p : topic.partitions()) {
                names.add(topic.topic() + ":" + p.partitionIndex());
            }
        }
        return names;
    }

    private static List<String> names(List<FetchSessions.Target> targets) {
        List<String> names = new ArrayList<>();
        for (FetchSessions.Target t : targets) {
            names.add(t.topicName() + ":" + t.partition().partition());
        }
        return names;
    }

    private static FetchSessions.Target target(FetchSessions.Resolved resolved, String topic, int partition) {
        return resolved.targets().stream()
                .filter(t -> topic.equals(t.topicName()) && t.partition().partition() == partition)
                .findFirst().orElseThrow();
    }
}
