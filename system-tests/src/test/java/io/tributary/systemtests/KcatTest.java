package io.tributary.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** kcat (librdkafka 2.0) against a broker process: metadata, keyed produce and consume, every codec. */
class KcatTest {

    @RegisterExtension
    static final BrokerExtension broker = new BrokerExtension();

    private static Kcat kcat() {
        return new Kcat(broker.bootstrapServers(), broker.workDir());
    }

    private static List<String> keyedLines(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "-key-" + i + ":" + prefix + "-value-" + i).toList();
    }

    @Test
    void metadataListsTheBrokerAndTheTopicsWithTheirPartitions() throws Exception {
        JavaClients.createTopic(broker.bootstrapServers(), "kcat-listed", 3);
        int nodeId = JavaClients.clusterNodeId(broker.bootstrapServers());

        String listing = kcat().metadata().stdout();

        assertTrue(listing.contains(" 1 brokers:\n  broker " + nodeId + " at " + broker.bootstrapServers()), listing);
        assertTrue(listing.contains("topic \"kcat-listed\" with 3 partitions:"), listing);
        for (int p = 0; p < 3; p++) {
            assertTrue(listing.contains("partition " + p + ", leader " + nodeId + ", replicas: " + nodeId + ", isrs: " + nodeId),
                    listing);
        }
    }

    @Test
    void keyedMessagesProducedToANewTopicAreConsumedInOrder() {
        List<String> sent = keyedLines("auto", 5);

        kcat().produce("kcat-auto-created", sent, "none");

        assertEquals(sent, kcat().consumeFromBeginning("kcat-auto-created", 0));
    }

    /** Creates a one-partition topic and produces 50 keyed messages to it with {@code codec}. */
    private static List<String> produceCompressed(String topic, String codec) throws Exception {
        JavaClients.createTopic(broker.bootstrapServers(), topic, 1);
        List<String> sent = keyedLines(codec, 50);
        kcat().produce(topic, sent, codec);
        return sent;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void compressedBatchesAreStoredWithTheProducersCodec(String codec) throws Exception {
        String topic = "kcat-stored-" + codec;

        produceCompressed(topic, codec);

        // librdkafka sends a batch uncompressed when compressing does not make it smaller (a lone
        // message sent before the rest arrived): every batch is either codec or none.
        List<String> stored = StoredBatches.codecs(broker.dataDir().resolve(topic + "-0"));
        String batches = "sent with " + codec + "; codecs of the batches on disk: " + stored;
        assertTrue(stored.contains(codec), batches);
        assertTrue(stored.stream().allMatch(c -> c.equals(codec) || c.equals("none")), batches);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void compressedBatchesAreReadBackByKcat(String codec) throws Exception {
        String topic = "kcat-read-" + codec;

        List<String> sent = produceCompressed(topic, codec);

        assertEquals(sent, kcat().consumeFromBeginning(topic, 0));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void compressedBatchesAreReadBackByTheJavaClient(String codec) throws Exception {
        String topic = "kcat-java-" + codec;

        List<String> sent = produceCompressed(topic, codec);

        assertEquals(sent, JavaClients.readKeyedLines(broker.bootstrapServers(), topic, 0, 0, sent.size()));
    }

    @Test
    void manyMessagesAreConsumedAcrossSeveralFetches() {
        List<String> sent = keyedLines("bulk", 5_000);

        kcat().produce("kcat-bulk", sent, "none");

        assertEquals(sent, kcat().consumeFromBeginning("kcat-bulk", 0));
    }

    @Test
    void consumingFromAnOffsetStartsThere() {
        List<String> sent = keyedLines("from", 10);
        kcat().produce("kcat-from-offset", sent, "none");

        assertEquals(sent.subList(7, 10), kcat().consume("kcat-from-offset", 0, "7"));
    }

    @Test
    void groupConsumerRestartedReadsOnlyWhatItsGroupHasNotCommitted() throws Exception {
        JavaClients.createTopic(broker.bootstrapServers(), "kcat-group", 3);
        List<String> first = keyedLines("first", 30);
        kcat().produce("kcat-group", first, "none");
        List<String> firstRun = kcat().consumeAsGroup("kcat-group-g", "kcat-group");
        List<String> second = keyedLines("second", 10);
        kcat().produce("kcat-group", second, "none");

        List<String> secondRun = kcat().consumeAsGroup("kcat-group-g", "kcat-group");

        assertEquals(new java.util.TreeSet<>(first), new java.util.TreeSet<>(firstRun));
        assertEquals(first.size(), firstRun.size());
        assertEquals(new java.util.TreeSet<>(second), new java.util.TreeSet<>(secondRun));
        assertEquals(second.size(), secondRun.size());
    }
}
