package io.tributary.broker.clients.groups;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * One member of a consumer group, driven as an application drives it: a thread of its own
 * subscribes, polls every {@link #POLL} and keeps every record it is given. After each poll it
 * publishes what the member owns and its generation (member epoch under KIP-848), which tests
 * read from any thread. {@link #call} runs an action on the consumer between two polls, since a
 * {@code KafkaConsumer} must only be used from one thread.
 *
 * <p>{@link #close()} closes the consumer as an application shutting down would (a dynamic
 * member leaves the group; a static one stays until its session times out).
 */
final class GroupMember implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final long CLOSE_TIMEOUT_SECONDS = 30;

    private final String name;
    private final Thread thread;
    private final BlockingQueue<FutureTask<?>> actions = new LinkedBlockingQueue<>();
    private final List<ConsumerRecord<String, String>> records = new ArrayList<>();
    private final AtomicInteger assignedCallbacks = new AtomicInteger();
    private final CountDownLatch resumePolling = new CountDownLatch(1);
    private volatile Set<TopicPartition> assignment = Set.of();
    private volatile int generationId = -1;
    private volatile boolean closing;
    private volatile Throwable failure;
    /** Set and used only by the poll thread (actions run on it). */
    private KafkaConsumer<String, String> consumer;

    private GroupMember(String name, Map<String, Object> config, Collection<String> topics) {
        this.name = name;
        this.thread = new Thread(() -> run(config, topics), "group-member-" + name);
        this.thread.setDaemon(true);
    }

    /** Starts a member that subscribes to {@code topics} with this config. */
    static GroupMember start(String name, ConsumerSettings settings, String... topics) {
        GroupMember member = new GroupMember(name, settings.toMap(), List.of(topics));
        member.thread.start();
        return member;
    }

    String name() {
        return name;
    }

    /** The partitions the member owned after its last poll. */
    Set<TopicPartition> assignment() {
        throwIfFailed();
        return assignment;
    }

    /** {@code groupMetadata().generationId()} after the last poll: the generation (classic) or member epoch (consumer). */
    int generationId() {
        return generationId;
    }

    /** How often the member was told of newly assigned partitions (a rebalance that gave it something, or a first join). */
    int assignedCallbacks() {
        return assignedCallbacks.get();
    }

    List<ConsumerRecord<String, String>> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    int recordCount() {
        synchronized (records) {
            return records.size();
        }
    }

    /** Runs {@code action} on the poll thread between two polls and returns its result. */
    <T> T call(Function<KafkaConsumer<String, String>, T> action) {
        throwIfFailed();
        FutureTask<T> task = new FutureTask<>(() -> action.apply(consumer));
        actions.add(task);
        try {
            return task.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(name + ": " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError(name + ": action not run: " + e, e);
        }
    }

    /** Commits the position of every owned partition, i.e. everything the member has been given. */
    void commitSync() {
        call(consumer -> {
            consumer.commitSync();
            return null;
        });
    }

    /**
     * The member stops calling poll (as an application stuck in processing), while its client
     * keeps running; it stays stopped until closed.
     */
    void stopPolling() {
        throwIfFailed();
        actions.add(new FutureTask<>(() -> {
            resumePolling.await();
            return null;
        }));
    }

    @Override
    public void close() {
        closing = true;
        resumePolling.countDown();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(CLOSE_TIMEOUT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        actions.forEach(action -> action.cancel(false));
        if (thread.isAlive()) {
            throw new AssertionError(name + " not closed within " + CLOSE_TIMEOUT_SECONDS + " s");
        }
    }

    @Override
    public String toString() {
        return name + " (generation " + generationId + ") owns " + assignment;
    }

    private void run(Map<String, Object> config, Collection<String> topics) {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(config)) {
            consumer = c;
            c.subscribe(topics, new Listener());
            while (!closing) {
                List<ConsumerRecord<String, String>> polled = new ArrayList<>();
                c.poll(POLL).forEach(polled::add);
                synchronized (records) {
                    records.addAll(polled);
                }
                assignment = Set.copyOf(c.assignment());
                generationId = c.groupMetadata().generationId();
                runActions();
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    private void runActions() {
        FutureTask<?> action;
        while (!closing && (action = actions.poll()) != null) {
            action.run();
        }
    }

    private void throwIfFailed() {
        if (failure != null) {
            throw new AssertionError(name + " failed: " + failure, failure);
        }
    }

    private final class Listener implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                assignedCallbacks.incrementAndGet();
            }
        }
    }
}
