package io.tributary.broker.api;

import io.tributary.broker.partition.Partitions;
import io.tributary.protocol.Errors;
import io.tributary.protocol.Uuid;
import io.tributary.protocol.message.FetchRequestData;
import io.tributary.protocol.message.FetchRequestData.FetchPartition;
import io.tributary.protocol.message.FetchRequestData.FetchTopic;
import io.tributary.protocol.message.FetchRequestData.ForgottenTopic;
import io.tributary.protocol.message.FetchResponseData;
import io.tributary.protocol.message.FetchResponseData.FetchableTopicResponse;
import io.tributary.protocol.message.FetchResponseData.PartitionData;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Incremental fetch sessions (KIP-227). A consumer opens a session with a full fetch at epoch 0;
 * later fetches name only the partitions that changed, and responses carry only partitions with
 * news (records, an error, or a moved high watermark, last stable offset or log start offset).
 *
 * <ul>
 *   <li>session 0, epoch -1: a full fetch without a session;</li>
 *   <li>epoch 0: a full fetch that (re)creates a session (any session named is closed first);</li>
 *   <li>a session id, epoch -1: closes the session, full fetch;</li>
 *   <li>a session id, epoch n > 0: incremental; an unknown id is FETCH_SESSION_ID_NOT_FOUND, a
 *       wrong epoch INVALID_FETCH_SESSION_EPOCH.</li>
 * </ul>
 * The cache holds at most {@code max.incremental.fetch.session.cache.slots} sessions and evicts
 * the least recently used; an evicted client gets FETCH_SESSION_ID_NOT_FOUND and starts over.
 *
 * <p>Thread safety: the cache and each session are guarded by this object's monitor; fetches of
 * one session are serial in practice (one consumer).
 */
public final class FetchSessions {

    public static final int DEFAULT_MAX_SESSIONS = 1000;
    private static final int FINAL_EPOCH = -1;
    private static final int INITIAL_EPOCH = 0;

    /** One partition to read: the name it resolves to here (null if unknown), as asked. */
    public record Target(String requestedName, String topicName, Uuid topicId, FetchPartition partition) {
    }

    /**
     * The partitions a fetch reads, the session it belongs to (null if none), and whether it is an
     * incremental fetch (whose response leaves out partitions with no news).
     */
    public record Resolved(Errors error, List<Target> targets, Session session, boolean incremental) {
    }

    /** What a session remembers of each partition: how to fetch it and what was last sent. */
    private static final class CachedPartition {
        Target target;
        long highWatermark = -1;
        long lastStableOffset = -1;
        long logStartOffset = -1;
    }

    /** One session: its id, next expected epoch and partitions in fetch order. */
    public static final class Session {
        final int id;
        int nextEpoch = 1;
        final LinkedHashMap<String, CachedPartition> partitions = new LinkedHashMap<>();

        Session(int id) {
            this.id = id;
        }
    }

    private final Partitions partitionsRegistry;
    private final int maxSessions;
    private final LinkedHashMap<Integer, Session> sessions = new LinkedHashMap<>(16, 0.75f, true);

    public FetchSessions(Partitions partitions, int maxSessions) {
        this.partitionsRegistry = partitions;
        this.maxSessions = maxSessions;
    }

    public synchronized Resolved resolve(FetchRequestData fetch, short version, String connectionId) {
        List<Target> requested = targets(fetch, version);
        if (version < 7) {
            return new Resolved(Errors.NONE, requested, null, false);
        }
        int sessionId = fetch.sessionId();
        int epoch = fetch.sessionEpoch();
        if (epoch == FINAL_EPOCH || epoch == INITIAL_EPOCH) {
            if (sessionId != 0) {
                sessions.remove(sessionId);
            }
            if (epoch == FINAL_EPOCH || maxSessions == 0) {
                return new Resolved(Errors.NONE, requested, null, false);
            }
            Session session = newSession();
            update(session, requested, List.of(), version);
            return new Resolved(Errors.NONE, requested, session, false);
        }
        Session session = sessions.get(sessionId);
        if (session == null) {
            return new Resolved(Errors.FETCH_SESSION_ID_NOT_FOUND, List.of(), null, false);
        }
        if (session.nextEpoch != epoch) {
            return new Resolved(Errors.INVALID_FETCH_SESSION_EPOCH, List.of(), null, false);
        }
        session.nextEpoch = epoch == Integer.MAX_VALUE ? 1 : epoch + 1;
        update(session, requested, fetch.forgottenTopicsData(), version);
        List<Target> targets = new ArrayList<>(session.partitions.size());
        session.partitions.values().forEach(cached -> targets.add(cached.target));
        return new Resolved(Errors.NONE, targets, session, true);
    }

    /** Sets the session id on the response and, for an incremental fetch, drops partitions with no news. */
    public synchronized FetchResponseData respond(Resolved resolved, FetchResponseData response) {
        Session session = resolved.session();
        if (session == null) {
            return response.setSessionId(0);
        }
        response.setSessionId(session.id);
        boolean incremental = resolved.incremental();
        Iterator<FetchableTopicResponse> topics = response.responses().iterator();
        while (topics.hasNext()) {
            FetchableTopicResponse topic = topics.next();
            topic.partitions().removeIf(p -> !recordAndCheckNews(session, topic, p, incremental) && incremental);
            if (topic.partitions().isEmpty()) {
                topics.remove();
            }
        }
        return response;
    }

    /**
     * Moves a partition that returned records to the end of the session's order, as Kafka does, so
     * under {@code max_bytes} a partition with a backlog cannot starve the ones after it.
     */
    private static void rotate(Session session, String key) {
        CachedPartition cached = session.partitions.remove(key);
        if (cached != null) {
            session.partitions.put(key, cached);
        }
    }

    private boolean recordAndCheckNews(Session session, FetchableTopicResponse topic, PartitionData data, boolean incremental) {
        String key = key(topic.topic(), topic.topicId(), data.partitionIndex());
        CachedPartition cached = session.partitions.get(key);
        if (cached == null) {
            return true;
        }
        boolean error = data.errorCode() != Errors.NONE.code();
        boolean records = data.records() != null && data.records().sizeInBytes() > 0;
        boolean news = error || records
                || cached.highWatermark != data.highWatermark()
                || cached.lastStableOffset != data.lastStableOffset()
                || cached.logStartOffset != data.logStartOffset();
        // After an error the partition must be sent again once the error clears (Kafka's rule).
        cached.highWatermark = error ? -1 : data.highWatermark();
        cached.lastStableOffset = data.lastStableOffset();
        cached.logStartOffset = data.logStartOffset();
        if (records && incremental) {
            rotate(session, key);
        }
        return news;
    }

    private Session newSession() {
        while (sessions.size() >= maxSessions) {
            Iterator<Integer> eldest = sessions.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        int id;
        do {
            id = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
        } while (sessions.containsKey(id));
        Session session = new Session(id);
        sessions.put(id, session);
        return session;
    }

    private void update(Session session, List<Target> requested, List<ForgottenTopic> forgotten, short version) {
        for (ForgottenTopic topic : forgotten) {
            for (int partition : topic.partitions()) {
                session.partitions.remove(key(topic.topic(), topic.topicId(), partition));
            }
        }
        for (Target target : requested) {
            String key = key(target.requestedName(), target.topicId(), target.partition().partition());
            session.partitions.computeIfAbsent(key, k -> new CachedPartition()).target = target;
        }
    }

    private static String key(String topic, Uuid topicId, int partition) {
        return (Uuid.ZERO_UUID.equals(topicId) ? Objects.toString(topic) : topicId.toString()) + ":" + partition;
    }

    private List<Target> targets(FetchRequestData fetch, short version) {
        List<Target> targets = new ArrayList<>();
        for (FetchTopic topic : fetch.topics()) {
            String name = version >= 13 ? partitionsRegistry.topicName(topic.topicId()) : topic.topic();
            String requestedName = version >= 13 ? name : topic.topic();
            for (FetchPartition partition : topic.partitions()) {
                targets.add(new Target(requestedName, name, topic.topicId(), partition));
            }
        }
        return targets;
    }

    public synchronized int size() {
        return sessions.size();
    }
}
