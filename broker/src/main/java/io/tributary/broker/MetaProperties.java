package io.tributary.broker;

import io.tributary.protocol.Uuid;
import io.tributary.storage.Directories;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * A log directory's {@code meta.properties}, in Kafka's KRaft format (version 1): the cluster id and
 * node id the directory belongs to. A new directory gets a new cluster id (Tributary formats on
 * first start, where Kafka needs {@code kafka-storage format}); a directory of another node or
 * cluster stops start-up with a message naming both.
 */
record MetaProperties(String clusterId, int nodeId) {

    static final String FILE = "meta.properties";

    /** Reads the directory's identity, or writes a new one for {@code nodeId} (durably) if it has none. */
    static MetaProperties loadOrCreate(Path logDir, int nodeId, String clusterIdIfNew) throws IOException {
        Files.createDirectories(logDir);
        Path file = logDir.resolve(FILE);
        if (Files.exists(file)) {
            Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                props.load(reader);
            }
            String cluster = props.getProperty("cluster.id");
            String node = props.getProperty("node.id");
            if (cluster == null || node == null) {
                throw new IOException(file + ": missing cluster.id or node.id");
            }
            if (Integer.parseInt(node.trim()) != nodeId) {
                throw new IOException("Stored node id " + node.trim() + " in " + file + " doesn't match node.id " + nodeId
                        + ". The directory belongs to another node.");
            }
            return new MetaProperties(cluster.trim(), nodeId);
        }
        Properties props = new Properties();
        props.setProperty("version", "1");
        props.setProperty("cluster.id", clusterIdIfNew);
        props.setProperty("node.id", Integer.toString(nodeId));
        props.setProperty("directory.id", Uuid.randomUuid().toString());
        Path temp = logDir.resolve(FILE + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temp)) {
            props.store(writer, "");
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Directories.fsync(logDir);
        return new MetaProperties(clusterIdIfNew, nodeId);
    }
}
