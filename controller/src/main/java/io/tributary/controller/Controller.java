package io.tributary.controller;

import io.tributary.common.Time;
import io.tributary.metadata.ApiMessageAndVersion;
import io.tributary.metadata.MetadataRecordType;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.MetadataListener;
import io.tributary.metadata.image.MetadataProvenance;
import io.tributary.metadata.record.FeatureLevelRecord;
import io.tributary.metadata.record.ProducerIdsRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.protocol.ApiMessage;
import io.tributary.protocol.Uuid;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller: turns administrative requests into metadata records, appends them to the
 * {@link MetadataLog}, applies them to the image and tells listeners (DESIGN D7). State changes only
 * by replaying records, live and at start-up, so a restart rebuilds exactly the same image.
 *
 * <p>Threading: every operation runs on the controller's one thread, in submission order, and sees
 * the image left by the previous one (STYLE habit 5). {@link #image()} may be read from any thread;
 * it shows a commit once every listener has applied it (so a listener must use the image it is given).
 */
public final class Controller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Controller.class);
    /** Producer ids handed to a broker at a time, as Kafka's controller does. */
    public static final int PRODUCER_ID_BLOCK_SIZE = 1000;
    /** The metadata.version feature level written on a new cluster. */
    static final short METADATA_VERSION = 27;

    private final MetadataLog metadataLog;
    private final ControllerConfig config;
    private final Time time;
    private final List<MetadataListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "controller");
        t.setDaemon(true);
        return t;
    });
    private volatile MetadataImage image = MetadataImage.EMPTY;

    public Controller(MetadataLog metadataLog, ControllerConfig config, Time time) {
        this.metadataLog = metadataLog;
        this.config = config;
        this.time = time;
    }

    public ControllerConfig config() {
        return config;
    }

    /** The latest image; replaced, never changed. */
    public MetadataImage image() {
        return image;
    }

    public void addListener(MetadataListener listener) {
        listeners.add(listener);
    }

    /** Replays the log into the image, then tells listeners once about everything in it. */
    public MetadataImage start() {
        MetadataDelta delta = new MetadataDelta(MetadataImage.EMPTY);
        long[] last = {-1};
        metadataLog.replay(batch -> {
            batch.records().forEach(r -> delta.replay(r.message()));
            last[0] = batch.lastOffset();
        });
        image = delta.apply(new MetadataProvenance(last[0], 0, time.milliseconds()));
        listeners.forEach(l -> l.onMetadataUpdate(delta, image));
        log.info("metadata loaded up to offset {}: {} topics, {} brokers", last[0], image.topics().topicsById().size(),
                image.cluster().brokers().size());
        return image;
    }

    /** The result of an operation: the records to commit and what to answer once they are. */
    public record Result<T>(List<ApiMessage> records, T response) {
        public static <T> Result<T> of(T response) {
            return new Result<>(List.of(), response);
        }
    }

    /**
     * Runs {@code operation} on the controller thread against the current image; commits its records
     * and applies them before completing with its response.
     */
    public <T> CompletableFuture<T> submit(Function<MetadataImage, Result<T>> operation) {
        return CompletableFuture.supplyAsync(() -> {
            Result<T> result = operation.apply(image);
            if (!result.records().isEmpty()) {
                commit(result.records());
            }
            return result.response();
        }, thread);
    }

    private void commit(List<ApiMessage> records) {
        List<ApiMessageAndVersion> versioned = new ArrayList<>(records.size());
        for (ApiMessage record : records) {
            versioned.add(new ApiMessageAndVersion(record, MetadataRecordType.of(record).highestSupportedVersion()));
        }
        long offset = metadataLog.append(versioned);
        MetadataDelta delta = new MetadataDelta(image);
        records.forEach(delta::replay);
        MetadataImage newImage = delta.apply(new MetadataProvenance(offset, 0, time.milliseconds()));
        for (MetadataListener listener : listeners) {
            try {
                listener.onMetadataUpdate(delta, newImage);
            } catch (RuntimeException e) {
                log.error("metadata listener {} failed", listener.name(), e);
            }
        }
        // Published to other threads only now: a client told of a new partition by Metadata must find it
        // hosted, not be refused (NOT_LEADER_OR_FOLLOWER) and retry after a backoff while its log is created.
        image = newImage;
    }

    /** Registers this node (once per incarnation) and, on a new cluster, the metadata.version feature. */
    public CompletableFuture<Void> registerBroker(RegisterBrokerRecord registration) {
        return submit(current -> {
            List<ApiMessage> records = new ArrayList<>();
            if (current.features().finalizedLevels().isEmpty()) {
                records.add(new FeatureLevelRecord().setName("metadata.version").setFeatureLevel(METADATA_VERSION));
            }
            long epoch = current.cluster().broker(config.nodeId()).map(b -> b.epoch() + 1).orElse(0L);
            records.add(registration.setBrokerId(config.nodeId()).setBrokerEpoch(epoch)
                    .setIncarnationId(Uuid.randomUuid()).setFenced(false));
            return new Result<>(records, null);
        });
    }

    /** Reserves a block of producer ids for this node; completes with the first id of the block. */
    public CompletableFuture<Long> allocateProducerIds() {
        return submit(current -> {
            long first = Math.max(current.producerIds().nextProducerId(), 0);
            ProducerIdsRecord record = new ProducerIdsRecord().setBrokerId(config.nodeId())
                    .setBrokerEpoch(current.cluster().broker(config.nodeId()).map(b -> b.epoch()).orElse(0L))
                    .setNextProducerId(first + PRODUCER_ID_BLOCK_SIZE);
            return new Result<>(List.of(record), first);
        });
    }

    @Override
    public void close() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(30, TimeUnit.SECONDS);
    }
}
