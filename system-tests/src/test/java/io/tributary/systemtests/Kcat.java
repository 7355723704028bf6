package io.tributary.systemtests;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * kcat (librdkafka's command-line client) against one broker. Messages are {@code key:value}
 * lines, the form {@code -K:} reads and {@code -f '%k:%s\n'} prints.
 */
final class Kcat {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String KEYED_FORMAT = "%k:%s\\n";

    private final String bootstrapServers;
    private final Path workingDir;

    Kcat(String bootstrapServers, Path workingDir) {
        this.bootstrapServers = bootstrapServers;
        this.workingDir = workingDir;
    }

    /** {@code kcat -L}: the brokers, topics and partitions of the cluster's metadata. */
    CommandResult metadata() {
        return run(List.of("-L"), "").assertSuccess();
    }

    /**
     * {@code kcat -P -t topic -K:} with {@code keyedLines} on stdin, compressed with {@code codec}
     * ({@code -z}) unless it is "none". kcat's producer waits for acks=all (librdkafka's default)
     * and exits non-zero when a delivery fails.
     */
    CommandResult produce(String topic, List<String> keyedLines, String codec) {
        List<String> args = new ArrayList<>(List.of("-P", "-t", topic, "-K:"));
        if (!codec.equals("none")) {
            args.addAll(List.of("-z", codec));
        }
        return run(args, String.join("\n", keyedLines) + "\n").assertSuccess();
    }

    /** {@code kcat -C -p partition -o beginning -e}: every message of the partition, as key:value lines. */
    List<String> consumeFromBeginning(String topic, int partition) {
        return consume(topic, partition, "beginning");
    }

    /** {@code kcat -C -p partition -o offset -e}: the messages from {@code offset} to the end. */
    List<String> consume(String topic, int partition, String offset) {
        return run(List.of("-C", "-t", topic, "-p", Integer.toString(partition), "-o", offset, "-e",
                "-f", KEYED_FORMAT), "").assertSuccess().stdoutLines();
    }

    /**
     * {@code kcat -G group topic -e}: librdkafka's balanced consumer joins {@code group}, reads from
     * the group's committed offsets (earliest where none) to the end of every partition, and
     * commits what it read when it leaves; key:value lines.
     */
    List<String> consumeAsGroup(String group, String topic) {
        return run(List.of("-G", group, "-X", "auto.offset.reset=earliest", "-e", "-f", KEYED_FORMAT, topic), "")
                .assertSuccess().stdoutLines();
    }

    private CommandResult run(List<String> args, String stdin) {
        List<String> command = new ArrayList<>(List.of("kcat", "-b", bootstrapServers));
        command.addAll(args);
        return RunningCommand.run(command, workingDir, stdin, TIMEOUT);
    }
}
